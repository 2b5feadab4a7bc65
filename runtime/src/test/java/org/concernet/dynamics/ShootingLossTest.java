/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.testsystems.Spring;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

class ShootingLossTest {
  private static final int N = 3;
  private static final int SEGMENTS = 4;
  private static final int STEPS = 3;
  private static final int SUBSTEPS = 2;
  private static final MlpWeights F = MlpWeights.initialize(N, List.of(8), N, Activation.TANH, new SplittableRandom(1));
  private static final MlpWeights H = MlpWeights.initialize(N, List.of(8), 1, Activation.TANH, new SplittableRandom(2));
  private static final double[][] START = random(SEGMENTS, N, 3);
  private static final double[][][] TARGETS = {random(STEPS, N, 4), random(STEPS, N, 5), random(STEPS, N, 6),
      random(STEPS, N, 7)};
  /** Uneven intervals, different in every segment. */
  private static final double[][] INTERVALS = {{0.1, 0.2, 0.15}, {0.3, 0.05, 0.1}, {0.12, 0.12, 0.2}, {0.25, 0.1, 0.3}};

  private static double[][] random(int rows, int columns, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] out = new double[rows][columns];
    for (double[] row : out) {
      for (int c = 0; c < columns; c++) {
        row[c] = rng.nextDouble(-1, 1);
      }
    }
    return out;
  }

  private static double reference(MlpWeights f, MlpWeights h) {
    LearnedDynamics model = new LearnedDynamics(f, h, null);
    return ShootingLoss.reference(model::vectorField, START, TARGETS, INTERVALS, SUBSTEPS);
  }

  /** h/2, h and h/6 of one substep, [segments][steps]. */
  private static double[][] substep(double divisor) {
    double[][] out = new double[SEGMENTS][STEPS];
    for (int s = 0; s < SEGMENTS; s++) {
      for (int j = 0; j < STEPS; j++) {
        out[s][j] = INTERVALS[s][j] / SUBSTEPS / divisor;
      }
    }
    return out;
  }

  private static <T extends TNumber> Operand<T> loss(Ops tf, UnaryOperator<Operand<T>> field, Class<T> type) {
    double[][] flatTargets = new double[SEGMENTS][];
    for (int s = 0; s < SEGMENTS; s++) {
      flatTargets[s] = new double[STEPS * N];
      for (int j = 0; j < STEPS; j++) {
        System.arraycopy(TARGETS[s][j], 0, flatTargets[s], j * N, N);
      }
    }
    Operand<T> targets = tf.reshape(Tensors.constant(tf, flatTargets, type), tf.constant(new long[] {SEGMENTS, STEPS, N}));
    return ShootingLoss.build(tf, field, Tensors.constant(tf, START, type), targets,
        Tensors.constant(tf, substep(2), type), Tensors.constant(tf, substep(1), type),
        Tensors.constant(tf, substep(6), type), SUBSTEPS);
  }

  private static <T extends TNumber> double graph(MlpWeights f, MlpWeights h, Class<T> type) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      UnaryOperator<Operand<T>> field = ShootingLoss.field(tf, Mlp.frozen(tf, f, type),
          h == null ? null : Mlp.frozen(tf, h, type));
      try (Result r = s.runner().fetch(loss(tf, field, type)).run()) {
        return Tensors.toScalar(r.get(0));
      }
    }
  }

  @Test
  void graphLossMatchesTheFloat64ReferenceOnATinyBatch() {
    for (MlpWeights h : new MlpWeights[] {null, H}) {
      double expected = reference(F, h);
      assertThat(expected).isGreaterThan(0.1);
      assertThat(graph(F, h, TFloat64.class)).isWithin(1e-13 * expected).of(expected);
      assertThat(graph(F, h, TFloat32.class)).isWithin(1e-5 * expected).of(expected);
    }
    // the projection changes the loss: the test would see a field that ignored H
    assertThat(Math.abs(reference(F, H) - reference(F, null))).isGreaterThan(1e-3);
  }

  @Test
  void projectedTrainingGradientGoesThroughTheInvariantsGradientAndMatchesCentralDifferences() {
    double[] graphGradient;
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Mlp<TFloat64> f = Mlp.trainable(tf, "f", F, TFloat64.class);
      Operand<TFloat64> loss = loss(tf, ShootingLoss.field(tf, f, Mlp.frozen(tf, H, TFloat64.class)), TFloat64.class);
      Operand<?> dW0 = tf.gradients(loss, List.of(f.variables().get(0))).dy(0);
      try (Result r = s.runner().fetch(dW0).run()) {
        graphGradient = Tensors.toDoubles(r.get(0));
      }
    }
    double step = 1e-6;
    int at = 0;
    double largest = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < 8; j++, at++) {
        double up = reference(perturbed(F, i, j, step), H);
        double down = reference(perturbed(F, i, j, -step), H);
        double expected = (up - down) / (2 * step);
        largest = Math.max(largest, Math.abs(expected));
        assertThat(graphGradient[at]).isWithin(1e-7).of(expected);
      }
    }
    assertThat(largest).isGreaterThan(1e-3);
  }

  private static MlpWeights perturbed(MlpWeights w, int i, int j, double by) {
    List<double[][]> weights = new ArrayList<>();
    List<double[]> biases = new ArrayList<>();
    for (int l = 0; l < w.layers(); l++) {
      double[][] m = w.weight(l);
      double[][] copy = new double[m.length][];
      for (int r = 0; r < m.length; r++) {
        copy[r] = m[r].clone();
      }
      if (l == 0) {
        copy[i][j] += by;
      }
      weights.add(copy);
      biases.add(w.bias(l).clone());
    }
    return new MlpWeights(weights, biases, w.activation());
  }

  @Test
  void segmentsTileEveryTrajectoryAndEndAtItsLastPoint() {
    Trajectories data = Spring.data(2, 8, 0, 1); // 7 intervals per trajectory
    ShootingLoss.Segments segments = ShootingLoss.Segments.of(data, 3);
    // starts 0, 3 and, for the last interval, 4 (ending at point 7); then trajectory 1 from row 8
    assertThat(segments.startRows()).asList().containsExactly(0, 3, 4, 8, 11, 12).inOrder();
    assertThat(segments.targetRows()).asList().containsExactly(1, 2, 3, 4, 5, 6, 5, 6, 7, 9, 10, 11, 12, 13, 14,
        13, 14, 15).inOrder();
    double dt = data.time(0, 1) - data.time(0, 0);
    for (double h : segments.intervals()) {
      assertThat(h).isWithin(1e-12).of(dt);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShootingLoss.Segments.of(data, 8));
    assertThat(e).hasMessageThat().isEqualTo("shooting segments of 8 observed steps need trajectories of at least 9"
        + " points, but these have 8; lower shootingSteps to at most 7");
  }
}
