/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

class AlignmentLossTest {
  private static final int POINTS = 12;

  /** The float64 reference on the closed-form Java gradients of {@code weights}. */
  private static double reference(MlpWeights weights, double[][] x, double[][] v) {
    double[][][] g = new double[x.length][][];
    for (int p = 0; p < x.length; p++) {
      g[p] = weights.inputGradient(x[p]);
    }
    return AlignmentLoss.reference(g, v);
  }

  /** The graph term on a frozen network in {@code type}. */
  private static <T extends TNumber> double graph(MlpWeights weights, double[][] x, double[][] v, Class<T> type) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> xs = Tensors.constant(tf, x, type);
      Operand<T> term = AlignmentLoss.build(tf, Mlp.frozen(tf, weights, type).inputGradient(xs),
          Tensors.constant(tf, v, type));
      try (Result r = s.runner().fetch(term).run()) {
        return Tensors.toScalar(r.get(0));
      }
    }
  }

  @Test
  void referenceIsTheShareOfTheFlowAlongTheGradient() {
    // ∇H = (1, 0) against ẋ = (1, 1): 1 of |ẋ|² = 2 lies along ∇H; against ẋ = (0, 2): 0 of 4; m = 1
    double[][][] g = {{{1}, {0}}, {{1}, {0}}};
    double[][] v = {{1, 1}, {0, 2}};
    assertThat(AlignmentLoss.reference(g, v)).isWithin(1e-11).of(1.0 / 6);  // ε = 1e-12 in the denominators
    // the scale of H and the units of time are free: ∇H × 7, ẋ × 3
    double[][][] g7 = {{{7}, {0}}, {{7}, {0}}};
    double[][] v3 = {{3, 3}, {0, 6}};
    assertThat(AlignmentLoss.reference(g7, v3)).isWithin(1e-11).of(1.0 / 6);
  }

  @Test
  void slowPointsWeighByTheirSpeed() {
    // a slow point whose (noisy) ẋ lies along ∇H counts by its squared speed, not as a whole point
    double[][][] g = {{{1}, {0}}, {{1}, {0}}};
    double[][] v = {{0.01, 0}, {0, 1}};
    assertThat(AlignmentLoss.reference(g, v)).isWithin(1e-9).of(1e-4 / (1 + 1e-4));
  }

  @Test
  void graphMatchesTheFloat64ReferenceOnASmallBatch() {
    for (int m : new int[] {1, 2}) {
      MlpWeights weights = MlpWeights.initialize(3, List.of(8, 8), m, Activation.TANH, new SplittableRandom(5 + m));
      double[][] x = GradientTerms.uniform(POINTS, 3, 11);
      double[][] v = GradientTerms.uniform(POINTS, 3, 12);
      double expected = reference(weights, x, v);
      assertThat(expected).isGreaterThan(0.01);
      assertThat(graph(weights, x, v, TFloat64.class)).isWithin(1e-13).of(expected);
      assertThat(graph(weights, x, v, TFloat32.class)).isWithin(1e-5).of(expected);
    }
  }

  @Test
  void trainingGradientIsFirstOrderAndMatchesCentralDifferences() {
    MlpWeights weights = MlpWeights.initialize(2, List.of(6), 1, Activation.TANH, new SplittableRandom(3));
    double[][] x = GradientTerms.uniform(POINTS, 2, 21);
    double[][] v = GradientTerms.uniform(POINTS, 2, 22);
    double[] graphGradient;
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Mlp<TFloat64> mlp = Mlp.trainable(tf, "h", weights, TFloat64.class);
      Operand<TFloat64> term = AlignmentLoss.build(tf,
          mlp.inputGradient(Tensors.constant(tf, x, TFloat64.class)), Tensors.constant(tf, v, TFloat64.class));
      // W0 of the first layer: its gradient runs through tanh's slope, never through TanhGrad's gradient
      Operand<?> dW0 = tf.gradients(term, List.of(mlp.variables().get(0))).dy(0);
      try (Result r = s.runner().fetch(dW0).run()) {
        graphGradient = Tensors.toDoubles(r.get(0));
      }
    }
    double step = 1e-6;
    int at = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 6; j++, at++) {
        double up = reference(perturbed(weights, i, j, step), x, v);
        double down = reference(perturbed(weights, i, j, -step), x, v);
        assertThat(graphGradient[at]).isWithin(1e-7).of((up - down) / (2 * step));
      }
    }
  }

  private static MlpWeights perturbed(MlpWeights weights, int i, int j, double by) {
    List<double[][]> w = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    for (int l = 0; l < weights.layers(); l++) {
      double[][] copy = weights.weight(l).clone();
      for (int r = 0; r < copy.length; r++) {
        copy[r] = copy[r].clone();
      }
      w.add(copy);
      b.add(weights.bias(l).clone());
    }
    w.get(0)[i][j] += by;
    return new MlpWeights(w, b, weights.activation());
  }

  private static final Trajectories TRAIN = SpringMassTrajectories.trajectories(12, 10, 0.01, 3);

  /** H learned on {@link #TRAIN} for 15 epochs with seed 7, with alignment weight {@code lambda} (null: the default). */
  private static LearnedInvariant learn(Double lambda) {
    Protocol protocol = SpringMassTrajectories.protocol(15);
    return new InvariantLearner(lambda == null ? protocol : protocol.toBuilder().alignmentWeight(lambda).build())
        .learn("s", TRAIN, 7);
  }

  @Test
  void weightZeroIsBitIdenticalToTheSquareRatioLossAlone() {
    LearnedInvariant plain = learn(null);
    LearnedInvariant zero = learn(0.0);
    assertThat(zero.weights()).isEqualTo(plain.weights());
    assertThat(zero.provenance().protocol()).isEqualTo(plain.provenance().protocol());
    assertThat(zero.provenance().finalLoss()).isEqualTo(plain.provenance().finalLoss());
  }

  @Test
  void positiveWeightTrainsOnTheDerivativesAndIsRecorded() {
    LearnedInvariant plain = learn(null);
    LearnedInvariant aligned = learn(0.5);
    assertThat(aligned.weights()).isNotEqualTo(plain.weights());
    assertThat(aligned.provenance().protocol()).containsEntry("alignmentWeight", 0.5);
    assertThat(plain.provenance().protocol()).containsEntry("alignmentWeight", 0.0);
  }
}
