/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InvariantCountTest {
  /** 300 random states of the 2-D isotropic oscillator (x, y, vx, vy). */
  private static final List<double[]> STATES = states();

  private static List<double[]> states() {
    SplittableRandom rng = new SplittableRandom(5);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      out.add(new double[] {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)});
    }
    return out;
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
        gradients(EX, EY, L), STATES);
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
        gradients(EX, EY, L, E), STATES);
    assertThat(count.count()).isEqualTo(3);
    assertThat(count.kept()).containsExactly(0, 1, 2).inOrder();
    assertThat(count.independence().get(3)).isLessThan(1e-20);
    assertThat(count.independence().get(2)).isGreaterThan(0.1);
    assertThat(count.describe()).contains("not: H4 (spread 1.00e-03, alignment 0.010, independence ");
    // a warp of one output is no new invariant either
    assertThat(InvariantCount.of(new InvariantQuality[] {good(), good()}, gradients(EX, EX_SQUARED), STATES).count())
        .isEqualTo(1);
  }

  @Test
  void nothingConservedCountsZeroAndKeepsTheBestOutput() {
    InvariantCount count = InvariantCount.of(new InvariantQuality[] {
        new InvariantQuality(0.2, 0.05), new InvariantQuality(0.1, 0.3)}, gradients(EX, EY), STATES);
    assertThat(count.count()).isEqualTo(0);
    assertThat(count.outputsToKeep()).containsExactly(1);
    // spread fine but alignment past its threshold: not conserved either
    assertThat(InvariantCount.of(new InvariantQuality[] {new InvariantQuality(0.001, 0.5)}, gradients(EX), STATES)
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
