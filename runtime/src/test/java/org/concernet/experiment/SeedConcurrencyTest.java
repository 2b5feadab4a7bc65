/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.concernet.nn.Device;
import org.concernet.report.ConsoleProgress;
import org.concernet.testsystems.SpringMass;
import org.junit.jupiter.api.Test;

/** Seeds run at once ({@code jobs} &gt; 1): order of the runs, and what a failing seed stops. */
class SeedConcurrencyTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final ConsoleProgress progress = new ConsoleProgress(out, false, 10.0);

  private static ExperimentConfig config(int seeds, int jobs) {
    SpringMass spring = new SpringMass();
    List<Long> list = new java.util.ArrayList<>();
    for (long s = 0; s < seeds; s++) {
      list.add(10 + s);
    }
    return new ExperimentConfig(spring, spring.protocol(), null, list, false, null, Path.of("unused"), Device.CPU, 1,
        jobs);
  }

  /** A run that carries nothing but is told apart by identity. */
  private static SeedRun marker() {
    return new SeedRun(null, null, null, null, null);
  }

  @Test
  void runsComeBackInSeedOrderWhateverOrderTheyFinishIn() throws Exception {
    SeedRun[] made = {marker(), marker(), marker()};
    CountDownLatch lastDone = new CountDownLatch(1);
    List<SeedRun> runs = Experiment.runSeeds(config(3, 3), (index, p) -> {
      if (index == 0) {
        await(lastDone);  // seed 0 finishes last
      }
      if (index == 2) {
        lastDone.countDown();
      }
      return made[index];
    }, progress, out);
    assertThat(runs).containsExactly(made[0], made[1], made[2]).inOrder();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("3 seeds, 3 at a time");
  }

  @Test
  void aFailingSeedStartsNoFurtherSeedAndTheRunningOnesFinishFirst() {
    Set<Integer> started = ConcurrentHashMap.newKeySet();
    Set<Integer> finished = ConcurrentHashMap.newKeySet();
    CountDownLatch zeroStarted = new CountDownLatch(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Experiment.runSeeds(config(4, 2),
        (index, p) -> {
          started.add(index);
          if (index == 0) {
            zeroStarted.countDown();
          }
          if (index == 1) {
            await(zeroStarted);  // on a loaded machine seed 1 could otherwise fail before seed 0 starts
            throw new IllegalStateException("seed 11 diverged");
          }
          awaitOutput("seed 11 failed");  // seed 0 is still running when seed 1's failure is known
          finished.add(index);
          return marker();
        }, progress, out));
    assertThat(e).hasMessageThat().isEqualTo("seed 11 diverged");
    // seed 0 ran to its end (it saves its record there); seeds 2 and 3 never started
    assertThat(started).containsExactly(0, 1);
    assertThat(finished).containsExactly(0);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("seed 11 failed (seed 11 diverged); no further seed"
        + " starts, the seeds already running finish and save first");
  }

  @Test
  void oneJobRunsTheSeedsOnTheCallersThreadOneAfterTheOther() {
    List<String> threads = new java.util.ArrayList<>();
    Experiment.runSeeds(config(2, 1), (index, p) -> {
      threads.add(Thread.currentThread().getName());
      return marker();
    }, progress, out);
    assertThat(threads).containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName());
    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("at a time");
  }

  @Test
  void jobsAreAtLeastOneAndAtMostTheSeeds() {
    assertThat(ExperimentConfig.jobs(4, 1, 3)).isEqualTo(3);
    assertThat(ExperimentConfig.jobs(2, 1, 5)).isEqualTo(2);
    assertThat(ExperimentConfig.jobs(0, 1, 1)).isEqualTo(1);
    assertThat(ExperimentConfig.jobs(0, 1, 64)).isEqualTo(Math.min(64, Runtime.getRuntime().availableProcessors()));
    assertThat(ExperimentConfig.jobs(0, 1024, 5)).isEqualTo(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(2, 0));
    assertThat(e).hasMessageThat().isEqualTo("jobs (seeds trained at once) must be at least 1, was 0");
  }

  private void awaitOutput(String text) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!bytes.toString(StandardCharsets.UTF_8).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + text + "\" in 30 s");
      }
      Thread.onSpinWait();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
