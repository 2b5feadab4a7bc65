/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
  @Test
  void constantIsOneEveryEpoch() {
    for (int e = 1; e <= 7; e++) {
      assertThat(LearningRateSchedule.CONSTANT.factor(e, 7)).isEqualTo(1.0);
    }
  }

  @Test
  void cosineFallsFromOneToTheFloor() {
    int epochs = 1000;
    assertThat(LearningRateSchedule.COSINE.factor(1, epochs)).isEqualTo(1.0);
    assertThat(LearningRateSchedule.COSINE.factor(epochs, epochs)).isWithin(1e-15).of(LearningRateSchedule.COSINE_FLOOR);
    // half-way through (progress 1/2) the cosine term is 1/2
    assertThat(LearningRateSchedule.COSINE.factor(3, 5)).isWithin(1e-15).of(0.01 + 0.99 * 0.5);
    double previous = 2;
    for (int e = 1; e <= epochs; e++) {
      double f = LearningRateSchedule.COSINE.factor(e, epochs);
      assertThat(f).isAtMost(previous);
      previous = f;
    }
    assertThat(LearningRateSchedule.COSINE.factor(1, 1)).isEqualTo(1.0);
  }

  @Test
  void epochsOutsideTheStageAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LearningRateSchedule.COSINE.factor(0, 10));
    assertThat(e).hasMessageThat().contains("epoch 0 of 10");
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.CONSTANT.factor(11, 10));
  }
}
