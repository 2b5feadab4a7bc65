/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 1001-node rod: HeatEquation's equations, inherited, at ten times the length. */
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

  @Test
  void isTheHeatEquationsDeclarationResized() {
    assertThat(LongRod.class.getSuperclass()).isEqualTo(HeatEquation.class);
    // away from the ends, both rods apply the same stencil to the same values
    double[] shortRod = new HeatEquationSystem().sampleInitialState(new SplittableRandom(9));
    double[] longRod = new double[1001];
    System.arraycopy(shortRod, 0, longRod, 450, 101);
    double[] shortField = new HeatEquationSystem().derivative(shortRod);
    double[] longField = rod.derivative(longRod);
    for (int i = 1; i < 100; i++) {
      assertThat(longField[450 + i]).isEqualTo(shortField[i]);
    }
    // the sampler centres the grid on 0 for either length: x_500 = 0 here, x_50 = 0 there
    double[] sampled = rod.sampleInitialState(new SplittableRandom(9));
    assertThat(sampled[500]).isEqualTo(shortRod[50]);
  }
}
