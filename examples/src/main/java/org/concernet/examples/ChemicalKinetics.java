/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.Parameter;
import org.concernet.annotations.State;
import org.concernet.nn.Activation;

/**
 * The reversible reaction {@code X1 ⇌ X2} of ConCerNet (ICML 2023), section 5.1: first-order
 * kinetics with Arrhenius rates at 250 K, conserving the total mass {@code x1 + x2}. Rollouts are
 * evaluated from initial states outside the training range (appendix B).
 *
 * <p>Defaults differ from the paper's protocol ({@code --preset paper}) in two places: 3000
 * contrastive epochs instead of 1000, and the library's cosine learning-rate schedule instead
 * of a constant rate (see README, "Our defaults and the paper preset"). Both were chosen by
 * measuring 5-10 seeds of the paper's evaluation; the paper's protocol is one option away.
 */
@DynamicalSystem(
    name = "ChemicalKinetics",
    trajectories = 50,
    points = 30,
    startTime = 0.0,
    endTime = 3.0,
    noise = 0.01,
    evaluationTrajectories = 10,
    evaluationPoints = 1001,
    evaluationHorizon = 10.0,
    r2Trajectories = 500,
    latent = 1,
    hidden = {100, 100},
    activation = Activation.RELU,
    contrastiveEpochs = 3000,
    contrastiveBatch = 10,
    dynamicsEpochs = 1000,
    dynamicsBatch = 100)
public final class ChemicalKinetics {
  /** Gas constant (J / (mol K)) and temperature (K) of the Arrhenius rates. */
  static final double R = 8.31;
  static final double TEMPERATURE = 250.0;

  /** Forward rate k1 = A exp(-Ea1 / (R T)). */
  @Parameter double k1 = 10 * Math.exp(-5740 / (R * TEMPERATURE));
  /** Backward rate k2 = A exp(-Ea2 / (R T)). */
  @Parameter double k2 = 10 * Math.exp(-7470 / (R * TEMPERATURE));

  @State double x1;
  @State double x2;

  @Derivative("x1")
  double dx1() {
    return -k1 * x1 + k2 * x2;
  }

  @Derivative("x2")
  double dx2() {
    return k1 * x1 - k2 * x2;
  }

  /** Total mass. */
  @Invariant
  double mass() {
    return x1 + x2;
  }

  /** Training and R² states: a first-quadrant direction, radius uniform in [0.1, 100.1). */
  @InitialState
  void sample(RandomGenerator rng) {
    double angle = rng.nextDouble(0.0, Math.PI / 2);
    double radius = rng.nextDouble(0.1, 100.1);
    x1 = radius * Math.cos(angle);
    x2 = radius * Math.sin(angle);
  }

  /** Rollout states: direction (U[0,1), U[0,1)) normalised, radius uniform in [0, 200). */
  @InitialState(evaluation = true)
  void sampleEvaluation(RandomGenerator rng) {
    double a = rng.nextDouble();
    double b = rng.nextDouble();
    double norm = Math.hypot(a, b);
    double radius = rng.nextDouble(0.0, 200.0);
    x1 = radius * a / norm;
    x2 = radius * b / norm;
  }
}
