/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.util.random.RandomGenerator;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;

/**
 * {@link AlignedKepler} (Kepler's equations, invariants, 1/r candidate and protocol, two learned
 * outputs, every periapsis on the +x axis) with more eccentric orbits: eccentricity uniform in
 * [0, 0.6) instead of Kepler's [0, 0.3). On Kepler's nearly circular orbits E·L² = −k(2 − k)/2 lies
 * within 9% of −1/2, so the energy is nearly a function of the angular momentum and their gradients
 * are nearly parallel; here k(2 − k) ranges over [0.64, 1], so the energy varies on its own. The
 * system tests whether two learned outputs explain both invariants when the data let them
 * (docs/several-invariants.md).
 */
@DynamicalSystem(
    name = "EccentricKepler",
    trajectories = 400,
    points = 100,
    startTime = 0.0,
    endTime = 10.0,
    noise = 0.01,
    evaluationTrajectories = 10,
    evaluationPoints = 1001,
    evaluationHorizon = 5.0,
    r2Trajectories = 500,
    latent = 2,
    hidden = {100, 100},
    contrastiveEpochs = 375,
    contrastiveBatch = 10,
    dynamicsEpochs = 250,
    dynamicsBatch = 100)
public final class EccentricKepler extends Kepler {
  /**
   * Radius uniform in [0.1, 1.0) on the +x axis, velocity along −y with speed √(U[1, 1.6) / r):
   * every orbit starts at its periapsis (k = r·v² ≥ 1) with eccentricity k − 1, and its
   * Runge–Lenz vector points along +x.
   */
  @InitialState
  @Override
  void sample(RandomGenerator rng) {
    double radius = rng.nextDouble(0.1, 1.0);
    x = radius;
    y = 0;
    vx = 0;
    vy = -Math.sqrt(rng.nextDouble(1.0, 1.6) / radius);
  }
}
