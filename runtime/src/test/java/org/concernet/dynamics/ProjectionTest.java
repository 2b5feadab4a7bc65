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

  @Test
  void exactlyParallelGradientsProjectAsOneInFloat64() {
    checkParallel(TFloat64.class, 0.0, 1e-12);
  }

  @Test
  void exactlyParallelGradientsProjectAsOneInFloat32() {
    checkParallel(TFloat32.class, 0.0, 2e-6);
  }

  @Test
  void nearlyParallelGradientsProjectAsOneInFloat64() {
    checkParallel(TFloat64.class, 1e-4, 1e-12);
  }

  @Test
  void nearlyParallelGradientsProjectAsOneInFloat32() {
    checkParallel(TFloat32.class, 1e-4, 2e-6);
  }

  /**
   * G = [g, −3g + η·e] with e a random unit vector ⟂ g (η = 0: exactly parallel): the relative
   * remainder of the second column is η/|3g| ≤ δ, so f̃ is f projected on g alone, in the graph and
   * in Java. The exact projection f − G(GᵀG)⁻¹Gᵀf would also remove f's component along e, a
   * direction made of the perturbation only: for η &gt; 0 that is checked to be a change of order |f|.
   */
  private static <T extends TNumber> void checkParallel(Class<T> type, double eta, double tol) {
    int n = 4;
    SplittableRandom rng = new SplittableRandom(7);
    double[][] f = random(rng, BATCH, n);
    double[][][] g = new double[BATCH][n][2];
    double[][] once = new double[BATCH][];
    for (int b = 0; b < BATCH; b++) {
      double[] a = random(rng, 1, n)[0];
      double[] e = random(rng, 1, n)[0];
      double ae = dot(a, e) / dot(a, a);
      for (int k = 0; k < n; k++) {
        e[k] -= ae * a[k];
      }
      double en = norm(e);
      for (int k = 0; k < n; k++) {
        g[b][k][0] = a[k];
        g[b][k][1] = -3 * a[k] + eta * norm(a) * e[k] / en;
      }
      double[][] single = new double[n][1];
      for (int k = 0; k < n; k++) {
        single[k][0] = a[k];
      }
      once[b] = Projection.project(f[b], single);
      double[] java = Projection.project(f[b], g[b]);
      for (int k = 0; k < n; k++) {
        assertThat(java[k]).isWithin(1e-13 * norm(f[b])).of(once[b][k]);
      }
      if (eta > 0) {
        double[] exact = exactProjection(f[b], g[b]);
        double change = 0;
        for (int k = 0; k < n; k++) {
          change += (exact[k] - once[b][k]) * (exact[k] - once[b][k]);
        }
        // what the exact formula removes along the noise e: f·e, of order |f| for random f
        assertThat(Math.sqrt(change)).isWithin(1e-6 * norm(f[b])).of(Math.abs(dot(f[b], e)) / en);
      }
    }
    double[] graph = graphProjection(f, g, type);
    for (int b = 0; b < BATCH; b++) {
      for (int k = 0; k < n; k++) {
        assertThat(graph[b * n + k]).isWithin(tol * norm(f[b])).of(once[b][k]);
      }
    }
  }

  /**
   * Perturbing G by a relative η moves f̃ by at most 4η/δ·|f|, at every angle between two
   * gradients, from exactly parallel to well separated; the exact formula moves it by up to η/s,
   * which at s = 1e-5 is checked to be over 100 times more (it is a rotation of order one there).
   */
  @Test
  void aSmallChangeOfGMovesTheFieldLittleAtEveryAngle() {
    int n = 4;
    double eta = 1e-5;
    double delta = Projection.DEPENDENCE_TOLERANCE;
    SplittableRandom rng = new SplittableRandom(11);
    double worstExact = 0;
    for (double s : new double[] {0, 1e-5, 1e-4, 1e-3, 0.009, 0.01, 0.015, 0.02, 0.05, 0.3, 1}) {
      for (int trial = 0; trial < 20; trial++) {
        double[] f = random(rng, 1, n)[0];
        double[] a = unit(random(rng, 1, n)[0]);
        double[] e = random(rng, 1, n)[0];
        double ae = dot(a, e);
        for (int k = 0; k < n; k++) {
          e[k] -= ae * a[k];
        }
        e = unit(e);
        double[][] g = new double[n][2];
        double[][] perturbed = new double[n][2];
        double[][] noise = random(rng, n, 2);
        for (int k = 0; k < n; k++) {
          g[k][0] = a[k];
          g[k][1] = Math.sqrt(1 - s * s) * a[k] + s * e[k];
          for (int i = 0; i < 2; i++) {
            perturbed[k][i] = g[k][i] + eta * noise[k][i] / 2;
          }
        }
        double moved = distance(Projection.project(f, g), Projection.project(f, perturbed));
        assertThat(moved).isAtMost(4 * eta / delta * norm(f));
        if (s == 1e-5) {
          worstExact = Math.max(worstExact, distance(exactProjection(f, g), exactProjection(f, perturbed)) / norm(f));
        }
      }
    }
    assertThat(worstExact).isGreaterThan(100 * 4 * eta / delta);
  }

  @Test
  void wellSeparatedGradientsAreRemovedExactly() {
    // s = 0.05 ≥ 2δ: both directions removed, Gᵀf̃ = 0 to rounding
    double[] a = {1, 0, 0};
    double[] b = {Math.sqrt(1 - 0.05 * 0.05), 0.05, 0};
    double[][] g = {{a[0], b[0]}, {a[1], b[1]}, {a[2], b[2]}};
    double[] out = Projection.project(new double[] {0.7, -0.4, 0.2}, g);
    assertThat(out[0]).isWithin(1e-15).of(0.0);
    assertThat(out[1]).isWithin(1e-15).of(0.0);
    assertThat(out[2]).isWithin(1e-15).of(0.2);
  }

  @Test
  void aToleranceOutsideItsRangeIsRefused() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Projection.project(new double[] {1, 2}, new double[][] {{1, 0}, {0, 1}}, 0.0));
    assertThat(e).hasMessageThat().contains("δ must lie in (0, 0.5), was 0.0");
  }

  /** f − G(GᵀG)⁻¹Gᵀf for two columns by the explicit 2 × 2 inverse: the formula the layer avoids. */
  private static double[] exactProjection(double[] f, double[][] g) {
    int n = f.length;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = g[k][0];
      b[k] = g[k][1];
    }
    double aa = dot(a, a);
    double ab = dot(a, b);
    double bb = dot(b, b);
    double det = aa * bb - ab * ab;
    double af = dot(a, f);
    double bf = dot(b, f);
    double ca = (bb * af - ab * bf) / det;
    double cb = (aa * bf - ab * af) / det;
    double[] out = f.clone();
    for (int k = 0; k < n; k++) {
      out[k] -= ca * a[k] + cb * b[k];
    }
    return out;
  }

  private static <T extends TNumber> double[] graphProjection(double[][] f, double[][][] g, Class<T> type) {
    int n = f[0].length;
    int m = g[0][0].length;
    double[] flat = new double[f.length * n * m];
    for (int b = 0; b < f.length; b++) {
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < m; i++) {
          flat[(b * n + k) * m + i] = g[b][k][i];
        }
      }
    }
    try (Graph graph = new Graph(); Session s = Sessions.open(graph)) {
      Ops tf = Ops.create(graph);
      Operand<T> fs = Tensors.constant(tf, f, type);
      Operand<T> gs = tf.reshape(Tensors.constant(tf, flat, type), tf.constant(new long[] {f.length, n, m}));
      try (Result r = s.runner().fetch(Projection.project(tf, fs, gs)).run()) {
        return Tensors.toDoubles(r.get(0));
      }
    }
  }

  private static double[] unit(double[] a) {
    double s = norm(a);
    double[] out = a.clone();
    for (int k = 0; k < a.length; k++) {
      out[k] /= s;
    }
    return out;
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += (a[k] - b[k]) * (a[k] - b[k]);
    }
    return Math.sqrt(s);
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
