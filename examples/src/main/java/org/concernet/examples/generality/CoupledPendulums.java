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
 * Two unit pendulums joined by a torsion spring of stiffness 1/2 (4-D): angles q1, q2, angular
 * momenta p1, p2, energy {@code (p1² + p2²)/2 − cos q1 − cos q2 + (q1 − q2)²/4}, a trigonometric
 * invariant of a non-integrable system. Added in session 19, after the Hamiltonian ending was
 * measured on Hénon–Heiles and the Morse chain, as a system that ending was not chosen on. Part of
 * the generality suite.
 */
@DynamicalSystem(
    name = "CoupledPendulums",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class CoupledPendulums {
  @State double q1;
  @State double q2;
  @State double p1;
  @State double p2;

  @Derivative("q1")
  double dq1() {
    return p1;
  }

  @Derivative("q2")
  double dq2() {
    return p2;
  }

  @Derivative("p1")
  double dp1() {
    return -Math.sin(q1) - 0.5 * (q1 - q2);
  }

  @Derivative("p2")
  double dp2() {
    return -Math.sin(q2) + 0.5 * (q1 - q2);
  }

  @Invariant
  double energy() {
    return (p1 * p1 + p2 * p2) / 2 - Math.cos(q1) - Math.cos(q2) + 0.25 * (q1 - q2) * (q1 - q2);
  }

  /** Angles and momenta in U[−1, 1): swings up to about 80°, well into the nonlinear range. */
  @InitialState
  void sample(RandomGenerator rng) {
    q1 = rng.nextDouble(-1, 1);
    q2 = rng.nextDouble(-1, 1);
    p1 = rng.nextDouble(-1, 1);
    p2 = rng.nextDouble(-1, 1);
  }
}
