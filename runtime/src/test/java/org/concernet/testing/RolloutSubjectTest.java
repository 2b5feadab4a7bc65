/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testing;

import static com.google.common.truth.Truth.assertThat;
import static org.concernet.testing.ConcernetTruth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.concernet.data.Rollout;
import org.junit.jupiter.api.Test;

class RolloutSubjectTest {
  /** A circle of radius 1 and a spiral growing to radius 1.1, at 11 times. */
  private static Rollout circleAndSpiral() {
    double[] times = new double[11];
    double[][][] states = new double[2][11][];
    for (int t = 0; t <= 10; t++) {
      times[t] = 0.1 * t;
      states[0][t] = new double[] {Math.cos(t), Math.sin(t)};
      double r = 1 + 0.01 * t;
      states[1][t] = new double[] {r * Math.cos(t), r * Math.sin(t)};
    }
    return new Rollout(times, states, 1);
  }

  private static double[] radiusSquared(double[] x) {
    return new double[] {x[0] * x[0] + x[1] * x[1]};
  }

  @Test
  void passesWhenEveryTrajectoryConservesTheQuantity() {
    Rollout circle = new Rollout(circleAndSpiral().times(), new double[][][] {circleAndSpiral().states()[0]}, 1);
    assertThat(circle).conserves(RolloutSubjectTest::radiusSquared).within(1e-12);
    assertThat(circle).isFinite();
  }

  @Test
  void failsNamingTheWorstDrift() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> assertThat(circleAndSpiral()).conserves(RolloutSubjectTest::radiusSquared).within(0.1));
    assertThat(e).hasMessageThat().contains("largest drift was");
    assertThat(e).hasMessageThat().contains("trajectory 1, time 1.0");
  }

  @Test
  void nonFiniteStatesFailBoth() {
    double[][][] states = {{{1, 0}, {Double.NaN, 0}}};
    Rollout blown = new Rollout(new double[] {0, 1}, states, 1);
    assertThrows(AssertionError.class, () -> assertThat(blown).isFinite());
    assertThrows(AssertionError.class, () -> assertThat(blown).conserves(RolloutSubjectTest::radiusSquared).within(1e9));
  }
}
