/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

class MlpTest {
  private static final int BATCH = 7;

  private static double[][] randomPoints(int n, SplittableRandom rng) {
    double[][] x = new double[BATCH][n];
    for (double[] row : x) {
      for (int k = 0; k < n; k++) {
        row[k] = 2 * rng.nextDouble() - 1;
      }
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void graphOutputAndJacobianMatchJavaAndFiniteDifferences(Activation activation) {
    SplittableRandom rng = new SplittableRandom(11);
    for (List<Integer> hidden : List.<List<Integer>>of(List.of(), List.of(9), List.of(13, 8))) {
      int n = 4;
      int m = 3;
      MlpWeights weights = MlpWeights.initialize(n, hidden, m, activation, rng);
      double[][] x = randomPoints(n, rng);
      double[] flat = new double[BATCH * n];
      for (int b = 0; b < BATCH; b++) {
        System.arraycopy(x[b], 0, flat, b * n, n);
      }
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat64> in = tf.placeholder(TFloat64.class);
        Operand<TFloat64> xs = tf.ensureShape(in, Shape.of(-1, n));
        Mlp<TFloat64> mlp = Mlp.frozen(tf, weights, TFloat64.class);
        try (TFloat64 feed = Tensors.tensor(TFloat64.class, Shape.of(BATCH, n), flat);
            Result r = s.runner().feed(in, feed).fetch(mlp.apply(xs)).fetch(mlp.inputGradient(xs)).run()) {
          double[] out = Tensors.toDoubles(r.get(0));
          double[] jac = Tensors.toDoubles(r.get(1));
          assertThat(r.get(1).shape()).isEqualTo(Shape.of(BATCH, n, m));
          for (int b = 0; b < BATCH; b++) {
            double[] expected = weights.apply(x[b]);
            double[][] expectedJac = weights.inputGradient(x[b]);
            for (int o = 0; o < m; o++) {
              assertThat(out[b * m + o]).isWithin(1e-12).of(expected[o]);
              for (int i = 0; i < n; i++) {
                assertThat(jac[(b * n + i) * m + o]).isWithin(1e-12).of(expectedJac[i][o]);
                double h = 1e-6;
                double[] plus = x[b].clone();
                double[] minus = x[b].clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (weights.apply(plus)[o] - weights.apply(minus)[o]) / (2 * h);
                assertThat(expectedJac[i][o]).isWithin(1e-7).of(fd);
              }
            }
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void jvpIsJacobianTimesVector(Activation activation) {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 5;
    int m = 2;
    MlpWeights weights = MlpWeights.initialize(n, List.of(6, 4), m, activation, rng);
    double[][] x = randomPoints(n, rng);
    double[][] v = randomPoints(n, rng);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Mlp<TFloat64> mlp = Mlp.frozen(tf, weights, TFloat64.class);
      try (Result r = s.runner().fetch(mlp.jvp(tf.constant(x), tf.constant(v))).run()) {
        double[] jvp = Tensors.toDoubles(r.get(0));
        for (int b = 0; b < BATCH; b++) {
          double[][] jac = weights.inputGradient(x[b]);
          for (int o = 0; o < m; o++) {
            double expected = 0;
            for (int i = 0; i < n; i++) {
              expected += jac[i][o] * v[b][i];
            }
            assertThat(jvp[b * m + o]).isWithin(1e-12).of(expected);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void trainableNetworkReadsBackItsInitialWeights(Activation activation) {
    MlpWeights init = MlpWeights.initialize(3, List.of(5, 5), 1, activation, new SplittableRandom(3));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Mlp<TFloat64> mlp = Mlp.trainable(tf, "h", init, TFloat64.class);
      assertThat(mlp.variables()).hasSize(6);
      assertThat(mlp.read(s)).isEqualTo(init);
    }
  }

  @org.junit.jupiter.api.Test
  void initializationIsUniformWithinInverseRootFanIn() {
    MlpWeights w = MlpWeights.initialize(16, List.of(100), 1, Activation.TANH, new SplittableRandom(1));
    double bound = 0.25;
    double max = 0;
    for (double[] row : w.weight(0)) {
      for (double value : row) {
        assertThat(Math.abs(value)).isAtMost(bound);
        max = Math.max(max, Math.abs(value));
      }
    }
    assertThat(max).isGreaterThan(0.24);
    assertThat(MlpWeights.initialize(16, List.of(100), 1, Activation.TANH, new SplittableRandom(1))).isEqualTo(w);
  }
}
