/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.concernet.data.Trajectories;
import org.junit.jupiter.api.Test;

class InvariantCountTest {
  /**
   * 30 orbits of the 2-D isotropic oscillator ẍ = −x, ÿ = −y (states x, y, vx, vy), 20 points
   * each, with their derivatives: its invariants Ex, Ey and L have gradients orthogonal to ẋ.
   */
  private static final Trajectories ORBITS = orbits();

  private static Trajectories orbits() {
    SplittableRandom rng = new SplittableRandom(5);
    int count = 30;
    int length = 20;
    double[][] times = new double[count][length];
    double[][][] states = new double[count][length][];
    double[][][] derivatives = new double[count][length][];
    for (int i = 0; i < count; i++) {
      double ax = rng.nextDouble(0.2, 1);
      double ay = rng.nextDouble(0.2, 1);
      double px = rng.nextDouble(0, 2 * Math.PI);
      double py = rng.nextDouble(0, 2 * Math.PI);
      for (int t = 0; t < length; t++) {
        double time = 0.3 * t;
        times[i][t] = time;
        double x = ax * Math.cos(time + px);
        double y = ay * Math.cos(time + py);
        double vx = -ax * Math.sin(time + px);
        double vy = -ay * Math.sin(time + py);
        states[i][t] = new double[] {x, y, vx, vy};
        derivatives[i][t] = new double[] {vx, vy, -x, -y};
      }
    }
    return Trajectories.of(List.of("x", "y", "vx", "vy"), times, states, derivatives);
  }

  /** Gradients [n][m] of the given outputs, each a gradient function of the state. */
  @SafeVarargs
  private static Function<double[], double[][]> gradients(Function<double[], double[]>... outputs) {
    return x -> {
      double[][] g = new double[x.length][outputs.length];
      for (int k = 0; k < outputs.length; k++) {
        double[] gk = outputs[k].apply(x);
        for (int d = 0; d < x.length; d++) {
          g[d][k] = gk[d];
        }
      }
      return g;
    };
  }

  // the oscillator's invariants: Ex = (x² + vx²)/2, Ey = (y² + vy²)/2, L = x·vy − y·vx
  private static final Function<double[], double[]> EX = x -> new double[] {x[0], 0, x[2], 0};
  private static final Function<double[], double[]> EY = x -> new double[] {0, x[1], 0, x[3]};
  private static final Function<double[], double[]> L = x -> new double[] {x[3], -x[2], -x[1], x[0]};
  /** E = Ex + Ey: a function of the first two. */
  private static final Function<double[], double[]> E = x -> new double[] {x[0], x[1], x[2], x[3]};
  /** (Ex)², a function of Ex alone. */
  private static final Function<double[], double[]> EX_SQUARED = x -> {
    double ex = (x[0] * x[0] + x[2] * x[2]) / 2;
    return new double[] {2 * ex * x[0], 0, 2 * ex * x[2], 0};
  };

  private static InvariantQuality good() {
    return new InvariantQuality(0.001, 0.01);
  }

  @Test
  void countsTheOutputsConservedOnHeldOutTrajectoriesBestFirst() {
    InvariantCount count = InvariantCount.of(new InvariantQuality[] {
        new InvariantQuality(0.01, 0.05), new InvariantQuality(0.4, 0.3), new InvariantQuality(0.001, 0.02)},
        gradients(EX, EY, L), ORBITS);
    assertThat(count.count()).isEqualTo(2);
    assertThat(count.kept()).containsExactly(2, 0).inOrder();
    assertThat(count.outputsToKeep()).containsExactly(2, 0).inOrder();
    assertThat(count.describe()).startsWith("2 of 3 learned outputs are conserved on held-out trajectories and"
        + " independent");
    assertThat(count.describe()).contains("; not: H2 (spread 4.00e-01, alignment 0.300)");
  }

  @Test
  void anOutputThatIsAFunctionOfTheKeptOnesDoesNotCount() {
    // Ex, Ey, L and E = Ex + Ey, all conserved: three independent, E in the span of Ex and Ey everywhere
    InvariantCount count = InvariantCount.of(new InvariantQuality[] {good(), good(), good(), good()},
        gradients(EX, EY, L, E), ORBITS);
    assertThat(count.count()).isEqualTo(3);
    assertThat(count.kept()).containsExactly(0, 1, 2).inOrder();
    assertThat(count.independence().get(3)).isEqualTo(1.0);
    assertThat(count.independence().get(2)).isLessThan(1e-12);
    assertThat(count.describe()).contains("not: H4 (spread 1.00e-03, alignment 0.010, new direction's alignment 1.000)");
    // a warp of one output is no new invariant either
    assertThat(InvariantCount.of(new InvariantQuality[] {good(), good()}, gradients(EX, EX_SQUARED), ORBITS).count())
        .isEqualTo(1);
  }

  @Test
  void aFunctionOfTheOthersWithErrorsAddsADirectionThatIsNotConserved() {
    // E plus a small error term: its part outside span{Ex, Ey} is the error's, which is not conserved
    Function<double[], double[]> noisyE = x -> new double[] {x[0] + 0.01 * x[1], x[1], x[2], x[3] + 0.01 * x[0]};
    InvariantCount count = InvariantCount.of(new InvariantQuality[] {good(), good(), good()},
        gradients(EX, EY, noisyE), ORBITS);
    assertThat(count.count()).isEqualTo(2);
    assertThat(count.independence().get(2)).isGreaterThan(InvariantQuality.ALIGNMENT_THRESHOLD);
    // while a true invariant counts however nearly parallel it is to the kept one: Ex + 0.01·L
    Function<double[], double[]> nearlyEx = x -> new double[] {x[0] + 0.01 * x[3], -0.01 * x[2], x[2] - 0.01 * x[1],
        0.01 * x[0]};
    assertThat(InvariantCount.of(new InvariantQuality[] {good(), good()}, gradients(EX, nearlyEx), ORBITS).count())
        .isEqualTo(2);
  }

  @Test
  void nothingConservedCountsZeroAndKeepsTheBestOutput() {
    InvariantCount count = InvariantCount.of(new InvariantQuality[] {
        new InvariantQuality(0.2, 0.05), new InvariantQuality(0.1, 0.3)}, gradients(EX, EY), ORBITS);
    assertThat(count.count()).isEqualTo(0);
    assertThat(count.outputsToKeep()).containsExactly(1);
    // spread fine but alignment past its threshold: not conserved either
    assertThat(InvariantCount.of(new InvariantQuality[] {new InvariantQuality(0.001, 0.5)}, gradients(EX), ORBITS)
        .count()).isEqualTo(0);
  }

  @Test
  void probesAtMostFourAndFewerThanTheStateDimension() {
    assertThat(InvariantCount.probeOutputs(2)).isEqualTo(1);
    assertThat(InvariantCount.probeOutputs(4)).isEqualTo(3);
    assertThat(InvariantCount.probeOutputs(9)).isEqualTo(4);
    assertThat(InvariantCount.probeOutputs(1)).isEqualTo(1);
  }
}
