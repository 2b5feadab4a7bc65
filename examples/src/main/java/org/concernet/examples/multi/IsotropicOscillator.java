/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.multi;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.State;

/**
 * The 2-D isotropic harmonic oscillator, ẍ = −x, ÿ = −y: three independent invariants, the energy
 * of each coordinate and the angular momentum (the Fradkin tensor's off-diagonal xy + pxpy is a
 * fourth, but F12² + L² = 4ExEy makes it dependent on them up to its sign). Every trajectory is
 * an ellipse, a closed curve in the 4-D state space.
 */
@DynamicalSystem(
    name = "IsotropicOscillator",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0,
    trajectories = 100,
    points = 50,
    noise = 0.01,
    evaluationTrajectories = 10,
    evaluationPoints = 501,
    r2Trajectories = 100,
    latent = 3,
    hidden = {100, 100},
    contrastiveEpochs = 500,
    contrastiveBatch = 10,
    dynamicsEpochs = 300,
    dynamicsBatch = 100,
    levelSetNewton = 3)
public final class IsotropicOscillator {
  @State double x;
  @State double y;
  @State double px;
  @State double py;

  @Derivative("x")
  double dx() {
    return px;
  }

  @Derivative("y")
  double dy() {
    return py;
  }

  @Derivative("px")
  double dpx() {
    return -x;
  }

  @Derivative("py")
  double dpy() {
    return -y;
  }

  @Invariant
  double energyX() {
    return (x * x + px * px) / 2;
  }

  @Invariant
  double energyY() {
    return (y * y + py * py) / 2;
  }

  @Invariant
  double angularMomentum() {
    return x * py - y * px;
  }

  /**
   * Every coordinate in U[−1, 1), drawn again until x·py − y·px &gt; 0 and x·y + px·py &gt; 0. A level
   * set of (energyX, energyY, angularMomentum) has two components, told apart by the sign of the
   * Fradkin term xy + pxpy (itself conserved); with both signs fixed at the start, every trajectory
   * runs on one component and the three declared invariants determine it.
   */
  @InitialState
  void sample(RandomGenerator rng) {
    do {
      x = rng.nextDouble(-1.0, 1.0);
      y = rng.nextDouble(-1.0, 1.0);
      px = rng.nextDouble(-1.0, 1.0);
      py = rng.nextDouble(-1.0, 1.0);
    } while (x * py - y * px <= 0 || x * y + px * py <= 0);
  }
}
