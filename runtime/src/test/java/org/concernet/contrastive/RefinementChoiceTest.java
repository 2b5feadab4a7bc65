/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.concernet.data.Trajectories;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.SpringMassTrajectories;
import org.concernet.training.Checkpoints;
import org.concernet.training.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InvariantLearner#select}: the paper-loss ending trained beside the refinement, and the
 * choice between the two by a score.
 */
class RefinementChoiceTest {
  private static final Trajectories TRAIN = SpringMassTrajectories.trajectories(12, 10, 0.01, 3);
  /** Two uncoupled springs: positions, then momenta, for the Hamiltonian ending. */
  private static final Trajectories PAIRS = SpringMassTrajectories.pairs(12, 10, 0.01, 3);
  private static final double[] ONES = {1, 1, 1, 1};
  private static final int EPOCHS = 15;
  /** Epochs 1-6 without the alignment term, 7-15 with it (and the paper-loss ending's 7-15 without). */
  private static final double START = 0.4;
  /** Prefers the H trained with the larger alignment weight: the refined one. */
  private static final ToDoubleFunction<LearnedInvariant> PREFER_REFINED = h -> -weight(h);
  /** Prefers the H trained with the smaller alignment weight: the paper-loss one. */
  private static final ToDoubleFunction<LearnedInvariant> PREFER_PAPER = RefinementChoiceTest::weight;

  private static double weight(LearnedInvariant h) {
    return ((Number) h.provenance().protocol().get("alignmentWeight")).doubleValue();
  }

  private static Protocol protocol(double weight) {
    return SpringMassTrajectories.protocol(EPOCHS).toBuilder().alignmentWeight(weight).alignmentStart(START).build();
  }

  private record Epoch(String stage, int epoch) {}

  private static InvariantLearner.Selection select(Protocol protocol, ToDoubleFunction<LearnedInvariant> score,
      List<Epoch> epochs) {
    ProgressListener record = (stage, epoch, total, loss) -> epochs.add(new Epoch(stage, epoch));
    return new InvariantLearner(protocol).withListener(record).select("s", TRAIN, 7, score);
  }

  @Test
  void theRefinedHIsLearnsBitForBitAndThePaperEndingRunsTheLastEpochsAgain() {
    LearnedInvariant learned = new InvariantLearner(protocol(0.5)).learn("s", TRAIN, 7);
    List<Epoch> epochs = new ArrayList<>();
    InvariantLearner.Selection selection = select(protocol(0.5), PREFER_REFINED, epochs);

    assertThat(selection.invariant().weights()).isEqualTo(learned.weights());
    assertThat(selection.invariant().provenance().finalLoss()).isEqualTo(learned.provenance().finalLoss());
    InvariantLearner.Choice choice = selection.choice().orElseThrow();
    assertThat(choice.refined()).isTrue();
    assertThat(choice.refinedScore()).isEqualTo(-0.5);
    assertThat(choice.paperScore()).isEqualTo(-0.0);
    // the stage's epochs 1-6, then the paper-loss ending's 7-15, then the stage's own 7-15
    List<Epoch> expected = new ArrayList<>();
    for (int e = 1; e <= 6; e++) {
      expected.add(new Epoch(InvariantLearner.STAGE, e));
    }
    for (int e = 7; e <= EPOCHS; e++) {
      expected.add(new Epoch(InvariantLearner.PAPER_STAGE, e));
    }
    for (int e = 7; e <= EPOCHS; e++) {
      expected.add(new Epoch(InvariantLearner.STAGE, e));
    }
    assertThat(epochs).containsExactlyElementsIn(expected).inOrder();
  }

