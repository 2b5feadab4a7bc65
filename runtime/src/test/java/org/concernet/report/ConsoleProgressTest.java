/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress lines' time left and time taken, on a clock the test moves. */
class ConsoleProgressTest {
  private static final long SECOND = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private long now;
  private final ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
      false, 0.0, () -> now);

  private List<String> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** Reports {@code stage}'s epochs from..to, one second each. */
  private void epochs(String stage, int from, int to, int total) {
    for (int e = from; e <= to; e++) {
      now += SECOND;
      progress.epoch(stage, e, total, 0.5);
    }
  }

  @Test
  void timeLeftComesFromTheEpochsTimedSinceTheStagesFirstReport() {
    epochs("contrastive", 1, 5, 10);
    // epochs 2-5 took 4 s: 5 epochs left take 5 s
    assertThat(lines().get(4)).endsWith("epoch     5/10    loss 5.0000e-01  5 s left");
  }

  @Test
  void aStageContinuedAfterAnotherCountsItsEpochsAgain() {
    epochs("contrastive", 1, 4, 10);
    epochs("contrastive-paper", 5, 10, 10);
    epochs("contrastive", 5, 10, 10);
    List<String> lines = lines();
    // the branch's epoch 7 after 2 timed seconds (epochs 6, 7): 3 epochs left take 3 s, not 7 · 3 / 7
    assertThat(lines.get(6)).contains("contrastive-paper      epoch     7/10");
    assertThat(lines.get(6)).endsWith("3 s left");
    assertThat(lines.get(9)).endsWith("done, 5.0 s since epoch 5");
    assertThat(lines.get(11)).contains("contrastive            epoch     6/10");
    assertThat(lines.get(11)).endsWith("4 s left");
    assertThat(lines.get(15)).endsWith("done, 5.0 s since epoch 5");
  }

  @Test
  void aStageRunFromItsFirstEpochSaysHowLongItTook() {
    epochs("dynamics (baseline)", 1, 3, 3);
    assertThat(lines().get(2)).endsWith("done in 2.0 s");
  }

  @Test
  void progressOfOneOfSeveralSeedsPrintsPlainLinesAndNamesTheSeedInEveryMessage() {
    ConsoleProgress redrawn = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0.2,
        () -> now);
    ConsoleProgress seed = redrawn.concurrent();
    seed.seed(7, 1, 3);
    now += SECOND;
    seed.epoch("dynamics", 1, 4, 0.5);
    now += 5 * SECOND;  // within the 10 s of plain lines (the terminal's 0.2 s do not apply): not printed
    seed.epoch("dynamics", 2, 4, 0.5);
    now += 6 * SECOND;
    seed.epoch("dynamics", 3, 4, 0.5);
    now += SECOND;
    seed.epoch("dynamics", 4, 4, 0.5);
    seed.message("formula model: MSE 1e-3");
    seed.message("seed 7: kept the refined H");
    assertThat(lines()).containsExactly(
        "seed 7 (2/3) dynamics               epoch     3/4     loss 5.0000e-01  6 s left",
        "seed 7 (2/3) dynamics               epoch     4/4     loss 5.0000e-01  done in 12.0 s",
        "seed 7: formula model: MSE 1e-3",
        "seed 7: kept the refined H").inOrder();
  }

  @Test
  void aStageRunAgainUnderTheSameNameIsTimedFromItsOwnStart() {
    // a measured run's contrastive restarts report the same stage name from epoch 1 each time
    epochs("contrastive", 1, 3, 3);
    epochs("contrastive", 1, 3, 3);
    assertThat(lines().get(2)).endsWith("done in 2.0 s");
    assertThat(lines().get(5)).endsWith("done in 2.0 s");
  }
}
