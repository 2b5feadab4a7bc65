/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link EnergyForm}: k from the motion, then R² of a cubic in H against the energy. */
class EnergyFormTest {
  private static final int N = 400;

  /** States spread over the phase plane. */
  private static double[][] states(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] states = new double[N][];
    for (int p = 0; p < N; p++) {
      states[p] = new double[] {rng.nextDouble(-1.4, 1.4), rng.nextDouble(-1.5, 1.5)};
    }
    return states;
  }

  /** The derivatives of damped motion with constant k: (v, −k·force(q) − c·v) plus noise. */
  private static double[][] derivatives(EnergyForm form, double[][] states, double k, double damping, double noise,
      long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] d = new double[states.length][];
    for (int p = 0; p < states.length; p++) {
      double q = states[p][0];
      double v = states[p][1];
      d[p] = new double[] {v, -k * form.forcePerK(q) - damping * v + noise * rng.nextDouble(-1, 1)};
    }
    return d;
  }

  /** H = tanh(E / max|E|), a smooth monotone function of the energy, plus uniform noise of the given size. */
  private static double[][] h(EnergyForm form, double[][] states, double k, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double max = 0;
    for (double[] x : states) {
      max = Math.max(max, Math.abs(form.value(x[0], x[1], k)));
    }
    double[][] h = new double[states.length][];
    for (int p = 0; p < states.length; p++) {
      h[p] = new double[] {Math.tanh(form.value(states[p][0], states[p][1], k) / max) + noise * rng.nextDouble(-1, 1)};
    }
    return h;
  }

  @Test
  void kComesFromTheMotionDespiteDampingAndNoise() {
    double[][] x = states(1);
    assertThat(EnergyForm.PENDULUM.constant(x, derivatives(EnergyForm.PENDULUM, x, 1.23, 0.02, 0.05, 2)))
        .isWithin(0.02).of(1.23);
    assertThat(EnergyForm.SPRING.constant(x, derivatives(EnergyForm.SPRING, x, 6.0, 0.05, 0.1, 3)))
        .isWithin(0.05).of(6.0);
  }

  @Test
  void aFunctionOfTheEnergyScoresNearOne() {
    double[][] x = states(4);
    assertThat(EnergyForm.PENDULUM.fit(h(EnergyForm.PENDULUM, x, 1.23, 0, 5), x, 1.23).r2Cubic()).isGreaterThan(0.999);
    assertThat(EnergyForm.SPRING.fit(h(EnergyForm.SPRING, x, 6.0, 0, 6), x, 6.0).r2Cubic()).isGreaterThan(0.999);
  }

  @Test
  void theWrongKOrAFunctionOfOneCoordinateScoresLower() {
    double[][] x = states(7);
    double[][] right = h(EnergyForm.PENDULUM, x, 1.23, 0, 8);
    assertThat(EnergyForm.PENDULUM.fit(right, x, 0.3).r2Cubic()).isLessThan(0.95);
    double[][] angleOnly = new double[N][];
    for (int p = 0; p < N; p++) {
      angleOnly[p] = new double[] {x[p][0]};
    }
    assertThat(EnergyForm.PENDULUM.fit(angleOnly, x, 1.23).r2Cubic()).isLessThan(0.7);
  }

  @Test
  void noiseInHLowersR2() {
    double[][] x = states(9);
    double r2 = EnergyForm.PENDULUM.fit(h(EnergyForm.PENDULUM, x, 1.23, 0.2, 10), x, 1.23).r2Cubic();
    assertThat(r2).isLessThan(0.99);
    assertThat(r2).isGreaterThan(0.5);
  }

  @Test
  void formsAreNamedAndBadInputRefused() {
    assertThat(EnergyForm.of("Pendulum")).isEqualTo(EnergyForm.PENDULUM);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyForm.of("kepler"));
    assertThat(e).hasMessageThat().contains("unknown energy form 'kepler'; expected pendulum");
    assertThrows(IllegalArgumentException.class, () -> EnergyForm.SPRING.fit(new double[3][1], new double[3][2], 1));
    assertThrows(IllegalArgumentException.class,
        () -> EnergyForm.SPRING.constant(new double[][] {{0, 1}}, new double[][] {{1, 0}}));
  }
}
