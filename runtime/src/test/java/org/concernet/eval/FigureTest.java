/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {
  @Test
  void meanAndPopulationStdLikeNumpy() {
    // numpy: np.mean([1,2,3,4]) = 2.5, np.std([1,2,3,4]) = 1.118033988749895 (ddof = 0)
    Figure f = Figure.of(1, 2, 3, 4);
    assertThat(f.mean()).isEqualTo(2.5);
    assertThat(f.std()).isWithin(1e-15).of(1.118033988749895);
    assertThat(f.perSeed()).containsExactly(1.0, 2.0, 3.0, 4.0).inOrder();
  }

  @Test
  void oneSeedHasNoSpread() {
    Figure f = Figure.of(List.of(0.75));
    assertThat(f.mean()).isEqualTo(0.75);
    assertThat(f.std()).isEqualTo(0.0);
  }

  @Test
  void noSeedsIsAnError() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Figure.of(List.of())))
        .hasMessageThat().contains("at least one per-seed value");
  }
}
