/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 1001-node rod: the same equations as HeatEquation at ten times the length. */
class LongRodTest {
  private final LongRodSystem rod = new LongRodSystem();

  @Test
  void isTenTimesTheHeatEquationsRodWithTheSameSpacing() {
    assertThat(rod.dimension()).isEqualTo(1001);
    assertThat(rod.stateNames().get(1000)).isEqualTo("u[1000]");
    assertThat(rod.graphFormUnavailableReason()).isEmpty();
    assertThat(rod.protocol().autoencoder().get().latent()).isEqualTo(16);
  }

  @Test
  void zeroFluxEndsConserveTheTotalHeat() {
    double[] u = rod.sampleInitialState(new SplittableRandom(5));
    double[] du = rod.derivative(u);
    double sum = 0;
    double scale = 0;
    for (double d : du) {
      sum += d;
      scale += Math.abs(d);
    }
    assertThat(Math.abs(sum)).isAtMost(1e-12 * scale);
    // the bump starts near the centre: the ends of the long rod are cold
    assertThat(u[0]).isLessThan(1e-100);
    assertThat(u[500]).isGreaterThan(0.0);
  }
}
