/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.nn.Activation;
import org.concernet.nn.Mlp;
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

class ProjectionTest {
  private static final int BATCH = 50;

  @Test
  void projectedFieldIsOrthogonalToOneGradient() {
    checkOrthogonal(2, 1, TFloat64.class, 1e-12);
  }

  @Test
  void projectedFieldIsOrthogonalToThreeGradients() {
    checkOrthogonal(5, 3, TFloat64.class, 1e-12);
  }

  @Test
  void float32IsOrthogonalToItsRounding() {
    checkOrthogonal(5, 3, TFloat32.class, 1e-5);
  }

  /** For a random H (n → 16 → m) and random f: |G_iᵀ f̃| ≤ tol |G_i| |f| in the graph and in Java. */
  private static <T extends TNumber> void checkOrthogonal(int n, int m, Class<T> type, double tol) {
    SplittableRandom rng = new SplittableRandom(n * 10L + m);
    MlpWeights h = MlpWeights.initialize(n, List.of(16), m, Activation.TANH, rng);
    double[][] x = random(rng, BATCH, n);
    double[][] f = random(rng, BATCH, n);
    double[] graph;
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> xs = Tensors.constant(tf, x, type);
      Operand<T> fs = Tensors.constant(tf, f, type);
      Operand<T> projected = Projection.project(tf, fs, Mlp.frozen(tf, h, type).inputGradient(xs));
      try (Result r = s.runner().fetch(projected).run()) {
        graph = Tensors.toDoubles(r.get(0));
      }
    }
    for (int b = 0; b < BATCH; b++) {
      double[][] gradient = h.inputGradient(x[b]);
      double[] java = Projection.project(f[b], gradient);
      double[] fromGraph = java.clone();
      System.arraycopy(graph, b * n, fromGraph, 0, n);
      for (int i = 0; i < m; i++) {
        double[] column = new double[n];
        for (int k = 0; k < n; k++) {
          column[k] = gradient[k][i];
        }
        double scale = norm(column) * norm(f[b]);
        assertThat(Math.abs(dot(column, java))).isAtMost(1e-13 * scale);
        assertThat(Math.abs(dot(column, fromGraph))).isAtMost(tol * scale);
      }
      // the projection removes nothing orthogonal to G: f − f̃ lies in span(G), so f̃·f̃ = f̃·f
      assertThat(dot(java, java)).isWithin(1e-12 * dot(f[b], f[b])).of(dot(java, f[b]));
    }
  }

  @Test
  void oneGradientMatchesTheClosedForm() {
    double[] f = {0.3, -1.2, 2.0};
    double[][] g = {{1.0}, {2.0}, {-0.5}};
    double gf = 0.3 - 2.4 - 1.0;
    double gg = 1 + 4 + 0.25;
    double[] expected = {0.3 - gf / gg, -1.2 - 2 * gf / gg, 2.0 + 0.5 * gf / gg};
    double[] actual = Projection.project(f, g);
    for (int k = 0; k < 3; k++) {
      assertThat(actual[k]).isWithin(1e-15).of(expected[k]);
    }
  }

  @Test
  void vanishingAndDependentGradientsGiveNoNaN() {
    double[] f = {1.0, 2.0, 3.0};
    // a zero gradient removes nothing
    assertThat(Projection.project(f, new double[][] {{0}, {0}, {0}})).isEqualTo(f);
    // a repeated column is dropped: the same as projecting on it once
    double[] twice = Projection.project(f, new double[][] {{1, 2}, {0, 0}, {1, 2}});
    double[] once = Projection.project(f, new double[][] {{1}, {0}, {1}});
    for (int k = 0; k < 3; k++) {
      assertThat(twice[k]).isWithin(1e-14).of(once[k]);
    }
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> fs = Tensors.constant(tf, new double[][] {f, f}, TFloat32.class);
      Operand<TFloat32> gs = tf.reshape(Tensors.constant(tf, new double[] {0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 1, 2},
          TFloat32.class), tf.constant(new long[] {2, 3, 2}));
      try (Result r = s.runner().fetch(Projection.project(tf, fs, gs)).run()) {
        double[] out = Tensors.toDoubles(r.get(0));
        for (int k = 0; k < 3; k++) {
          assertThat(out[k]).isEqualTo(f[k]);
          assertThat(out[3 + k]).isWithin(1e-6).of(once[k]);
        }
      }
    }
  }

  private static double[][] random(SplittableRandom rng, int rows, int cols) {
    double[][] a = new double[rows][cols];
    for (double[] row : a) {
      for (int k = 0; k < cols; k++) {
        row[k] = 2 * rng.nextDouble() - 1;
      }
    }
    return a;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
