/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

class VolumeLossTest {
  @Test
  void referenceOfOrthogonalAndOfHalfParallelGradients() {
    // point 1: orthogonal (det 1); point 2: cos² = 1/2 (det 1/2): −log(3/4)
    double[][][] g = {{{1, 0}, {0, 3}}, {{1, 1}, {0, 1}}};
    assertThat(VolumeLoss.reference(g)).isWithin(1e-11).of(-Math.log(0.75));
  }

  @Test
  void aFunctionOfAnotherOutputIsDependentEverywhere() {
    // ∇H_2 = g'(H_1) ∇H_1 at every point: det 0, the term is −log ε
    double[][][] g = {{{1, -3}, {2, -6}, {-1, 3}}, {{0.2, 0.1}, {1, 0.5}, {0, 0}}};
    assertThat(VolumeLoss.reference(g)).isGreaterThan(25.0);
  }

  @Test
  void graphMatchesTheFloat64ReferenceForTwoAndThreeOutputs() {
    for (int m : new int[] {2, 3}) {
      MlpWeights weights = MlpWeights.initialize(4, List.of(8, 8), m, Activation.TANH, new SplittableRandom(3 + m));
      SplittableRandom rng = new SplittableRandom(17);
      double[][] x = new double[20][4];
      for (double[] row : x) {
        for (int d = 0; d < 4; d++) {
          row[d] = rng.nextDouble(-1.5, 1.5);
        }
      }
      double[][][] g = new double[x.length][][];
      for (int p = 0; p < x.length; p++) {
        g[p] = weights.inputGradient(x[p]);
      }
      double expected = VolumeLoss.reference(g);
      assertThat(expected).isGreaterThan(0.01);
      assertThat(graph(weights, x, TFloat64.class)).isWithin(1e-9).of(expected);
      assertThat(graph(weights, x, TFloat32.class)).isWithin(1e-4).of(expected);
    }
  }

  private static <T extends TNumber> double graph(MlpWeights weights, double[][] x, Class<T> type) {
    return GradientTerms.evaluate(VolumeLoss::build, weights, x, type);
  }
}
