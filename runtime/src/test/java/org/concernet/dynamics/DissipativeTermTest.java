/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Dissipation;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * The dissipative model's field ({@link DissipativeTerm}, {@link LearnedDynamics#dissipative}): its
 * exact dH/dt = g ≤ 0, in Java and in the graph, against a float64 reference written out here.
 */
class DissipativeTermTest {
  private static final int N = 3;

  private static MlpWeights net(int in, List<Integer> hidden, int out, long seed, double scale) {
    MlpWeights w = MlpWeights.initialize(in, hidden, out, Activation.TANH, new SplittableRandom(seed));
    List<double[][]> weights = new java.util.ArrayList<>();
    List<double[]> biases = new java.util.ArrayList<>();
    for (int l = 0; l < w.layers(); l++) {
      double[][] m = w.weight(l);
      double[] b = w.bias(l);
      if (l == w.layers() - 1) {
        for (double[] row : m) {
          for (int k = 0; k < row.length; k++) {
            row[k] *= scale;
          }
        }
        for (int k = 0; k < b.length; k++) {
          b[k] *= scale;
        }
      }
      weights.add(m);
      biases.add(b);
    }
    return new MlpWeights(weights, biases, Activation.TANH);
  }

  private static final MlpWeights F = net(N, List.of(16), N, 1, 1);
  private static final MlpWeights H = net(N, List.of(16), 1, 2, 1);

  /** The reference, in double precision and written out: P_H f + r·∇H/|∇H|² (rate) or r·∇H (gradient). */
  private static double[] reference(Dissipation form, MlpWeights d, double[] x) {
    double[] f = F.apply(x);
    double[][] jac = H.inputGradient(x);
    double[] g = new double[N];
    double gf = 0;
    double gg = 0;
    for (int k = 0; k < N; k++) {
      g[k] = jac[k][0];
      gf += g[k] * f[k];
      gg += g[k] * g[k];
    }
    double z = d.apply(x)[0] - DissipativeTerm.OFFSET;
    double r = -Math.log(1 + Math.exp(z));
    double[] out = new double[N];
    for (int k = 0; k < N; k++) {
      out[k] = f[k] - gf / gg * g[k] + (form == Dissipation.RATE ? r / gg : r) * g[k];
    }
    return out;
  }

