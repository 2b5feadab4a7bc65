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
 * The suite's {@link Pendulum} as an engineer might declare it, in degrees and degrees per second:
 * θ in ±86°, ω in ±57°/s, energy ω²/2 − cos θ with both converted to radians. A guard for states
 * far from unit scale beside {@link RabbitsAndFoxes}: there the states are large counts, here they
 * are large because of the unit (docs/generality.md "States far from unit scale").
 */
@DynamicalSystem(name = "PendulumInDegrees", startTime = 0.0, endTime = 10.0, evaluationHorizon = 20.0)
public final class PendulumInDegrees {
  private static final double RAD = Math.PI / 180;

  @State double theta;
  @State double omega;

  @Derivative("theta")
  double dtheta() {
    return omega;
  }

  @Derivative("omega")
  double domega() {
    return -Math.sin(theta * RAD) / RAD;
  }

  @Invariant
  double energy() {
    return omega * RAD * omega * RAD / 2 - Math.cos(theta * RAD);
  }

  /** The radian pendulum's initial states, θ in U[−1.5, 1.5) and ω in U[−1, 1) rad, in degrees. */
  @InitialState
  void sample(RandomGenerator rng) {
    theta = rng.nextDouble(-1.5, 1.5) / RAD;
    omega = rng.nextDouble(-1.0, 1.0) / RAD;
  }
}
