/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.generality;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.State;

/**
 * The ideal pendulum {@code θ' = ω, ω' = −sin θ}, energy {@code ω²/2 − cos θ}: a trigonometric
 * invariant. Part of the generality suite.
 */
@DynamicalSystem(
    name = "Pendulum",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class Pendulum {
  /** Angle from the bottom. */
  @State double theta;
  /** Angular velocity. */
  @State double omega;

  @Derivative("theta")
  double dtheta() {
    return omega;
  }

  @Derivative("omega")
  double domega() {
    return -Math.sin(theta);
  }

  @Invariant
  double energy() {
    return omega * omega / 2 - Math.cos(theta);
  }

  /** θ in U[−1.5, 1.5), ω in U[−1, 1): energy at most 0.43, below the separatrix (1): swinging, never rotating. */
  @InitialState
  void sample(RandomGenerator rng) {
    theta = rng.nextDouble(-1.5, 1.5);
    omega = rng.nextDouble(-1.0, 1.0);
  }
}
