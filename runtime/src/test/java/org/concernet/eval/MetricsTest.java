/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import org.concernet.data.Rollout;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final double[] TIMES = {0.0, 1.0};
  // 2 trajectories × 2 times × 2 components
  private static final Rollout TRUTH = new Rollout(TIMES, new double[][][] {
      {{1, 0}, {0, 1}},
      {{2, 2}, {3, -1}}}, 0);
  private static final Rollout SIMULATED = new Rollout(TIMES, new double[][][] {
      {{1, 0}, {0, 2}},
      {{2, 3}, {1, -1}}}, 4);
  // invariants: C1 = x + y, C2 = x·y
  private static final Function<double[], double[]> INVARIANTS = x -> new double[] {x[0] + x[1], x[0] * x[1]};

  @Test
  void mseIsTheMeanOverTrajectoriesTimesAndComponents() {
    // squared errors: traj 0: 0,0 | 0,1 ; traj 1: 0,1 | 4,0  → 6 / 8
    assertThat(Mse.of(TRUTH, SIMULATED)).isWithin(1e-15).of(6.0 / 8);
    // final time: 0,1 | 4,0 → 5 / 4
    assertThat(Mse.atFinalTime(TRUTH, SIMULATED)).isWithin(1e-15).of(5.0 / 4);
    assertThat(Mse.of(TRUTH, TRUTH)).isEqualTo(0.0);
  }

  @Test
  void perTrajectoryMseSplitsTheMseByInitialState() {
    // traj 0: 0,0 | 0,1 → 1 / 4 ; traj 1: 0,1 | 4,0 → 5 / 4
    double[] each = Mse.perTrajectory(TRUTH, SIMULATED);
    assertThat(each).usingTolerance(1e-15).containsExactly(0.25, 1.25).inOrder();
    assertThat((each[0] + each[1]) / 2).isWithin(1e-15).of(Mse.of(TRUTH, SIMULATED));
    // time 0: 0,0 | 0,1 → 1 / 4 ; time 1: 0,1 | 4,0 → 5 / 4
    assertThat(Mse.overTime(TRUTH, SIMULATED)).usingTolerance(1e-15).containsExactly(0.25, 1.25).inOrder();
  }

  @Test
  void violationIsTheMeanOverTrajectoriesAndTimesPerInvariant() {
    // C1 true: 1, 1, 4, 2 ; simulated: 1, 2, 5, 0 → squared differences 0, 1, 1, 4 → 6 / 4
    // C2 true: 0, 0, 4, -3 ; simulated: 0, 0, 6, -1 → 0, 0, 4, 4 → 8 / 4
    double[] v = Violation.of(INVARIANTS, TRUTH, SIMULATED);
    assertThat(v[0]).isWithin(1e-15).of(1.5);
    assertThat(v[1]).isWithin(1e-15).of(2.0);
    double[] last = Violation.atFinalTime(INVARIANTS, TRUTH, SIMULATED);
    assertThat(last[0]).isWithin(1e-15).of(2.5);
    assertThat(last[1]).isWithin(1e-15).of(2.0);
  }

  @Test
  void metricsRecordAveragesInvariants() {
    Metrics m = new Metrics(0.75, 1.25, java.util.Map.of("C1", 1.5), java.util.Map.of("C1", 2.5));
    assertThat(m.meanViolation()).isEqualTo(1.5);
    Metrics two = new Metrics(0, 0, orderedMap("E", 1.0, "L", 3.0), orderedMap("E", 0.0, "L", 1.0));
    assertThat(two.meanViolation()).isEqualTo(2.0);
    assertThat(two.violation().keySet()).containsExactly("E", "L").inOrder();
    assertThat(two.meanFinalViolation()).isEqualTo(0.5);
  }

  @Test
  void blownUpRolloutHasInfiniteErrors() {
    Rollout blown = new Rollout(TIMES, new double[][][] {
        {{1, 0}, {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}},
        {{2, 2}, {Double.NaN, Double.NaN}}}, 1);
    assertThat(blown.isFinite()).isFalse();
    assertThat(blown.nonFiniteTrajectories()).containsExactly(0, 1).inOrder();
    assertThat(Mse.of(TRUTH, blown)).isPositiveInfinity();
    assertThat(Mse.atFinalTime(TRUTH, blown)).isPositiveInfinity();
    assertThat(Mse.perTrajectory(TRUTH, blown)[0]).isPositiveInfinity();
    assertThat(Mse.perTrajectory(TRUTH, blown)[1]).isPositiveInfinity();
    assertThat(Violation.of(INVARIANTS, TRUTH, blown)[0]).isPositiveInfinity();
  }

  @Test
  void rejectsRolloutsOfDifferentShapes() {
    Rollout shorter = new Rollout(new double[] {0.0}, new double[][][] {{{1, 0}}, {{2, 2}}}, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mse.of(TRUTH, shorter));
    assertThat(e).hasMessageThat().contains("2 trajectories × 2 times × 2 components");
  }

  private static java.util.Map<String, Double> orderedMap(String k1, double v1, String k2, double v2) {
    java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
