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
 * Three unit masses between two walls, joined by four Morse springs {@code V(r) = (1 − e^(−r))²}
 * (6-D): displacements u1..u3 from equilibrium, momenta p1..p3, energy
 * {@code Σ p²/2 + V(u1) + V(u2 − u1) + V(u3 − u2) + V(−u3)}, an exponential invariant of a
 * non-integrable chain. Part of the generality suite.
 */
@DynamicalSystem(
    name = "MorseChain",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class MorseChain {
  @State double u1;
  @State double u2;
  @State double u3;
  @State double p1;
  @State double p2;
  @State double p3;

  /** V(r) = (1 − e^(−r))². */
  double v(double r) {
    return (1 - Math.exp(-r)) * (1 - Math.exp(-r));
  }

  /** V'(r) = 2(1 − e^(−r)) e^(−r), the tension of a spring stretched by r. */
  double tension(double r) {
    return 2 * (1 - Math.exp(-r)) * Math.exp(-r);
  }

  @Derivative("u1")
  double du1() {
    return p1;
  }

  @Derivative("u2")
  double du2() {
    return p2;
  }

  @Derivative("u3")
  double du3() {
    return p3;
  }

  @Derivative("p1")
  double dp1() {
    return -tension(u1) + tension(u2 - u1);
  }

  @Derivative("p2")
  double dp2() {
    return -tension(u2 - u1) + tension(u3 - u2);
  }

  @Derivative("p3")
  double dp3() {
    return -tension(u3 - u2) + tension(-u3);
  }

  @Invariant
  double energy() {
    return (p1 * p1 + p2 * p2 + p3 * p3) / 2 + v(u1) + v(u2 - u1) + v(u3 - u2) + v(-u3);
  }

  /**
   * Every coordinate in U[−0.2, 0.2): energy at most about 0.64, below the dissociation energy 1
   * of a single spring, so the chain stays together.
   */
  @InitialState
  void sample(RandomGenerator rng) {
    u1 = rng.nextDouble(-0.2, 0.2);
    u2 = rng.nextDouble(-0.2, 0.2);
    u3 = rng.nextDouble(-0.2, 0.2);
    p1 = rng.nextDouble(-0.2, 0.2);
    p2 = rng.nextDouble(-0.2, 0.2);
    p3 = rng.nextDouble(-0.2, 0.2);
  }
}