  private static double dot(double[] a, double[][] jac) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * jac[k][0];
    }
    return s;
  }

  private static double[][] points(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[count][N];
    for (double[] row : x) {
      for (int k = 0; k < N; k++) {
        row[k] = rng.nextDouble(-2, 2);
      }
    }
    return x;
  }

  @Test
  void inJavaTheFieldIsTheReferenceAndItsDhDtIsExactlyTheRateG() {
    for (Dissipation form : List.of(Dissipation.RATE, Dissipation.GRADIENT)) {
      MlpWeights d = net(N, DissipativeTerm.hidden(), 1, 3, 4);
      LearnedDynamics model = LearnedDynamics.dissipative(F, org.concernet.contrastive.InvariantFunction.of(H), form, d);
      for (double[] x : points(50, 4)) {
        double[] field = model.vectorField(x);
        double[] expected = reference(form, d, x);
        for (int k = 0; k < N; k++) {
          assertThat(field[k]).isWithin(1e-12 * (1 + Math.abs(expected[k]))).of(expected[k]);
        }
        double dHdt = dot(field, H.inputGradient(x));
        double g = model.invariantRate(x);
        assertThat(g).isLessThan(0.0);
        assertThat(dHdt).isWithin(1e-12 * (1 + Math.abs(g))).of(g);
      }
    }
  }

  @Test
  void theRateIsNeverPositiveHoweverLargeTheNetworksOutput() {
    for (double scale : new double[] {-1e4, -30, 0, 30, 1e4}) {
      MlpWeights d = net(N, DissipativeTerm.hidden(), 1, 5, scale);
      for (double[] x : points(200, 6)) {
        double r = DissipativeTerm.coefficient(d, x);
        assertThat(r).isAtMost(0.0);
        assertThat(Double.isFinite(r)).isTrue();
        double[] g = {1, -2, 0.5};
        assertThat(DissipativeTerm.rate(Dissipation.RATE, r, g)).isAtMost(0.0);
        assertThat(DissipativeTerm.rate(Dissipation.GRADIENT, r, g)).isAtMost(0.0);
      }
    }
    // a fresh network starts near the conservative model: |r| about softplus(−OFFSET)
    assertThat(DissipativeTerm.softplus(-DissipativeTerm.OFFSET)).isWithin(1e-3).of(0.0486);
    assertThat(DissipativeTerm.softplus(800)).isEqualTo(800.0);
  }

  @Test
  void inTheGraphTheFieldMatchesJavaAndItsDhDtIsG() {
    for (Dissipation form : List.of(Dissipation.RATE, Dissipation.GRADIENT)) {
      MlpWeights d = net(N, DissipativeTerm.hidden(), 1, 7, 3);
      LearnedDynamics model = LearnedDynamics.dissipative(F, org.concernet.contrastive.InvariantFunction.of(H), form, d);
      double[][] x = points(40, 8);
      double[][] field64 = graph(model, x, TFloat64.class, false);
      double[][] dHdt64 = graph(model, x, TFloat64.class, true);
      double[][] field32 = graph(model, x, TFloat32.class, false);
      for (int p = 0; p < x.length; p++) {
        double[] expected = reference(form, d, x[p]);
        for (int k = 0; k < N; k++) {
          assertThat(field64[p][k]).isWithin(1e-11 * (1 + Math.abs(expected[k]))).of(expected[k]);
          assertThat(field32[p][k]).isWithin(2e-4 * (1 + Math.abs(expected[k]))).of(expected[k]);
        }
        double g = model.invariantRate(x[p]);
        assertThat(dHdt64[p][0]).isWithin(1e-11 * (1 + Math.abs(g))).of(g);
        assertThat(dHdt64[p][0]).isLessThan(0.0);
      }
    }
  }

  /** The model's field on x in a graph of {@code type}, or ∇H·f̃ computed in that graph. */
  private static <T extends TNumber> double[][] graph(LearnedDynamics model, double[][] x, Class<T> type,
      boolean dHdt) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> xs = Tensors.constant(tf, x, type);
      Operand<T> f = model.vectorField(tf, xs);
      Operand<T> out = f;
      if (dHdt) {
        Operand<T> grad = tf.squeeze(Mlp.frozen(tf, H, type).inputGradient(xs),
            org.tensorflow.op.core.Squeeze.axis(List.of(2L)));
        out = tf.reduceSum(tf.math.mul(grad, f), tf.constant(1), ReduceSum.keepDims(true));
      }
      return fetch(s, out);
    }
  }

  @Test
  void whereTheGradientVanishesTheTermIsDroppedWithoutNaN() {
    double[] projected = {0.5, -1, 2};
    double[] zero = {0, 0, 0};
    assertThat(DissipativeTerm.add(Dissipation.RATE, projected, -3, zero)).isEqualTo(projected);
    assertThat(DissipativeTerm.rate(Dissipation.RATE, -3, zero)).isEqualTo(0.0);
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> term = DissipativeTerm.term(tf, Dissipation.RATE,
          Tensors.constant(tf, new double[][] {{-3}, {-3}}, TFloat64.class),
          Tensors.constant(tf, new double[][] {{0, 0, 0}, {0, 2, 0}}, TFloat64.class));
      double[][] v = fetch(s, term);
      assertThat(v[0]).usingTolerance(0.0).containsExactly(0.0, 0.0, 0.0).inOrder();
      assertThat(v[1][1]).isWithin(1e-15).of(-3.0 / 2);
    }
  }

  @Test
  void orientationFlipsAnHThatTheDataIncrease() {
    Trajectories data = DissipativeTrainingTest.dampedData(H, 0.2, 10, 0.0);
    assertThat(DissipativeTerm.orient(H, data)).isSameInstanceAs(H);
    MlpWeights minus = DissipativeTerm.negated(H);
    assertThat(DissipativeTerm.orient(minus, data)).isEqualTo(H);
    double[] x = {0.3, -0.2, 1.1};
    assertThat(minus.apply(x)[0]).isWithin(1e-15).of(-H.apply(x)[0]);
  }

  @Test
  void theHChangeLossIsTheTrapezoidOfTheRateAgainstHsChange() {
    Trajectories data = DissipativeTrainingTest.dampedData(H, 0.2, 3, 0.0);
    MlpWeights d = net(N, DissipativeTerm.hidden(), 1, 9, 2);
    for (Dissipation form : List.of(Dissipation.RATE, Dissipation.GRADIENT)) {
      double sum = 0;
      double[] h = new double[data.count() * data.length()];
      int count = 0;
      for (int i = 0; i < data.count(); i++) {
        double integral = 0;
        for (int t = 0; t < data.length(); t++) {
          if (t > 0) {
            double dt = data.time(i, t) - data.time(i, t - 1);
            integral += dt / 2 * (gOf(form, d, data.state(i, t - 1)) + gOf(form, d, data.state(i, t)));
          }
          double change = H.apply(data.state(i, t))[0] - H.apply(data.state(i, 0))[0];
          sum += (change - integral) * (change - integral);
          h[count++] = H.apply(data.state(i, t))[0];
        }
      }
      double mean = java.util.Arrays.stream(h).average().orElseThrow();
      double variance = java.util.Arrays.stream(h).map(v -> (v - mean) * (v - mean)).sum() / h.length;
      double expected = sum / h.length / variance;
      try (Graph g = new Graph(); Session s = Sessions.open(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat64> x = Tensors.constant(tf, data.pointStates(), TFloat64.class);
        Operand<TFloat64> r = DissipativeTerm.coefficient(tf, Mlp.frozen(tf, d, TFloat64.class).apply(x));
        double loss = fetchScalar(s, DissipativeTerm.hChangeLoss(tf, TFloat64.class, r, data, H, form));
        assertThat(expected).isGreaterThan(0.0);
        assertThat(loss).isWithin(1e-12 * expected).of(expected);
      }
    }
  }

  private static double gOf(Dissipation form, MlpWeights d, double[] x) {
    double[][] jac = H.inputGradient(x);
    double[] g = new double[N];
    for (int k = 0; k < N; k++) {
      g[k] = jac[k][0];
    }
    return DissipativeTerm.rate(form, DissipativeTerm.coefficient(d, x), g);
  }

  @Test
  void badModelsAreRefused() {
    MlpWeights d = net(N, DissipativeTerm.hidden(), 1, 3, 1);
    assertThrows(IllegalArgumentException.class, () -> new LearnedDynamics(F, H, Dissipation.NONE, d, null));
    assertThrows(IllegalArgumentException.class, () -> new LearnedDynamics(F, H, Dissipation.RATE, null, null));
    assertThrows(IllegalArgumentException.class, () -> new LearnedDynamics(F, null, Dissipation.RATE, d, null));
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
        () -> new LearnedDynamics(F, net(N, List.of(4), 2, 1, 1), Dissipation.RATE, d, null));
    assertThat(two).hasMessageThat().contains("one learned invariant (latent = 1), found 2 outputs");
    assertThat(new LearnedDynamics(F, H, null).invariantRate(new double[N])).isEqualTo(0.0);
    assertThat(Double.isNaN(LearnedDynamics.baseline(F).invariantRate(new double[N]))).isTrue();
  }

  private static double[][] fetch(Session s, Operand<?> op) {
    try (org.tensorflow.Result r = s.runner().fetch(op).run()) {
      return Tensors.toMatrix(r.get(0));
    }
  }

  private static double fetchScalar(Session s, Operand<?> op) {
    try (org.tensorflow.Result r = s.runner().fetch(op).run()) {
      return Tensors.toScalar(r.get(0));
    }
  }
}
