/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpWeightsOutputsTest {
  @Test
  void selectedOutputsAreThoseOfTheWholeNetworkInTheGivenOrder() {
    MlpWeights all = MlpWeights.initialize(3, List.of(6, 5), 4, Activation.TANH, new SplittableRandom(3));
    MlpWeights two = all.outputs(List.of(3, 1));
    assertThat(two.outputSize()).isEqualTo(2);
    double[] x = {0.2, -0.7, 1.1};
    double[] full = all.apply(x);
    double[] some = two.apply(x);
    assertThat(some[0]).isEqualTo(full[3]);
    assertThat(some[1]).isEqualTo(full[1]);
    double[][] g = all.inputGradient(x);
    double[][] gs = two.inputGradient(x);
    for (int k = 0; k < 3; k++) {
      assertThat(gs[k][0]).isEqualTo(g[k][3]);
      assertThat(gs[k][1]).isEqualTo(g[k][1]);
    }
    assertThat(assertThrows(IllegalArgumentException.class, () -> all.outputs(List.of(4))))
        .hasMessageThat().isEqualTo("output 4 does not exist: the network has 4");
  }
}