  @Test
  void theScoreChoosesThePaperLossEndingWhichTheAlignmentWeightDoesNotReach() {
    InvariantLearner.Selection half = select(protocol(0.5), PREFER_PAPER, new ArrayList<>());
    InvariantLearner.Selection two = select(protocol(2.0), PREFER_PAPER, new ArrayList<>());
    LearnedInvariant refined = new InvariantLearner(protocol(0.5)).learn("s", TRAIN, 7);

    assertThat(half.choice().orElseThrow().refined()).isFalse();
    LearnedInvariant paper = half.invariant();
    assertThat(paper.weights()).isNotEqualTo(refined.weights());
    assertThat(paper.provenance().protocol()).containsEntry("alignmentWeight", 0.0);
    assertThat(paper.provenance().finalLoss()).isFinite();
    // the ending trains the square ratio loss alone: whatever the alignment term's weight, the same H
    assertThat(two.invariant().weights()).isEqualTo(paper.weights());
    assertThat(two.choice().orElseThrow().paperScore()).isEqualTo(0.0);
  }

  @Test
  void thereIsNoChoiceWithoutTheRefinementStageOneOutputOrAScore() {
    List<Epoch> epochs = new ArrayList<>();
    assertThat(select(protocol(0.5), null, epochs).choice()).isEmpty();
    assertThat(select(protocol(0.0), PREFER_PAPER, epochs).choice()).isEmpty();
    assertThat(select(protocol(0.5).toBuilder().alignmentStart(0.0).build(), PREFER_PAPER, epochs).choice())
        .isEmpty();
    assertThat(select(protocol(0.5).toBuilder().latent(2).build(), PREFER_PAPER, epochs).choice()).isEmpty();
    assertThat(epochs.stream().map(Epoch::stage).distinct().toList()).containsExactly(InvariantLearner.STAGE);
  }

  @Test
  void aScoreThatIsNotANumberKeepsTheRefinedH() {
    InvariantLearner.Selection selection = select(protocol(0.5), h -> Double.NaN, new ArrayList<>());
    assertThat(selection.choice().orElseThrow().refined()).isTrue();
  }

  /** Scores handed out in the order select asks for them: the refined H, the paper-loss H, then the Hamiltonian H. */
  private static ToDoubleFunction<LearnedInvariant> inOrder(double... scores) {
    int[] next = {0};
    return h -> scores[next[0]++];
  }

  private static InvariantLearner.Selection selectWithHamiltonian(Protocol protocol, ToDoubleFunction<LearnedInvariant> score,
      List<Epoch> epochs) {
    ProgressListener record = (stage, epoch, total, loss) -> epochs.add(new Epoch(stage, epoch));
    return new InvariantLearner(protocol.hamiltonianWeight() == 0 ? protocol.toBuilder().hamiltonianWeight(10).build() : protocol)
        .withSystemScale(ONES).withListener(record).select("s", PAIRS, 7, score);
  }

