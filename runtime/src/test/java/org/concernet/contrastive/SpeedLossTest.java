/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;

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

/** {@link SpeedLoss}: the graph against its float64 reference, and what it is free of. */
class SpeedLossTest {
  private static final int POINTS = 7;
  private static final double[] SCALE = {0.5, 2.0, 1.25};

  private static double[][][] gradients(MlpWeights weights, double[][] x) {
    double[][][] g = new double[x.length][][];
    for (int p = 0; p < x.length; p++) {
      g[p] = weights.inputGradient(x[p]);
    }
    return g;
  }

  private static <T extends TNumber> double graph(MlpWeights weights, double[][] x, double[][] v, double[] scale,
      Class<T> type) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> xs = Tensors.constant(tf, x, type);
      Operand<T> term = SpeedLoss.build(tf, Mlp.frozen(tf, weights, type).inputGradient(xs),
          Tensors.constant(tf, v, type), POINTS, scale);
      try (Result r = s.runner().fetch(term).run()) {
        return Tensors.toScalar(r.get(0));
      }
    }
  }

  @Test
  void theGraphIsTheFloat64ReferenceOnASmallBatch() {
    MlpWeights weights = MlpWeights.initialize(3, java.util.List.of(8, 8), 1, Activation.TANH, new SplittableRandom(5));
    double[][] x = GradientTerms.uniform(3 * POINTS, 3, 11);
    double[][] v = GradientTerms.uniform(3 * POINTS, 3, 12);
    double reference = SpeedLoss.reference(gradients(weights, x), v, POINTS, SCALE);
    assertThat(reference).isGreaterThan(1e-3);
    assertThat(graph(weights, x, v, SCALE, TFloat64.class)).isWithin(1e-12).of(reference);
    assertThat(graph(weights, x, v, SCALE, TFloat32.class)).isWithin(1e-5 * reference).of(reference);
  }

  @Test
  void referenceIsTheShareOfTheSpeedsNoMultipleOfTheGradientExplains() {
    // one trajectory of two points: a = (1, 1), b = (1, 3); the best multiple c = 2 leaves (−1, 1),
    // 2 of the squared speeds' 10
    double[][][] g = {{{1}, {0}}, {{0}, {1}}};
    double[][] v = {{1, 0}, {0, 3}};
    assertThat(SpeedLoss.reference(g, v, 2, new double[] {1, 1})).isWithin(1e-10).of(0.2);
  }

  @Test
  void zeroWhenTheGradientFollowsTheSpeedAlongEachTrajectoryWhateverItsFactorThere() {
    // two trajectories of POINTS points: |∇H| = c_traj · |ẋ| with different c, and gradients in any
    // direction: H's scale on each level set (a reparametrisation g(H)) is free
    double[][] v = GradientTerms.uniform(2 * POINTS, 3, 21);
    double[][] directions = GradientTerms.uniform(2 * POINTS, 3, 22);
    double[][][] g = new double[2 * POINTS][3][1];
    for (int p = 0; p < 2 * POINTS; p++) {
      double factor = p < POINTS ? 0.3 : 7.0;
      double speed = Math.sqrt(v[p][0] * v[p][0] + v[p][1] * v[p][1] + v[p][2] * v[p][2]);
      double length = Math.sqrt(directions[p][0] * directions[p][0] + directions[p][1] * directions[p][1]
          + directions[p][2] * directions[p][2]);
      for (int d = 0; d < 3; d++) {
        g[p][d][0] = factor * speed * directions[p][d] / length;
      }
    }
    double[] ones = {1, 1, 1};
    assertThat(SpeedLoss.reference(g, v, POINTS, ones)).isWithin(1e-12).of(0.0);
    // the same with the speeds of one trajectory's first point doubled is not
    v[0][0] *= 2;
    v[0][1] *= 2;
    v[0][2] *= 2;
    assertThat(SpeedLoss.reference(g, v, POINTS, ones)).isGreaterThan(1e-3);
  }

  @Test
  void standardisedStatesAreMeasuredInTheSystemsUnits() {
    // H learned on z = x / s: ∇_z H = s ⊙ ∇_x H and ż = ẋ / s; the term in x is the one on the
    // declared states
    MlpWeights weights = MlpWeights.initialize(3, java.util.List.of(8), 1, Activation.TANH, new SplittableRandom(9));
    double[][] x = GradientTerms.uniform(2 * POINTS, 3, 31);
    double[][] v = GradientTerms.uniform(2 * POINTS, 3, 32);
    double[][][] gx = gradients(weights, x);
    double[][][] gz = new double[x.length][3][1];
    double[][] vz = new double[x.length][3];
    for (int p = 0; p < x.length; p++) {
      for (int d = 0; d < 3; d++) {
        gz[p][d][0] = SCALE[d] * gx[p][d][0];
        vz[p][d] = v[p][d] / SCALE[d];
      }
    }
    assertThat(SpeedLoss.reference(gz, vz, POINTS, SCALE))
        .isWithin(1e-12).of(SpeedLoss.reference(gx, v, POINTS, new double[] {1, 1, 1}));
  }
}
