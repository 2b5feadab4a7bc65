/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class OverTimeFigureTest {
  @Test
  void oneSeedHasNoRangeAndSaysSo() {
    assertThat(OverTimeFigure.seedsNote(1)).isEqualTo("one seed: no range to show");
    assertThat(OverTimeFigure.seedsNote(5)).isEqualTo("lines: median over 5 seeds; shaded, between thin dashed"
        + " lines: their range (min to max)");
  }
}
