/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class InvariantCountTest {
  @Test
  void countsTheOutputsConservedOnHeldOutTrajectoriesBestFirst() {
    InvariantCount count = InvariantCount.of(new InvariantQuality[] {
        new InvariantQuality(0.01, 0.05), new InvariantQuality(0.4, 0.3), new InvariantQuality(0.001, 0.02)});
    assertThat(count.count()).isEqualTo(2);
    assertThat(count.kept()).containsExactly(2, 0).inOrder();
    assertThat(count.outputsToKeep()).containsExactly(2, 0).inOrder();
    assertThat(count.describe()).startsWith("2 of 3 learned outputs are conserved on held-out trajectories");
    assertThat(count.describe()).contains("; not: H2 (spread 4.00e-01, alignment 0.300)");
  }

  @Test
  void nothingConservedCountsZeroAndKeepsTheBestOutput() {
    InvariantCount count = InvariantCount.of(new InvariantQuality[] {
        new InvariantQuality(0.2, 0.05), new InvariantQuality(0.1, 0.3)});
    assertThat(count.count()).isEqualTo(0);
    assertThat(count.outputsToKeep()).containsExactly(1);
    // spread fine but alignment past its threshold: not conserved either
    assertThat(InvariantCount.of(new InvariantQuality[] {new InvariantQuality(0.001, 0.5)}).count()).isEqualTo(0);
  }

  @Test
  void probesAtMostFourAndFewerThanTheStateDimension() {
    assertThat(InvariantCount.probeOutputs(2)).isEqualTo(1);
    assertThat(InvariantCount.probeOutputs(4)).isEqualTo(3);
    assertThat(InvariantCount.probeOutputs(9)).isEqualTo(4);
    assertThat(InvariantCount.probeOutputs(1)).isEqualTo(1);
  }
}
