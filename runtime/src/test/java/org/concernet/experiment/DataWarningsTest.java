/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.concernet.data.Trajectories;
import org.concernet.testsystems.Spring;
import org.junit.jupiter.api.Test;

class DataWarningsTest {
  @Test
  void derivativesOfOneScaleGiveNoWarning() {
    assertThat(DataWarnings.derivativeSpan(Spring.data(25, 30, 0.01, 3))).isEmpty();
  }

  @Test
  void derivativesSpanningOrdersOfMagnitudeAreNamedWithWhereTheLargestIs() {
    // Kepler-like: |ẋ| ~ 1 everywhere, 1e5 at one point that passes next to r = 0
    double[][] times = {{0, 1, 2}, {0, 1, 2}};
    double[][][] states = {{{1, 0}, {0.5, 0}, {0.001, 0}}, {{1, 1}, {2, 1}, {3, 1}}};
    double[][][] derivatives = {{{1, 0}, {1, 1}, {1e5, 0}}, {{1, 0}, {1, 0}, {1, 0}}};
    Trajectories data = Trajectories.of(List.of("x", "v"), times, states, derivatives);
    String warning = DataWarnings.derivativeSpan(data).orElseThrow();
    assertThat(warning).startsWith("the training derivatives span 5.0 orders of magnitude (median |ẋ| 1.00, largest"
        + " 1.00e+05 at (0.00100, 0.00) of trajectory 0, point 2)");
    assertThat(warning).contains("@InitialState");
  }

  @Test
  void aModelThatExplainsLittleOfTheDerivativesIsNamed() {
    Trajectories data = Spring.data(25, 30, 0.0, 3);
    assertThat(DataWarnings.unfit("baseline", 1e-4, data)).isEmpty();
    String warning = DataWarnings.unfit("baseline", 10.0, data).orElseThrow();
    assertThat(warning).startsWith("the baseline dynamics model's final training loss 10.0 leaves");
    assertThat(warning).contains("--dynamics-epochs");
  }
}
