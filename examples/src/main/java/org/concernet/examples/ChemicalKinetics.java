/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Activation;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.Parameter;
import org.concernet.annotations.State;

/**
 * A reversible reaction X1 ⇌ X2 with Arrhenius rates at 250 K (paper section 5.1): the total
 * mass x1 + x2 is conserved. Evaluation rollouts start outside the training range, as the paper's.
 */
@DynamicalSystem(name = "ChemicalKinetics", trajectories = 50, points = 30, startTime = 0, endTime = 3,
    evaluationHorizon = 10, activation = Activation.RELU)
public class ChemicalKinetics {
  @State double x1;
  @State double x2;

  /** Forward rate k1 = A·exp(−Ea1 / (R·T)). */
  @Parameter double k1 = 10 * Math.exp(-5740 / (8.31 * 250));
  /** Backward rate k2 = A·exp(−Ea2 / (R·T)). */
  @Parameter double k2 = 10 * Math.exp(-7470 / (8.31 * 250));

  @Derivative("x1") double dx1() { return -k1 * x1 + k2 * x2; }
  @Derivative("x2") double dx2() { return k1 * x1 - k2 * x2; }

  @Invariant double mass() { return x1 + x2; }

  /** Training: a first-quadrant direction at a radius drawn from [0.1, 100.1). */
  @InitialState void sample(RandomGenerator rng) {
    double angle = 0.5 * Math.PI * rng.nextDouble();
    double radius = 0.1 + 100 * rng.nextDouble();
    x1 = radius * Math.cos(angle);
    x2 = radius * Math.sin(angle);
  }

  /** Evaluation: direction (U[0,1), U[0,1)) normalised, radius U[0, 200) — beyond the training range. */
  @InitialState(evaluation = true) void sampleEvaluation(RandomGenerator rng) {
    double a = rng.nextDouble();
    double b = rng.nextDouble();
    double norm = Math.hypot(a, b);
    double radius = 200 * rng.nextDouble();
    x1 = radius * a / norm;
    x2 = radius * b / norm;
  }
}
