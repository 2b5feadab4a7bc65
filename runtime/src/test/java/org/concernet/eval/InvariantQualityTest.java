/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.concernet.data.Trajectories;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;

class InvariantQualityTest {
  private static final Trajectories SPRING = SpringMassTrajectories.trajectories(20, 30, 0, 4);

  @Test
  void exactEnergyOfTheSpringIsPerfect() {
    // H = q² + p², ∇H = (2q, 2p): constant along each trajectory and orthogonal to the flow
    InvariantQuality q = InvariantQuality.of(x -> new double[] {x[0] * x[0] + x[1] * x[1]},
        x -> new double[][] {{2 * x[0]}, {2 * x[1]}}, SPRING)[0];
    assertThat(q.spread()).isLessThan(1e-10);
    assertThat(q.alignment()).isLessThan(1e-6);
    assertThat(q.likelyHurts()).isFalse();
  }

  @Test
  void aQuantityThatMovesAlongTheFlowIsFlagged() {
    // H = q changes along every orbit as much as between orbits, and ∇H = (1, 0) meets the flow
    InvariantQuality q = InvariantQuality.of(x -> new double[] {x[0]}, x -> new double[][] {{1}, {0}}, SPRING)[0];
    assertThat(q.spread()).isGreaterThan(0.5);
    assertThat(q.alignment()).isGreaterThan(0.4);
    assertThat(q.likelyHurts()).isTrue();
  }

  @Test
  void aSlightlyWrongInvariantSitsBetweenAndScalingChangesNothing() {
    // q² + 1.1 p²: nearly conserved; rescaled by 1000 it must measure the same
    InvariantQuality near = InvariantQuality.of(x -> new double[] {x[0] * x[0] + 1.1 * x[1] * x[1]},
        x -> new double[][] {{2 * x[0]}, {2.2 * x[1]}}, SPRING)[0];
    InvariantQuality scaled = InvariantQuality.of(x -> new double[] {1000 * (x[0] * x[0] + 1.1 * x[1] * x[1])},
        x -> new double[][] {{2000 * x[0]}, {2200 * x[1]}}, SPRING)[0];
    assertThat(near.spread()).isGreaterThan(1e-5);
    assertThat(near.alignment()).isGreaterThan(1e-3);
    assertThat(scaled.spread()).isWithin(1e-12).of(near.spread());
    assertThat(scaled.alignment()).isWithin(1e-12).of(near.alignment());
  }

  @Test
  void constantHIsNotANumberAndFlagged() {
    InvariantQuality q = InvariantQuality.of(x -> new double[] {1}, x -> new double[][] {{0}, {0}}, SPRING)[0];
    assertThat(q.spread()).isNaN();
    assertThat(q.alignment()).isNaN();
    assertThat(q.likelyHurts()).isTrue();
  }

  @Test
  void needsDerivatives() {
    Trajectories bare = Trajectories.ofFlat(java.util.List.of("q", "p"), 2, 2, new double[] {0, 1, 0, 1},
        new double[] {1, 0, 0, 1, 2, 0, 0, 2}, null);
    assertThrows(IllegalArgumentException.class,
        () -> InvariantQuality.of(x -> new double[] {x[0]}, x -> new double[][] {{1}, {0}}, bare));
  }
}
