/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

class IndependenceLossTest {
  @Test
  void referenceIsTheMeanSquaredCosineOverPairs() {
    // point 1: ∇H_1 = (1, 0), ∇H_2 = (1, 1): cos² = 1/2; point 2: (1, 0) and (0, 2): 0
    double[][][] g = {{{1, 1}, {0, 1}}, {{1, 0}, {0, 2}}};
    assertThat(IndependenceLoss.reference(g)).isWithin(1e-11).of(0.25);
  }

  @Test
  void aFunctionOfAnotherOutputCostsTheWholeTerm() {
    // H_2 = g(H_1) has ∇H_2 = g'(H_1) ∇H_1 at every point: cos² = 1, whatever g' is (here −3 and 0.5)
    double[][][] g = {{{1, -3}, {2, -6}, {-1, 3}}, {{0.2, 0.1}, {1, 0.5}, {0, 0}}};
    assertThat(IndependenceLoss.reference(g)).isWithin(1e-11).of(1.0);
  }

  @Test
  void graphMatchesTheFloat64ReferenceForTwoAndThreeOutputs() {
    for (int m : new int[] {2, 3}) {
      MlpWeights weights = MlpWeights.initialize(4, List.of(8, 8), m, Activation.TANH, new SplittableRandom(3 + m));
      double[][] x = GradientTerms.uniform(20, 4, 17);
      double[][][] g = new double[x.length][][];
      for (int p = 0; p < x.length; p++) {
        g[p] = weights.inputGradient(x[p]);
      }
      double expected = IndependenceLoss.reference(g);
      assertThat(expected).isGreaterThan(0.01);
      assertThat(graph(weights, x, TFloat64.class)).isWithin(1e-12).of(expected);
      assertThat(graph(weights, x, TFloat32.class)).isWithin(1e-5).of(expected);
    }
  }

  private static <T extends TNumber> double graph(MlpWeights weights, double[][] x, Class<T> type) {
    return GradientTerms.evaluate(IndependenceLoss::build, weights, x, type);
  }

  /**
   * The per-output loss is the mean of each output's own square ratio loss, so an output scaled by
   * 1000 weighs as much as the other; the joint loss of the paper is dominated by the large one.
   */
  @Test
  void perOutputLossIsTheMeanOfEachOutputsOwnLoss() {
    int points = 6;
    double[][] h = GradientTerms.uniform(4 * points, 2, 23);
    for (double[] row : h) {
      row[1] *= 1000;
    }
    double[][] first = new double[h.length][1];
    double[][] second = new double[h.length][1];
    for (int p = 0; p < h.length; p++) {
      first[p][0] = h[p][0];
      second[p][0] = h[p][1];
    }
    double perOutput = loss(h, points, true);
    double a = loss(first, points, false);
    double b = loss(second, points, false);
    assertThat(perOutput).isWithin(1e-12).of((a + b) / 2);
    assertThat(Math.abs(a - b)).isGreaterThan(0.01);
    assertThat(loss(h, points, false)).isWithin(1e-5).of(b);
    // one output: the same as the paper's loss
    assertThat(loss(first, points, true)).isWithin(1e-15).of(a);
  }

  private static double loss(double[][] h, int points, boolean perOutput) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> hs = Tensors.constant(tf, h, TFloat64.class);
      Operand<TFloat64> loss = perOutput ? IndependenceLoss.perOutputSquareRatio(tf, hs, points)
          : SquareRatioLoss.build(tf, hs, points);
      try (Result r = s.runner().fetch(loss).run()) {
        return Tensors.toScalar(r.get(0));
      }
    }
  }

  @Test
  void oneOutputHasNoIndependenceTerm() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> one = tf.zeros(tf.constant(new long[] {5, 3, 1}), TFloat64.class);
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> IndependenceLoss.build(tf, one));
      assertThat(e).hasMessageThat().contains("with m >= 2 known, found [5, 3, 1]");
    }
  }
}
