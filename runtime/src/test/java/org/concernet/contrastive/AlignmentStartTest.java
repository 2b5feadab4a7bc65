/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.concernet.data.Trajectories;
import org.concernet.protocol.Preset;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.SpringMassTrajectories;
import org.concernet.training.ProgressListener;
import org.junit.jupiter.api.Test;

/** The refinement stage: the alignment term joins the square ratio loss after a share of the epochs. */
class AlignmentStartTest {
  private static final Trajectories TRAIN = SpringMassTrajectories.trajectories(12, 10, 0.01, 3);
  private static final int EPOCHS = 15;

  private record Run(LearnedInvariant invariant, List<Double> losses) {}

  private static Run learn(double weight, double start) {
    Protocol protocol = SpringMassTrajectories.protocol(EPOCHS).toBuilder().alignmentWeight(weight)
        .alignmentStart(start).build();
    List<Double> losses = new ArrayList<>();
    ProgressListener record = (stage, epoch, epochs, loss) -> losses.add(loss);
    LearnedInvariant h = new InvariantLearner(protocol).withListener(record).learn("s", TRAIN, 7);
    return new Run(h, losses);
  }

  @Test
  void firstAlignedEpochFollowsTheShare() {
    assertThat(InvariantLearner.firstAlignedEpoch(1000, 0.0)).isEqualTo(1);
    assertThat(InvariantLearner.firstAlignedEpoch(1000, 0.5)).isEqualTo(501);
    assertThat(InvariantLearner.firstAlignedEpoch(15, 0.4)).isEqualTo(7);
    assertThat(InvariantLearner.firstAlignedEpoch(3, 0.99)).isEqualTo(3);
  }

  @Test
  void epochsBeforeTheStartAreTheSquareRatioLossAloneBitForBit() {
    Run plain = learn(0.0, 0.0);
    Run refined = learn(0.5, 0.4); // epochs 1-6 without the term, 7-15 with it
    assertThat(refined.losses()).hasSize(EPOCHS);
    assertThat(refined.losses().subList(0, 6)).isEqualTo(plain.losses().subList(0, 6));
    assertThat(refined.losses().get(6)).isNotEqualTo(plain.losses().get(6));
    assertThat(refined.invariant().weights()).isNotEqualTo(plain.invariant().weights());
    assertThat(refined.invariant().provenance().protocol()).containsEntry("alignmentStart", 0.4);
  }

  @Test
  void aLaterStartIsNotTheTermFromTheFirstEpoch() {
    Run fromStart = learn(0.5, 0.0);
    Run refined = learn(0.5, 0.4);
    assertThat(refined.losses().get(0)).isNotEqualTo(fromStart.losses().get(0));
    assertThat(refined.invariant().weights()).isNotEqualTo(fromStart.invariant().weights());
  }

  @Test
  void theDefaultsRefineAndThePaperPresetIsThePaperLossAlone() {
    Protocol defaults = Protocol.builder().build();
    assertThat(defaults.alignmentWeight()).isEqualTo(1.0);
    assertThat(defaults.alignmentStart()).isEqualTo(0.5);
    Protocol paper = Preset.PAPER.apply("SpringMass", defaults);
    assertThat(paper.alignmentWeight()).isEqualTo(0.0);
    assertThat(paper.alignmentStart()).isEqualTo(0.0);
  }

  @Test
  void startOutsideZeroToOneIsRefusedWithItsName() {
    Protocol.Builder b = SpringMassTrajectories.protocol(EPOCHS).toBuilder();
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> b.alignmentStart(1.0).build());
    assertThat(one).hasMessageThat().contains("alignmentStart is a share of the contrastive epochs: it must be in [0, 1), was 1.0");
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> b.alignmentStart(-0.1).build());
    assertThat(negative).hasMessageThat().contains("was -0.1");
  }
}
