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
 * A strongly hardening (Duffing) oscillator {@code q' = p, p' = −q − 4q³}, energy
 * {@code p²/2 + q²/2 + q⁴}: over the sampled amplitudes the quartic term dominates and the
 * frequency changes about threefold, so the field is far from linear. Part of the generality suite.
 */
@DynamicalSystem(
    name = "Duffing",
    startTime = 0.0,
    endTime = 5.0,
    evaluationHorizon = 10.0)
public final class Duffing {
  @State double q;
  @State double p;

  @Derivative("q")
  double dq() {
    return p;
  }

  @Derivative("p")
  double dp() {
    return -q - 4 * q * q * q;
  }

  @Invariant
  double energy() {
    return p * p / 2 + q * q / 2 + q * q * q * q;
  }

  /** A random direction, radius U[0.2, 1.5): energies from 0.02 to about 6. */
  @InitialState
  void sample(RandomGenerator rng) {
    double angle = rng.nextDouble(0.0, 2 * Math.PI);
    double radius = rng.nextDouble(0.2, 1.5);
    q = radius * Math.cos(angle);
    p = radius * Math.sin(angle);
  }
}
