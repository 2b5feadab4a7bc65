/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.training.DegenerateBatchException;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

class SquareRatioLossTest {
  private static JsonNode cases() throws IOException {
    try (InputStream in = SquareRatioLossTest.class.getResourceAsStream("/square-ratio-loss.json")) {
      return new ObjectMapper().readTree(in).get("cases");
    }
  }

  private static double[][][] latent(JsonNode node) {
    double[][][] h = new double[node.size()][][];
    for (int i = 0; i < h.length; i++) {
      h[i] = new double[node.get(i).size()][];
      for (int t = 0; t < h[i].length; t++) {
        JsonNode point = node.get(i).get(t);
        h[i][t] = new double[point.size()];
        for (int k = 0; k < point.size(); k++) {
          h[i][t][k] = point.get(k).asDouble();
        }
      }
    }
    return h;
  }

  private static double[][] flat(double[][][] h) {
    int t = h[0].length;
    double[][] rows = new double[h.length * t][];
    for (int i = 0; i < h.length; i++) {
      for (int p = 0; p < t; p++) {
        rows[i * t + p] = h[i][p].clone();
      }
    }
    return rows;
  }

  /** The graph form's loss and its gradient with respect to H (flat [P][m]). */
  private static <T extends TNumber> double[] graphLossAndGradient(double[][][] h, Class<T> type) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> input = Tensors.constant(tf, flat(h), type);
      Operand<T> loss = SquareRatioLoss.build(tf, input, h[0].length);
      Operand<?> gradient = tf.gradients(loss, List.of(input)).dy(0);
      try (Result r = s.runner().fetch(loss).fetch(gradient).run()) {
        double[] grad = Tensors.toDoubles(r.get(1));
        double[] out = new double[grad.length + 1];
        out[0] = Tensors.toScalar(r.get(0));
        System.arraycopy(grad, 0, out, 1, grad.length);
        return out;
      }
    }
  }

  @Test
  void referenceMatchesIndependentFloat64Values() throws IOException {
    for (JsonNode c : cases()) {
      double expected = c.get("squareRatioLoss").asDouble();
      assertThat(SquareRatioLoss.reference(latent(c.get("H")))).isWithin(1e-13).of(expected);
    }
  }

  @Test
  void graphFormMatchesIndependentValuesInFloat64AndFloat32() throws IOException {
    for (JsonNode c : cases()) {
      double expected = c.get("squareRatioLoss").asDouble();
      double[][][] h = latent(c.get("H"));
      assertThat(graphLossAndGradient(h, TFloat64.class)[0]).isWithin(1e-13).of(expected);
      assertThat(graphLossAndGradient(h, TFloat32.class)[0]).isWithin(1e-6).of(expected);
    }
  }

  @Test
  void closedFormIsAccurateFarFromTheOriginInFloat32() {
    // a large common offset would cancel in T‖a‖² − 2a·S + Q; the centred form does not care
    double[][][] h = random(5, 8, 2, 11);
    double exact = SquareRatioLoss.reference(h);
    for (double[][] trajectory : h) {
      for (double[] point : trajectory) {
        point[0] += 1000;
        point[1] -= 1000;
      }
    }
    assertThat(graphLossAndGradient(h, TFloat32.class)[0]).isWithin(2e-4).of(exact);
  }

  @Test
  void gradientMatchesCentralDifferencesOfTheReference() {
    for (int m : new int[] {1, 3}) {
      double[][][] h = random(3, 4, m, 7 + m);
      double[] graph = graphLossAndGradient(h, TFloat64.class);
      assertThat(graph[0]).isWithin(1e-13).of(SquareRatioLoss.reference(h));
      double step = 1e-6;
      int at = 1;
      for (int i = 0; i < h.length; i++) {
        for (int t = 0; t < h[i].length; t++) {
          for (int k = 0; k < m; k++, at++) {
            double saved = h[i][t][k];
            h[i][t][k] = saved + step;
            double up = SquareRatioLoss.reference(h);
            h[i][t][k] = saved - step;
            double down = SquareRatioLoss.reference(h);
            h[i][t][k] = saved;
            assertThat(graph[at]).isWithin(1e-8).of((up - down) / (2 * step));
          }
        }
      }
    }
  }

  @Test
  void referenceRejectsDegenerateBatchesSayingWhy() {
    DegenerateBatchException one = assertThrows(DegenerateBatchException.class,
        () -> SquareRatioLoss.reference(random(1, 5, 1, 1)));
    assertThat(one).hasMessageThat().contains("fewer than two trajectories in the batch (found 1)");
    double[][][] same = new double[3][4][] ;
    for (double[][] trajectory : same) {
      for (int t = 0; t < trajectory.length; t++) {
        trajectory[t] = new double[] {0.5, -2};
      }
    }
    DegenerateBatchException identical = assertThrows(DegenerateBatchException.class,
        () -> SquareRatioLoss.reference(same));
    assertThat(identical).hasMessageThat().contains("denominator Σ‖H(a) − H(b)‖² is zero");
    DegenerateBatchException shortOnes = assertThrows(DegenerateBatchException.class,
        () -> SquareRatioLoss.reference(random(3, 1, 1, 1)));
    assertThat(shortOnes).hasMessageThat().contains("at least 2 points per trajectory");
  }

  @Test
  void checkDataRejectsTooFewTrajectoriesAndIdenticalStates() {
    assertThat(assertThrows(DegenerateBatchException.class,
        () -> SquareRatioLoss.checkData(new double[] {1, 2, 3, 4}, 1, 2, 2)))
        .hasMessageThat().contains("(the data holds 1)");
    assertThat(assertThrows(DegenerateBatchException.class,
        () -> SquareRatioLoss.checkData(new double[] {1, 2, 1, 2, 1, 2, 1, 2}, 2, 2, 2)))
        .hasMessageThat().contains("states of the data are identical");
    SquareRatioLoss.checkData(new double[] {1, 2, 1, 2, 1, 2, 1, 3}, 2, 2, 2);
  }

  @Test
  void graphGuardFailsTheRunInsteadOfReturningNaN() {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> h = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, 1)));
      Operand<TFloat32> loss = SquareRatioLoss.build(tf, h, 3);
      try (TFloat32 identical = Tensors.tensor(TFloat32.class, Shape.of(6, 1), new double[] {2, 2, 2, 2, 2, 2})) {
        TFInvalidArgumentException e = assertThrows(TFInvalidArgumentException.class,
            () -> s.runner().feed(h, identical).fetch(loss).run().close());
        assertThat(e).hasMessageThat().contains(SquareRatioLoss.IDENTICAL_POINTS);
      }
      try (TFloat32 single = Tensors.tensor(TFloat32.class, Shape.of(3, 1), new double[] {1, 2, 3})) {
        TFInvalidArgumentException e = assertThrows(TFInvalidArgumentException.class,
            () -> s.runner().feed(h, single).fetch(loss).run().close());
        assertThat(e).hasMessageThat().contains(SquareRatioLoss.TOO_FEW_TRAJECTORIES);
      }
      try (TFloat32 fine = Tensors.tensor(TFloat32.class, Shape.of(6, 1), new double[] {1, 2, 3, 1, 5, 3});
          Result r = s.runner().feed(h, fine).fetch(loss).run()) {
        assertThat(Tensors.toScalar(r.get(0)))
            .isWithin(1e-6).of(SquareRatioLoss.reference(new double[][][] {
                {{1}, {2}, {3}}, {{1}, {5}, {3}}}));
      }
    }
  }

  @Test
  void staticShapesAreCheckedWhileBuilding() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> h = tf.constant(new double[6][2]);
      assertThat(assertThrows(IllegalArgumentException.class, () -> SquareRatioLoss.build(tf, h, 2, 4)))
          .hasMessageThat().contains("need 8 rows of latent values, found shape [6, 2]");
      assertThat(assertThrows(DegenerateBatchException.class, () -> SquareRatioLoss.build(tf, h, 1, 6)))
          .hasMessageThat().contains("(found 1)");
      assertThat(assertThrows(DegenerateBatchException.class, () -> SquareRatioLoss.build(tf, h, 1)))
          .hasMessageThat().contains("at least 2 points per trajectory");
      assertThat(SquareRatioLoss.build(tf, h, 2, 3).shape().numDimensions()).isEqualTo(0);
    }
  }

  static double[][][] random(int count, int points, int m, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][][] h = new double[count][points][m];
    for (double[][] trajectory : h) {
      for (double[] point : trajectory) {
        for (int k = 0; k < m; k++) {
          point[k] = rng.nextDouble(-1, 1);
        }
      }
    }
    return h;
  }

  /**
   * Why the spring mass's learned H is a warp of its energy E = q² + p², not E (issue #3): on the
   * paper's data (radius U[0.3, 1.2), 30 points on [0, 3], state noise 0.01, batches of 10
   * trajectories), the loss of H = r^1.25 = E^0.625 is lower than that of H = E, although its linear
   * R² against E is only 0.987. Noise of constant size in the state moves E by an amount ∝ r, so
   * flattening H at large r lowers the within-trajectory spreads the loss divides. The paper's
   * R² ≥ 0.997 is therefore not where the loss is lowest.
   */
  @Test
  void onTheSpringMassDataTheLossPrefersAWarpOfTheEnergyToTheEnergy() {
    SplittableRandom rng = new SplittableRandom(2023);
    double energyLoss = 0;
    double warpedLoss = 0;
    int batches = 200;
    for (int b = 0; b < batches; b++) {
      double[][][] energy = new double[10][30][1];
      double[][][] warped = new double[10][30][1];
      for (int i = 0; i < 10; i++) {
        double angle = rng.nextDouble(0, 2 * Math.PI);
        double radius = rng.nextDouble(0.3, 1.2);
        for (int t = 0; t < 30; t++) {
          double phase = angle - 2 * (3.0 * t / 29);
          double q = radius * Math.cos(phase) + 0.01 * rng.nextGaussian();
          double p = radius * Math.sin(phase) + 0.01 * rng.nextGaussian();
          energy[i][t][0] = q * q + p * p;
          warped[i][t][0] = Math.pow(q * q + p * p, 0.625);
        }
      }
      energyLoss += SquareRatioLoss.reference(energy) / batches;
      warpedLoss += SquareRatioLoss.reference(warped) / batches;
    }
    // measured: 2.323e-4 for E, 2.284e-4 for E^0.625 (1.7% lower, over the same batches)
    assertThat(warpedLoss).isLessThan(0.995 * energyLoss);
  }
}