  @Test
  void theHamiltonianEndingRunsTheLastEpochsAThirdTimeAndIsKeptWhenItScoresLowest() {
    List<Epoch> epochs = new ArrayList<>();
    InvariantLearner.Selection hamiltonian = selectWithHamiltonian(protocol(0.5), inOrder(3.0, 2.0, 1.0), epochs);
    InvariantLearner.Choice choice = hamiltonian.choice().orElseThrow();
    assertThat(choice.kept()).isEqualTo(InvariantLearner.Ending.HAMILTONIAN);
    assertThat(choice.hamiltonianTrained()).isTrue();
    assertThat(choice.hamiltonianScore()).isEqualTo(1.0);
    assertThat(choice.hamiltonianSeconds()).isGreaterThan(0.0);
    // the stage's epochs 1-6, the paper-loss ending's 7-15, the Hamiltonian ending's 7-15, the stage's 7-15
    List<Epoch> expected = new ArrayList<>();
    for (int e = 1; e <= 6; e++) {
      expected.add(new Epoch(InvariantLearner.STAGE, e));
    }
    for (String stage : List.of(InvariantLearner.PAPER_STAGE, InvariantLearner.HAMILTONIAN_STAGE, InvariantLearner.STAGE)) {
      for (int e = 7; e <= EPOCHS; e++) {
        expected.add(new Epoch(stage, e));
      }
    }
    assertThat(epochs).containsExactlyElementsIn(expected).inOrder();

    // the refined H is still learn's, bit for bit, and the Hamiltonian H is neither it nor the paper-loss one
    LearnedInvariant refined = new InvariantLearner(protocol(0.5)).learn("s", PAIRS, 7);
    InvariantLearner.Selection keptRefined = selectWithHamiltonian(protocol(0.5), inOrder(1.0, 2.0, 3.0), new ArrayList<>());
    assertThat(keptRefined.choice().orElseThrow().kept()).isEqualTo(InvariantLearner.Ending.REFINED);
    assertThat(keptRefined.invariant().weights()).isEqualTo(refined.weights());
    InvariantLearner.Selection keptPaper = selectWithHamiltonian(protocol(0.5), inOrder(2.0, 1.0, 3.0), new ArrayList<>());
    assertThat(keptPaper.choice().orElseThrow().kept()).isEqualTo(InvariantLearner.Ending.PAPER);
    assertThat(hamiltonian.invariant().weights()).isNotEqualTo(refined.weights());
    assertThat(hamiltonian.invariant().weights()).isNotEqualTo(keptPaper.invariant().weights());
    // deterministic: the same seed, the same Hamiltonian H
    assertThat(selectWithHamiltonian(protocol(0.5), inOrder(3.0, 2.0, 1.0), new ArrayList<>()).invariant().weights())
        .isEqualTo(hamiltonian.invariant().weights());
    // ties keep the refined H, then the paper-loss H; a Hamiltonian score that is not a number is never kept
    assertThat(selectWithHamiltonian(protocol(0.5), inOrder(1.0, 1.0, 1.0), new ArrayList<>()).choice().orElseThrow()
        .kept()).isEqualTo(InvariantLearner.Ending.REFINED);
    assertThat(selectWithHamiltonian(protocol(0.5), inOrder(2.0, 1.0, 1.0), new ArrayList<>()).choice().orElseThrow()
        .kept()).isEqualTo(InvariantLearner.Ending.PAPER);
    assertThat(selectWithHamiltonian(protocol(0.5), inOrder(2.0, 3.0, Double.NaN), new ArrayList<>()).choice()
        .orElseThrow().kept()).isEqualTo(InvariantLearner.Ending.REFINED);
  }

  @Test
  void noHamiltonianEndingWithoutAWeightAScaleOrFourStates() {
    List<Epoch> epochs = new ArrayList<>();
    ProgressListener record = (stage, epoch, total, loss) -> epochs.add(new Epoch(stage, epoch));
    Protocol weighted = protocol(0.5).toBuilder().hamiltonianWeight(10).build();
    InvariantLearner.Choice zero = new InvariantLearner(protocol(0.5).toBuilder().hamiltonianWeight(0).build())
        .withSystemScale(ONES).withListener(record)
        .select("s", PAIRS, 7, inOrder(1.0, 2.0)).choice().orElseThrow();
    assertThat(zero.hamiltonianTrained()).isFalse();
    assertThat(zero.hamiltonianScore()).isNaN();
    InvariantLearner.Choice noScale = new InvariantLearner(weighted).withListener(record)
        .select("s", PAIRS, 7, inOrder(1.0, 2.0)).choice().orElseThrow();
    assertThat(noScale.hamiltonianTrained()).isFalse();
    // two states: Jᵀẋ is the normal to the flow, which the alignment term already asks of ∇H
    InvariantLearner.Choice twoStates = new InvariantLearner(weighted).withSystemScale(new double[] {1, 1})
        .withListener(record).select("s", TRAIN, 7, inOrder(1.0, 2.0)).choice().orElseThrow();
    assertThat(twoStates.hamiltonianTrained()).isFalse();
    assertThat(epochs.stream().map(Epoch::stage).distinct().toList())
        .containsExactly(InvariantLearner.STAGE, InvariantLearner.PAPER_STAGE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new InvariantLearner(weighted).withSystemScale(ONES).select("s", TRAIN, 7, inOrder(1.0, 2.0)));
    assertThat(e).hasMessageThat().isEqualTo("the system scale has 4 values for 2 states");
  }

