/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
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

class DeflationLossTest {
  /** N trajectories × T points × m outputs, each entry in U(−1.5, 1.5). */
  private static double[][][] random(int count, int points, int m, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][][] h = new double[count][points][m];
    for (double[][] trajectory : h) {
      for (double[] point : trajectory) {
        for (int k = 0; k < m; k++) {
          point[k] = rng.nextDouble(-1.5, 1.5);
        }
      }
    }
    return h;
  }

  private static double[][] flat(double[][][] h) {
    double[][] out = new double[h.length * h[0].length][];
    for (int i = 0; i < h.length; i++) {
      for (int t = 0; t < h[0].length; t++) {
        out[i * h[0].length + t] = h[i][t];
      }
    }
    return out;
  }

  private static <T extends TNumber> double graph(double[][][] h, int degree, Class<T> type) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> loss = DeflationLoss.build(tf, Tensors.constant(tf, flat(h), type), h[0].length, degree);
      try (Result r = s.runner().fetch(loss).run()) {
        return Tensors.toScalar(r.get(0));
      }
    }
  }

  @Test
  void graphMatchesTheFloat64ReferenceOnATinyBatch() {
    for (int m = 1; m <= 3; m++) {
      for (int degree = 1; degree <= 3; degree++) {
        double[][][] h = random(12, 4, m, 100 * m + degree);
        double expected = DeflationLoss.reference(h, degree);
        assertThat(expected).isGreaterThan(0.01);
        assertThat(graph(h, degree, TFloat64.class)).isWithin(1e-10 * expected).of(expected);
        assertThat(graph(h, degree, TFloat32.class)).isWithin(1e-4 * expected).of(expected);
      }
    }
  }

  @Test
  void oneOutputIsThePapersLoss() {
    double[][][] h = random(5, 6, 1, 7);
    assertThat(DeflationLoss.reference(h, 2)).isWithin(1e-15).of(SquareRatioLoss.reference(h));
    assertThat(graph(h, 2, TFloat64.class)).isWithin(1e-12).of(SquareRatioLoss.reference(h));
  }

  /**
   * A second output that repeats a function of the first costs as much as noise (ratio 1/N per
   * anchor), where the joint loss finds it as good as the first; an independent conserved second
   * output costs as little as the first.
   */
  @Test
  void aRepeatedQuantityCostsWhatAnIndependentOneDoesNot() {
    int count = 10;
    int points = 8;
    SplittableRandom rng = new SplittableRandom(5);
    double[][][] repeated = new double[count][points][2];
    double[][][] independent = new double[count][points][2];
    for (int i = 0; i < count; i++) {
      double a = rng.nextDouble(-1, 1);
      double b = rng.nextDouble(-1, 1);
      for (int t = 0; t < points; t++) {
        double noise = 1e-3 * rng.nextDouble(-1, 1);
        double noise2 = 1e-3 * rng.nextDouble(-1, 1);
        repeated[i][t] = new double[] {a + noise, a * a - 0.5 * a + noise2};
        independent[i][t] = new double[] {a + noise, b + noise2};
      }
    }
    double first = SquareRatioLoss.reference(oneColumn(repeated, 0));
    assertThat(first).isLessThan(1e-4);
    // the joint loss cannot tell the two pairs apart
    assertThat(SquareRatioLoss.reference(repeated)).isLessThan(1e-4);
    assertThat(SquareRatioLoss.reference(independent)).isLessThan(1e-4);
    double deflatedRepeated = DeflationLoss.reference(repeated, 2);
    double deflatedIndependent = DeflationLoss.reference(independent, 2);
    assertThat(deflatedRepeated).isGreaterThan(0.3 / count);
    assertThat(deflatedIndependent).isLessThan(1e-4);
    assertThat(graph(repeated, 2, TFloat32.class)).isWithin(1e-3 * deflatedRepeated).of(deflatedRepeated);
    // degree 1 cannot remove a quadratic repeat: its residual still separates trajectories
    assertThat(DeflationLoss.reference(repeated, 1)).isLessThan(0.1 * deflatedRepeated);
  }

  private static double[][][] oneColumn(double[][][] h, int k) {
    double[][][] out = new double[h.length][h[0].length][1];
    for (int i = 0; i < h.length; i++) {
      for (int t = 0; t < h[0].length; t++) {
        out[i][t][0] = h[i][t][k];
      }
    }
    return out;
  }

  @Test
  void termsCountsTheMonomials() {
    assertThat(DeflationLoss.terms(1, 2)).isEqualTo(3);
    assertThat(DeflationLoss.terms(2, 2)).isEqualTo(6);
    assertThat(DeflationLoss.terms(2, 3)).isEqualTo(10);
  }

  @Test
  void badShapeOrDegreeIsNamed() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> three = tf.zeros(tf.constant(new long[] {5, 3, 1}), TFloat64.class);
      IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
          () -> DeflationLoss.build(tf, three, 5, 2));
      assertThat(shape).hasMessageThat().contains("shaped [N·T, m] with m known, found [5, 3, 1]");
      Operand<TFloat64> two = tf.zeros(tf.constant(new long[] {10, 2}), TFloat64.class);
      IllegalArgumentException degree = assertThrows(IllegalArgumentException.class,
          () -> DeflationLoss.build(tf, two, 5, 0));
      assertThat(degree).hasMessageThat().contains("degree must be at least 1, was 0");
    }
  }
}
