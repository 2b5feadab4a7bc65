/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.concernet.contrastive.InvariantLearner;
import org.concernet.dynamics.DynamicsLearner;
import org.concernet.nn.Device;
import org.concernet.protocol.ProjectedNetwork;
import org.concernet.protocol.Protocol;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.testsystems.SpringMass;
import org.concernet.training.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline at small sizes on the spring: data, H, R², both dynamics models, rollouts. */
class ExperimentTest {
  private static ExperimentConfig config(Path out) {
    SpringMass spring = new SpringMass();
    Protocol small = spring.protocol().toBuilder()
        .contrastiveEpochs(1000).dynamicsEpochs(300).r2Trajectories(40)
        .evaluationTrajectories(4).evaluationPoints(501).evaluationHorizon(50)
        .build();
    return new ExperimentConfig(spring, small, null, List.of(0L, 1L), false, null, out, Device.CPU, 1);
  }

  private static ExperimentResults run(Path out) {
    return Experiment.run(config(out), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void learnsTheInvariantAndConcernetConservesItBetterThanTheBaseline(@TempDir Path out) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ExperimentResults results = Experiment.run(config(out), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(results.invariantR2().get("energy").mean()).isGreaterThan(0.99);
    for (SeedResult seed : results.seeds()) {
      assertThat(seed.violation().get(SeedResult.CONCERNET).get("energy"))
          .isLessThan(seed.violation().get(SeedResult.BASELINE).get("energy"));
      // the seed's MSE is the mean of its evaluation trajectories' MSEs
      assertThat(seed.trajectories()).hasSize(4);
      for (String model : List.of(SeedResult.BASELINE, SeedResult.CONCERNET)) {
        double mean = seed.trajectories().stream().mapToDouble(t -> t.mse().get(model)).average().orElseThrow();
        assertThat(mean).isWithin(1e-12 * seed.mse().get(model)).of(seed.mse().get(model));
      }
      assertThat(seed.trajectories().get(0).initialState()).hasSize(2);
      assertThat(log.toString(StandardCharsets.UTF_8)).containsMatch("seed " + seed.seed()
          + ": ConCerNet's largest error is on evaluation trajectory [1-4] of 4, x0 = \\([^)]+\\): ConCerNet MSE"
          + " \\d\\.\\d{3}e[-+]\\d\\d \\(\\d+% of the seed's\\), baseline \\d\\.\\d{3}e[-+]\\d\\d");
    }
    // the spring's H reads out as q² + p² on every seed, so the formula model ran beside the two
    for (SeedResult seed : results.seeds()) {
      assertThat(seed.symbolicInvariants().get("H1").found()).isTrue();
      assertThat(seed.mse()).containsKey(SeedResult.CONCERNET_FORMULA);
      // the formula's drift is RK4's (dt = 0.1 over 50 time units), and holding q² + p² beats the baseline
      assertThat(seed.rates().get("formula.maxDrift")).isLessThan(1e-3);
      assertThat(seed.violation().get(SeedResult.CONCERNET_FORMULA).get("energy"))
          .isLessThan(seed.violation().get(SeedResult.BASELINE).get("energy"));
    }
    assertThat(results.models()).containsExactly(SeedResult.BASELINE, SeedResult.CONCERNET,
        SeedResult.CONCERNET_FORMULA).inOrder();
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("ConCerNet, formula H");
    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    assertThat(json.get("mse").has(SeedResult.CONCERNET_FORMULA)).isTrue();
    assertThat(Files.readString(out.resolve("report.html"))).contains(">ConCerNet, formula H</th>");
    for (String file : List.of("results.json", "results.csv", "report.html", "trajectory.png",
        "invariant-energy.png", "violation-energy.png", "mse.png")) {
      assertThat(Files.size(out.resolve(file))).isGreaterThan(100L);
    }
    for (String model : List.of("invariant", "baseline", "concernet")) {
      assertThat(Files.isDirectory(out.resolve("models/seed-1").resolve(model))).isTrue();
    }
    TrainedModels saved = TrainedModels.load(out.resolve("models/seed-1"));
    assertThat(saved.autoencoder()).isEmpty();
    assertThat(saved.concernet().isProjected()).isTrue();
    assertThat(saved.baseline().isProjected()).isFalse();
    // ConCerNet projects the network its validation rollouts chose (projectedNetwork = auto), saved as it ran
    SeedResult one = results.seeds().get(1);
    boolean kept = one.rates().get("projection.keptBaseline") == 1.0;
    assertThat(kept).isEqualTo(one.rates().get("projection.z") >= NetworkChoice.Z);
    assertThat(one.rates().get("projection.z") > 0).isEqualTo(one.rates().get("projection.validationMse.baseline")
        < one.rates().get("projection.validationMse.trained"));
    assertThat(one.notes().get(NetworkChoice.KEY)).startsWith(kept ? "ConCerNet projects the baseline's network"
        : "ConCerNet projects the network trained through the projection");
    assertThat(saved.concernet().weights().equals(saved.baseline().weights())).isEqualTo(kept);
  }

  @Test
  void loadingModelsFromAFolderThatHoldsNoneNamesIt(@TempDir Path out) {
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> TrainedModels.load(out.resolve("models/seed-7")));
    assertThat(e).hasMessageThat().contains("no saved models in " + out.resolve("models/seed-7"));
  }

  @Test
  void theSameSeedsGiveIdenticalResults(@TempDir Path first, @TempDir Path second) throws Exception {
    run(first);
    run(second);
    assertThat(withoutTimings(second)).isEqualTo(withoutTimings(first));
  }

  @Test
  void twoSeedsAtOnceGiveTheResultsOfOneAfterTheOther(@TempDir Path sequential, @TempDir Path concurrent)
      throws Exception {
    run(sequential);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Experiment.run(config(concurrent).withJobs(2), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertThat(withoutTimings(concurrent)).isEqualTo(withoutTimings(sequential));
    String console = log.toString(StandardCharsets.UTF_8);
    assertThat(console).contains("2 seeds, 2 at a time");
    assertThat(console).containsMatch("2 seeds in \\d+\\.\\d s \\(wall clock\\), 2 at a time");
    // every progress line and message names its seed
    assertThat(console).contains("seed 1 (2/2) " + InvariantLearner.STAGE);
    assertThat(console).contains("seed 0: formula model");
    assertThat(console).contains("seed 1: formula model");
  }

  @Test
  void aRunTrainsTheModelsOfTrainingAloneThoughItGeneratesItsCheckTrajectoriesMeanwhile(@TempDir Path out)
      throws Exception {
    // the run generates its validation and held-out trajectories on a background thread while it
    // trains; Experiment.train generates them on the caller's thread when they are needed
    ExperimentConfig small = config(out);
    Protocol refined = small.protocol().toBuilder().alignmentWeight(1).alignmentStart(0.5)
        .projectedNetwork(ProjectedNetwork.TRAINED).build();
    Experiment.run(new ExperimentConfig(small.system(), refined, null, List.of(0L), false, null, out, Device.CPU, 1),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    TrainedModels saved = TrainedModels.load(out.resolve("models/seed-0"));
    TrainedModels alone = Experiment.train(small.system(), refined, 0);
    assertThat(saved.learnedInvariant().weights()).isEqualTo(alone.learnedInvariant().weights());
    assertThat(saved.baseline().weights()).isEqualTo(alone.baseline().weights());
    assertThat(saved.concernet().weights()).isEqualTo(alone.concernet().weights());
    // the refinement was chosen on the validation trajectories
    JsonNode seed = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("perSeed").get("0");
    assertThat(seed.get("notes").get("refinementChoice").asText()).contains("spread on validation trajectories");
    // projectedNetwork = trained: the network trained through the projection, no choice made
    assertThat(seed.get("notes").has(NetworkChoice.KEY)).isFalse();
    assertThat(seed.get("rates").has("projection.keptBaseline")).isFalse();
    assertThat(saved.concernet().weights()).isNotEqualTo(saved.baseline().weights());
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOne(@TempDir Path interrupted, @TempDir Path whole) throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentConfig both = config(interrupted);
    // the "interrupted" run completed seed 0 only; the resumed run takes it from disk and runs seed 1
    Experiment.run(new ExperimentConfig(both.system(), both.protocol(), null, List.of(0L), false, null, interrupted,
        Device.CPU, 1), quiet);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Experiment.run(both, new PrintStream(log, true, StandardCharsets.UTF_8), true);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seed 0: resumed from");
    run(whole);
    assertThat(withoutTimings(interrupted)).isEqualTo(withoutTimings(whole));
    assertThat(Files.readAllBytes(interrupted.resolve("mse.png"))).isEqualTo(Files.readAllBytes(whole.resolve("mse.png")));
  }

  @Test
  void resumeRefusesSeedsOfAnotherConfiguration(@TempDir Path out) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentConfig first = config(out);
    Experiment.run(new ExperimentConfig(first.system(), first.protocol(), null, List.of(0L), false, null, out,
        Device.CPU, 1), quiet);
    ExperimentConfig changed = new ExperimentConfig(first.system(), first.protocol().toBuilder().noise(0.02).build(),
        null, List.of(0L), false, null, out, Device.CPU, 1);
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Experiment.run(changed, quiet, true));
    assertThat(e).hasMessageThat().contains("was written by a run with another configuration");
  }

  @Test
  void aRunKilledInsideAStageResumesFromItsCheckpointsToTheSameResults(@TempDir Path killed, @TempDir Path whole)
      throws Exception {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // seed 0 completes; seed 1 completes its contrastive stage and is killed at epoch 150 of the baseline
    int[] baselines = {0};
    ProgressListener kill = (stage, epoch, epochs, loss) -> {
      if (stage.equals(DynamicsLearner.BASELINE_STAGE) && epoch == 150 && ++baselines[0] == 2) {
        throw new IllegalStateException("killed");
      }
    };
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Experiment.run(config(killed), quiet, false, 100, kill));
    assertThat(e).hasMessageThat().isEqualTo("killed");
    Path checkpoints = killed.resolve("checkpoints/seed-1");
    assertThat(Files.exists(checkpoints.resolve("contrastive.ckpt"))).isTrue();
    assertThat(Files.exists(checkpoints.resolve("dynamics-baseline.ckpt"))).isTrue();
    assertThat(Files.exists(killed.resolve("checkpoints/seed-0"))).isFalse();

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<String> trained = new java.util.ArrayList<>();
    Experiment.run(config(killed), new PrintStream(log, true, StandardCharsets.UTF_8), true, 100,
        (stage, epoch, epochs, loss) -> trained.add(stage + " " + epoch));
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seed 0: resumed from");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seed 1: continuing from the checkpoints in");
    // only the rest of the baseline and the projected model were trained again
    assertThat(trained.get(0)).isEqualTo(DynamicsLearner.BASELINE_STAGE + " 101");
    assertThat(trained).doesNotContain(InvariantLearner.STAGE + " 1000");
    assertThat(Files.exists(killed.resolve("checkpoints"))).isFalse();
    run(whole);
    assertThat(withoutTimings(killed)).isEqualTo(withoutTimings(whole));
    assertThat(Files.readAllBytes(killed.resolve("mse.png"))).isEqualTo(Files.readAllBytes(whole.resolve("mse.png")));
  }

  static JsonNode withoutTimings(Path folder) throws Exception {
    ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Files.readString(folder.resolve("results.json")));
    json.remove("timings");
    json.get("perSeed").forEach(seed -> {
      ((ObjectNode) seed).remove("timings");
      ((ObjectNode) seed).remove("rates");
    });
    return json;
  }
}
