/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.system;

import static com.google.common.truth.Truth.assertThat;

import org.concernet.protocol.Dissipation;
import org.concernet.protocol.Protocol;
import org.junit.jupiter.api.Test;

class MeasuredSystemTest {
  @Test
  void measuredDefaultsDifferFromTheLibrarysOnlyInWindowsContrastiveEpochsAndTheDissipativeModel() {
    Protocol measured = MeasuredSystem.defaults().build();
    Protocol library = Protocol.builder().build();

    assertThat(measured.points()).isEqualTo(MeasuredSystem.DEFAULT_WINDOW);
    // measured data keep the contrastive length they were measured at (docs/generality.md, session 17)
    assertThat(measured.contrastiveEpochs()).isEqualTo(1000);
    assertThat(library.contrastiveEpochs()).isEqualTo(3000);
    assertThat(measured.dissipation()).isEqualTo(Dissipation.RATE);
    assertThat(library.dissipation()).isEqualTo(Dissipation.NONE);
    // The derivative-alignment refinement runs on measured data too (docs/measured.md, session 11).
    assertThat(measured.alignmentWeight()).isEqualTo(library.alignmentWeight());
    assertThat(measured.alignmentWeight()).isGreaterThan(0.0);
    assertThat(measured.alignmentStart()).isEqualTo(library.alignmentStart());
    assertThat(measured.toBuilder().points(library.points()).contrastiveEpochs(library.contrastiveEpochs())
        .dissipation(library.dissipation()).build()).isEqualTo(library);
  }
}
