/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.util.random.RandomGenerator;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;

/**
 * The {@link Kepler} problem (its equations, invariants and 1/r candidate term, inherited; its
 * protocol with two learned outputs) with every orbit's periapsis on one axis. The paper's
 * sampler starts each orbit at its periapsis at a uniform angle, so the Runge–Lenz vector's
 * direction is a third conserved quantity that differs between trajectories, and two learned
 * outputs find it before the energy (docs/several-invariants.md); here it is the same on every
 * trajectory, so the data hold exactly the two declared invariants.
 */
@DynamicalSystem(
    name = "AlignedKepler",
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
public final class AlignedKepler extends Kepler {
  /**
   * Kepler's sampler with the periapsis on the +x axis: radius uniform in [0.1, 1.0), velocity
   * along −y with speed √(U[1, 1.3) / r). Every orbit starts at its periapsis, as in Kepler, but
   * at one angle, so the Runge–Lenz vector points along +x on every trajectory and only the
   * energy and the angular momentum vary across them.
   */
  @InitialState
  @Override
  void sample(RandomGenerator rng) {
    double radius = rng.nextDouble(0.1, 1.0);
    x = radius;
    y = 0;
    vx = 0;
    vy = -Math.sqrt(rng.nextDouble(1.0, 1.3) / radius);
  }
}