  /** Thrown by a listener to stop training, as a kill would. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void aStageResumedPastTheBranchTakesThePaperEndingFromItsCheckpoint(@TempDir Path folder) {
    InvariantLearner.Selection plain = select(protocol(0.5), PREFER_PAPER, new ArrayList<>());
    Checkpoints checkpoints = Checkpoints.in(folder, "test configuration").every(3);
    ProgressListener stopAfterNine = (stage, epoch, total, loss) -> {
      if (stage.equals(InvariantLearner.STAGE) && epoch == 9) {
        throw new Interrupted();
      }
    };
    assertThrows(Interrupted.class, () -> new InvariantLearner(protocol(0.5)).withListener(stopAfterNine)
        .withCheckpoints(checkpoints).select("s", TRAIN, 7, PREFER_PAPER));
    List<Epoch> resumed = new ArrayList<>();
    InvariantLearner.Selection again = new InvariantLearner(protocol(0.5))
        .withListener((stage, epoch, total, loss) -> resumed.add(new Epoch(stage, epoch)))
        .withCheckpoints(checkpoints.resuming(true)).select("s", TRAIN, 7, PREFER_PAPER);

    // the stage's checkpoint of epoch 9 is past the branch: nothing of the paper-loss ending trains again
    assertThat(resumed.get(0)).isEqualTo(new Epoch(InvariantLearner.STAGE, 10));
    assertThat(resumed.stream().map(Epoch::stage).distinct().toList()).containsExactly(InvariantLearner.STAGE);
    assertThat(again.invariant().weights()).isEqualTo(plain.invariant().weights());
    InvariantLearner.Selection refined = new InvariantLearner(protocol(0.5)).withCheckpoints(checkpoints.resuming(true))
        .select("s", TRAIN, 7, PREFER_REFINED);
    assertThat(refined.invariant().weights())
        .isEqualTo(new InvariantLearner(protocol(0.5)).learn("s", TRAIN, 7).weights());
  }

  @Test
  void aStageResumedPastTheBranchesTakesBothEndingsFromTheirCheckpoints(@TempDir Path folder) {
    InvariantLearner.Selection plain = selectWithHamiltonian(protocol(0.5), inOrder(3.0, 2.0, 1.0), new ArrayList<>());
    Checkpoints checkpoints = Checkpoints.in(folder, "test configuration").every(3);
    ProgressListener stopAfterNine = (stage, epoch, total, loss) -> {
      if (stage.equals(InvariantLearner.STAGE) && epoch == 9) {
        throw new Interrupted();
      }
    };
    Protocol hamiltonian = protocol(0.5).toBuilder().hamiltonianWeight(10).build();
    assertThrows(Interrupted.class, () -> new InvariantLearner(hamiltonian).withSystemScale(ONES)
        .withListener(stopAfterNine).withCheckpoints(checkpoints).select("s", PAIRS, 7, inOrder(3.0, 2.0, 1.0)));
    List<Epoch> resumed = new ArrayList<>();
    InvariantLearner.Selection again = new InvariantLearner(hamiltonian).withSystemScale(ONES)
        .withListener((stage, epoch, total, loss) -> resumed.add(new Epoch(stage, epoch)))
        .withCheckpoints(checkpoints.resuming(true)).select("s", PAIRS, 7, inOrder(3.0, 2.0, 1.0));

    assertThat(resumed.get(0)).isEqualTo(new Epoch(InvariantLearner.STAGE, 10));
    assertThat(resumed.stream().map(Epoch::stage).distinct().toList()).containsExactly(InvariantLearner.STAGE);
    assertThat(again.choice().orElseThrow().kept()).isEqualTo(InvariantLearner.Ending.HAMILTONIAN);
    assertThat(again.invariant().weights()).isEqualTo(plain.invariant().weights());
    InvariantLearner.Selection paper = new InvariantLearner(hamiltonian).withSystemScale(ONES)
        .withCheckpoints(checkpoints.resuming(true)).select("s", PAIRS, 7, inOrder(3.0, 1.0, 2.0));
    assertThat(paper.invariant().weights())
        .isEqualTo(new InvariantLearner(protocol(0.5)).select("s", PAIRS, 7, PREFER_PAPER).invariant().weights());
  }
}
