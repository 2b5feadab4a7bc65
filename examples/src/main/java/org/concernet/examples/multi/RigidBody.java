/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.multi;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.Parameter;
import org.concernet.annotations.State;

/**
 * The free rigid body (Euler's equations) in body-frame angular momentum L with principal moments
 * of inertia 1, 2, 3: L̇ = L × ω, ω = (L1/I1, L2/I2, L3/I3). Two independent invariants, the kinetic
 * energy and |L|²; each trajectory is a closed curve where the ellipsoid E = const meets the sphere
 * |L|² = const.
 */
@DynamicalSystem(
    name = "RigidBody",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0,
    trajectories = 100,
    points = 50,
    noise = 0.01,
    evaluationTrajectories = 10,
    evaluationPoints = 501,
    r2Trajectories = 100,
    latent = 2,
    hidden = {100, 100},
    contrastiveEpochs = 500,
    contrastiveBatch = 10,
    dynamicsEpochs = 300,
    dynamicsBatch = 100,
    levelSetNewton = 3)
public final class RigidBody {
  @State double l1;
  @State double l2;
  @State double l3;

  @Parameter double i1 = 1.0;
  @Parameter double i2 = 2.0;
  @Parameter double i3 = 3.0;

  @Derivative("l1")
  double dl1() {
    return (1 / i3 - 1 / i2) * l2 * l3;
  }

  @Derivative("l2")
  double dl2() {
    return (1 / i1 - 1 / i3) * l3 * l1;
  }

  @Derivative("l3")
  double dl3() {
    return (1 / i2 - 1 / i1) * l1 * l2;
  }

  @Invariant
  double energy() {
    return (l1 * l1 / i1 + l2 * l2 / i2 + l3 * l3 / i3) / 2;
  }

  @Invariant
  double squaredMomentum() {
    return l1 * l1 + l2 * l2 + l3 * l3;
  }

  /**
   * A random direction with L1 &gt; 0 and L3 &gt; 0, and |L| in U[0.5, 1.5): energy and |L|² both vary
   * across trajectories. Each level set of (energy, |L|²) has two loops, around +L1 and −L1 (or +L3
   * and −L3); the sign of L1 (or L3) is then conserved too, and a full sphere of directions lets
   * the learned quantities separate trajectories by that sign instead of by the declared invariants.
   * With L1 &gt; 0 and L3 &gt; 0 at the start every trajectory runs on the + loop.
   */
  @InitialState
  void sample(RandomGenerator rng) {
    double z = rng.nextDouble(0.0, 1.0);
    double phi = rng.nextDouble(-Math.PI / 2, Math.PI / 2);
    double radius = rng.nextDouble(0.5, 1.5);
    double rho = Math.sqrt(1 - z * z);
    l1 = radius * rho * Math.cos(phi);
    l2 = radius * rho * Math.sin(phi);
    l3 = radius * z;
  }
}
