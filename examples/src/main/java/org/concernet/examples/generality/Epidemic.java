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
 * The SIR epidemic with contact rate 2 and recovery rate 1, in its susceptible and infected
 * fractions: {@code S' = −2SI, I' = 2SI − I}. Dissipative-looking (every trajectory ends on I = 0)
 * yet {@code S + I − ln(S)/2} is conserved: a logarithmic invariant of a non-Hamiltonian,
 * non-oscillating system. Part of the generality suite.
 */
@DynamicalSystem(
    name = "Epidemic",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class Epidemic {
  /** Susceptible fraction. */
  @State double s;
  /** Infected fraction. */
  @State double i;

  @Derivative("s")
  double ds() {
    return -2 * s * i;
  }

  @Derivative("i")
  double di() {
    return 2 * s * i - i;
  }

  @Invariant
  double h() {
    return s + i - Math.log(s) / 2;
  }

  /** S in U[0.3, 1), I in U[0.02, 0.3): outbreaks that grow (S &gt; 1/2) and ones that fade. */
  @InitialState
  void sample(RandomGenerator rng) {
    s = rng.nextDouble(0.3, 1.0);
    i = rng.nextDouble(0.02, 0.3);
  }
}
