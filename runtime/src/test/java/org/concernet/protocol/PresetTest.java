/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Optional;
import org.concernet.nn.Activation;
import org.junit.jupiter.api.Test;

class PresetTest {
  /** A protocol unlike the paper's in every setting a preset touches. */
  static Protocol odd() {
    return new Protocol(7, 9, 0.5, 2, 0.2, 3, 50, 4, 20, 2, List.of(8), Activation.TANH, 17, 3, 23, 5,
        0.01, Protocol.DEFAULT_SCHEDULE, 0.0, 1.0, 0, Optional.empty());
  }

  @Test
  void paperPresetIsTheDesignTableForAKnownSystem() {
    Protocol p = Preset.PAPER.apply("ChemicalKinetics", odd());
    assertThat(p.trajectories()).isEqualTo(50);
    assertThat(p.points()).isEqualTo(30);
    assertThat(p.startTime()).isEqualTo(0.0);
    assertThat(p.endTime()).isEqualTo(3.0);
    assertThat(p.activation()).isEqualTo(Activation.RELU);
    assertThat(p.hidden()).containsExactly(100, 100).inOrder();
    assertThat(p.latent()).isEqualTo(1);
    assertThat(p.contrastiveEpochs()).isEqualTo(1000);
    assertThat(p.contrastiveBatch()).isEqualTo(10);
    assertThat(p.dynamicsEpochs()).isEqualTo(1000);
    assertThat(p.dynamicsBatch()).isEqualTo(100);
    assertThat(p.noise()).isEqualTo(0.01);
    assertThat(p.evaluationTrajectories()).isEqualTo(10);
    assertThat(p.evaluationPoints()).isEqualTo(1001);
    assertThat(p.evaluationHorizon()).isEqualTo(10.0);
    assertThat(p.r2Trajectories()).isEqualTo(500);
    assertThat(p.learningRate()).isEqualTo(1e-3);
    assertThat(p.autoencoder()).isEmpty();
  }

  @Test
  void paperPresetOfTheHeatEquationTrainsDynamicsInTheAutoencoderLatentSpace() {
    Protocol p = Preset.PAPER.apply("HeatEquation", odd());
    assertThat(p.autoencoder()).hasValue(new Protocol.AutoencoderSpec(9, List.of(32, 16), 200, 100));
    assertThat(p.dynamicsEpochs()).isEqualTo(200);
    assertThat(p.dynamicsBatch()).isEqualTo(20);
    assertThat(p.evaluationHorizon()).isEqualTo(1.0);
  }

  @Test
  void paperPresetKeepsTheDataOfASystemThePaperNeverSaw() {
    Protocol p = Preset.PAPER.apply("Pendulum", odd());
    assertThat(p.trajectories()).isEqualTo(7);
    assertThat(p.endTime()).isEqualTo(2.0);
    assertThat(p.evaluationHorizon()).isEqualTo(4.0);
    assertThat(p.contrastiveEpochs()).isEqualTo(1000);
    assertThat(p.hidden()).containsExactly(100, 100).inOrder();
  }

  @Test
  void quickPresetCutsEpochsToAFifth() {
    Protocol p = Preset.QUICK.apply("Pendulum", odd().toBuilder().contrastiveEpochs(1000).dynamicsEpochs(4).build());
    assertThat(p.contrastiveEpochs()).isEqualTo(200);
    assertThat(p.dynamicsEpochs()).isEqualTo(1);
    assertThat(p.r2Trajectories()).isEqualTo(20);
  }
}
