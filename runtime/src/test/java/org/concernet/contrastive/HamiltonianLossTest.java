/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;
import static org.concernet.contrastive.HamiltonianLoss.Layout.BLOCK;
import static org.concernet.contrastive.HamiltonianLoss.Layout.INTERLEAVED;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** {@link HamiltonianLoss}: the graph against its float64 reference, and what it tells apart. */
class HamiltonianLossTest {
  private static final double[] SCALE = {0.5, 2.0, 1.25, 0.8};
  private static final double[] ONES = {1, 1, 1, 1};

  private static double[][][] gradients(MlpWeights weights, double[][] x) {
    double[][][] g = new double[x.length][][];
    for (int p = 0; p < x.length; p++) {
      g[p] = weights.inputGradient(x[p]);
    }
    return g;
  }

  private static <T extends TNumber> double graph(double[][][] gradients, double[][] v, double[] scale,
      Class<T> type) {
    return graph(gradients, v, scale, BLOCK, type);
  }

  private static <T extends TNumber> double graph(double[][][] gradients, double[][] v, double[] scale,
      HamiltonianLoss.Layout layout, Class<T> type) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> term = HamiltonianLoss.build(tf, tf.dtypes.cast(tf.constant(gradients), type),
          Tensors.constant(tf, v, type), scale, layout);
      try (Result r = s.runner().fetch(term).run()) {
        return Tensors.toScalar(r.get(0));
      }
    }
  }

  /** Two uncoupled oscillators, x = (q1, q2, p1, p2): the flow ẋ = J∇E of E = E1 + E2. */
  private static double[] flow(double[] x) {
    return new double[] {x[2], 2 * x[3], -x[0], -4 * x[1]};
  }

  /** ∇(a·E1 + b·E2) for E1 = (p1² + q1²)/2 and E2 = p2² + 2q2², both conserved by {@link #flow}. */
  private static double[][] gradient(double[] x, double a, double b) {
    return new double[][] {{a * x[0]}, {4 * b * x[1]}, {a * x[2]}, {2 * b * x[3]}};
  }

  @Test
  void theGraphIsTheFloat64ReferenceOnASmallBatch() {
    MlpWeights weights = MlpWeights.initialize(4, List.of(8, 8), 1, Activation.TANH, new SplittableRandom(5));
    double[][] x = GradientTerms.uniform(20, 4, 11);
    double[][] v = GradientTerms.uniform(20, 4, 12);
    double[][][] g = gradients(weights, x);
    double reference = HamiltonianLoss.reference(g, v, SCALE, BLOCK);
    assertThat(reference).isGreaterThan(1e-3);
    assertThat(graph(g, v, SCALE, TFloat64.class)).isWithin(1e-12).of(reference);
    assertThat(graph(g, v, SCALE, TFloat32.class)).isWithin(1e-5 * reference).of(reference);
    // the network's own closed-form input gradient, as the learner builds it
    try (Graph graph = new Graph(); Session s = Sessions.open(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat64> xs = Tensors.constant(tf, x, TFloat64.class);
      Operand<TFloat64> term = HamiltonianLoss.build(tf, Mlp.frozen(tf, weights, TFloat64.class).inputGradient(xs),
          Tensors.constant(tf, v, TFloat64.class), SCALE, BLOCK);
      try (Result r = s.runner().fetch(term).run()) {
        assertThat(Tensors.toScalar(r.get(0))).isWithin(1e-12).of(reference);
      }
    }
  }

  @Test
  void referenceIsTheShareOfTheEnergyGradientNotAlongGradH() {
    // ẋ = (q̇1, q̇2, ṗ1, ṗ2) = (1, 0, 0, 0): Jᵀẋ = (−ṗ, q̇) = (0, 0, 1, 0); ∇H = (0, 0, 1, 1) holds
    // half of its squared length
    double[][][] g = {{{0}, {0}, {1}, {1}}};
    double[][] v = {{1, 0, 0, 0}};
    assertThat(HamiltonianLoss.reference(g, v, ONES, BLOCK)).isWithin(1e-12).of(0.5);
    assertThat(graph(g, v, ONES, TFloat64.class)).isWithin(1e-12).of(0.5);
  }

  @Test
  void zeroForAnyFunctionOfTheEnergyAndNotForAnotherConservedQuantity() {
    double[][] x = GradientTerms.uniform(30, 4, 21);
    double[][] v = new double[x.length][];
    double[][][] energy = new double[x.length][][];
    double[][][] warped = new double[x.length][][];
    double[][][] mixed = new double[x.length][][];
    for (int p = 0; p < x.length; p++) {
      v[p] = flow(x[p]);
      energy[p] = gradient(x[p], 1, 1);
      double factor = 0.2 + p; // g'(E) differs from point to point
      warped[p] = gradient(x[p], factor, factor);
      mixed[p] = gradient(x[p], 1, 3); // E1 + 3·E2: conserved, but not a function of E
    }
    assertThat(HamiltonianLoss.reference(energy, v, ONES, BLOCK)).isWithin(1e-12).of(0.0);
    assertThat(HamiltonianLoss.reference(warped, v, ONES, BLOCK)).isWithin(1e-12).of(0.0);
    assertThat(graph(warped, v, ONES, TFloat64.class)).isWithin(1e-12).of(0.0);
    // the alignment term cannot tell the mix from the energy: both are conserved
    assertThat(AlignmentLoss.reference(mixed, v)).isWithin(1e-12).of(0.0);
    assertThat(HamiltonianLoss.reference(mixed, v, ONES, BLOCK)).isGreaterThan(0.02);
  }

  @Test
  void standardisedStatesAreMeasuredInTheSystemsUnits() {
    // H learned on z = x / s: ∇_z H = s ⊙ ∇_x H and ż = ẋ / s; the term in x is the one on the
    // declared states
    MlpWeights weights = MlpWeights.initialize(4, List.of(8), 1, Activation.TANH, new SplittableRandom(9));
    double[][] x = GradientTerms.uniform(14, 4, 31);
    double[][] v = GradientTerms.uniform(14, 4, 32);
    double[][][] gx = gradients(weights, x);
    double[][][] gz = new double[x.length][4][1];
    double[][] vz = new double[x.length][4];
    for (int p = 0; p < x.length; p++) {
      for (int d = 0; d < 4; d++) {
        gz[p][d][0] = SCALE[d] * gx[p][d][0];
        vz[p][d] = v[p][d] / SCALE[d];
      }
    }
    double declared = HamiltonianLoss.reference(gx, v, ONES, BLOCK);
    assertThat(HamiltonianLoss.reference(gz, vz, SCALE, BLOCK)).isWithin(1e-12).of(declared);
    assertThat(graph(gz, vz, SCALE, TFloat64.class)).isWithin(1e-12).of(declared);
  }

  @Test
  void appliesToAnEvenNumberOfAtLeastFourStates() {
    assertThat(HamiltonianLoss.applies(2)).isFalse();
    assertThat(HamiltonianLoss.applies(3)).isFalse();
    assertThat(HamiltonianLoss.applies(5)).isFalse();
    assertThat(HamiltonianLoss.applies(4)).isTrue();
    assertThat(HamiltonianLoss.applies(6)).isTrue();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HamiltonianLoss.reference(new double[][][] {{{1}, {1}, {1}}}, new double[][] {{1, 1, 1}}, new double[3],
            BLOCK));
    assertThat(e).hasMessageThat().contains("even number of at least 4 states");
  }

  /** Hénon–Heiles' flow at x = (x, y, px, py). */
  private static double[] henonHeiles(double[] s) {
    return new double[] {s[2], s[3], -s[0] - 2 * s[0] * s[1], -s[1] - s[0] * s[0] + s[1] * s[1]};
  }

  /** (x, y, px, py) → (x, px, y, py). */
  private static double[] interleave(double[] s) {
    return new double[] {s[0], s[2], s[1], s[3]};
  }

  @Test
  void theLayoutIsReadFromTheDataAndTheTermFollowsIt() {
    double[][] x = GradientTerms.uniform(400, 4, 41);
    double[][] v = new double[x.length][];
    double[][] xi = new double[x.length][];
    double[][] vi = new double[x.length][];
    for (int p = 0; p < x.length; p++) {
      v[p] = henonHeiles(x[p]);
      xi[p] = interleave(x[p]);
      vi[p] = interleave(v[p]);
    }
    // the right layout makes Jᵀ·Df the energy's Hessian: symmetric, to the fit's rounding
    double[][][] jacobians = HamiltonianLoss.jacobians(x, v);
    assertThat(HamiltonianLoss.asymmetry(jacobians, BLOCK)).isLessThan(1e-20);
    assertThat(HamiltonianLoss.asymmetry(jacobians, INTERLEAVED)).isGreaterThan(0.1);
    assertThat(HamiltonianLoss.layout(x, v)).isEqualTo(BLOCK);
    assertThat(HamiltonianLoss.layout(xi, vi)).isEqualTo(INTERLEAVED);
    // the same gradients and flow declared in the other order give the same term under their layout
    MlpWeights weights = MlpWeights.initialize(4, List.of(8), 1, Activation.TANH, new SplittableRandom(3));
    double[][][] g = gradients(weights, x);
    double[][][] gi = new double[g.length][][];
    for (int p = 0; p < g.length; p++) {
      gi[p] = new double[][] {g[p][0], g[p][2], g[p][1], g[p][3]};
    }
    double block = HamiltonianLoss.reference(g, v, ONES, BLOCK);
    assertThat(HamiltonianLoss.reference(gi, vi, ONES, INTERLEAVED)).isWithin(1e-12).of(block);
    assertThat(graph(gi, vi, ONES, INTERLEAVED, TFloat64.class)).isWithin(1e-12).of(block);
    assertThat(HamiltonianLoss.reference(gi, vi, ONES, BLOCK)).isNotWithin(1e-3).of(block);
  }

  @Test
  void aSystemTooLargeToFitKeepsTheBlockLayout() {
    // 2 · 12 = 24 states: a cubic has C(27, 3) = 2925 terms, a quadratic 325, more than these 300 points
    double[][] x = GradientTerms.uniform(300, 24, 51);
    double[][] v = GradientTerms.uniform(300, 24, 52);
    assertThat(HamiltonianLoss.termCount(24, 3)).isEqualTo(2925);
    assertThat(HamiltonianLoss.jacobians(x, v)).isNull();
    assertThat(HamiltonianLoss.layout(x, v)).isEqualTo(BLOCK);
  }
}
