/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.concernet.data.Rollout;
import org.concernet.latent.LearnedAutoencoder;
import org.concernet.nn.Device;
import org.concernet.protocol.Protocol;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.testsystems.HeatEquation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heat equation through {@link Experiment#run} at tiny sizes: learning in an autoencoder's latent space. */
class LatentExperimentTest {
  private static Protocol tiny(HeatEquation heat) {
    return heat.protocol().toBuilder()
        .trajectories(10).points(20).contrastiveEpochs(20).contrastiveBatch(5)
        .dynamicsEpochs(5).dynamicsBatch(20).r2Trajectories(10)
        .evaluationTrajectories(2).evaluationPoints(51).evaluationHorizon(0.5)
        .autoencoder(Optional.of(new Protocol.AutoencoderSpec(9, List.of(32, 16), 30, 50)))
        .build();
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOne(@TempDir Path killed, @TempDir Path whole) throws Exception {
    HeatEquation heat = new HeatEquation();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // seed 3 completes; seed 4 is killed at epoch 25 of its autoencoder (last checkpoint: epoch 20)
    int[] autoencoders = {0};
    org.concernet.training.ProgressListener kill = (stage, epoch, epochs, loss) -> {
      if (stage.equals(org.concernet.latent.AutoencoderLearner.STAGE) && epoch == 25 && ++autoencoders[0] == 2) {
        throw new IllegalStateException("killed");
      }
    };
    ExperimentConfig config = new ExperimentConfig(heat, tiny(heat), null, List.of(3L, 4L), false, null, killed,
        Device.CPU, 1);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Experiment.run(config, quiet, false, 10, kill));
    assertThat(Files.exists(killed.resolve("checkpoints/seed-4/autoencoder.ckpt"))).isTrue();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Experiment.run(config, new PrintStream(log, true, StandardCharsets.UTF_8), true, 10,
        org.concernet.training.ProgressListener.NONE);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seed 3: resumed from");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seed 4: continuing from the checkpoints in");
    Experiment.run(new ExperimentConfig(heat, tiny(heat), null, List.of(3L, 4L), false, null, whole, Device.CPU, 1),
        quiet);
    assertThat(ExperimentTest.withoutTimings(killed)).isEqualTo(ExperimentTest.withoutTimings(whole));

    // a seed folder that lost its autoencoder cannot be resumed as a latent run
    Path autoencoder = killed.resolve("models/seed-3/autoencoder");
    try (var files = Files.walk(autoencoder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> Experiment.run(config, quiet, true));
    assertThat(e).hasMessageThat().contains(killed.resolve("models/seed-3") + " lacks an autoencoder, but this run's"
        + " protocol has one");
  }

  @Test
  void trainedModelsOfALatentSystemTakeAndReturnOriginalStates() {
    HeatEquation heat = new HeatEquation();
    TrainedModels models = Experiment.train(heat, tiny(heat), 3);
    org.concernet.latent.LearnedAutoencoder ae = models.autoencoder().orElseThrow();
    double[] x0 = org.concernet.simulate.TrajectoryGenerator.sampleEvaluationStates(heat, 1,
        org.concernet.simulate.TrajectoryGenerator.initialStateRandom(11))[0];
    double[] z0 = ae.encode(x0);
    assertThat(models.invariant(x0)).usingExactEquality().containsExactly(models.learnedInvariant().value(z0)).inOrder();

    double dt = 1e-4;
    org.concernet.data.Rollout rollout = models.rollout(x0, new double[] {0, dt});
    assertThat(rollout.dimension()).isEqualTo(HeatEquation.NODES);
    assertThat(rollout.state(0, 0)).usingTolerance(1e-12).containsExactly(ae.decode(z0)).inOrder();
    // the decoded field is the time derivative of the decoded rollout
    double[] field = models.vectorField(x0);
    assertThat(field).hasLength(HeatEquation.NODES);
    double worst = 0;
    double scale = 0;
    for (int k = 0; k < field.length; k++) {
      double difference = (rollout.state(0, 1, k) - rollout.state(0, 0, k)) / dt;
      worst = Math.max(worst, Math.abs(difference - field[k]));
      scale = Math.max(scale, Math.abs(field[k]));
    }
    assertThat(scale).isGreaterThan(0.0);
    assertThat(worst).isLessThan(1e-3 * scale);
    assertThat(models.baselineRollout(new double[][] {x0}, new double[] {0, dt}).dimension())
        .isEqualTo(HeatEquation.NODES);
  }

  @Test
  void runsEndToEndAndMeasuresOnTheOriginalStates(@TempDir Path out) throws Exception {
    HeatEquation heat = new HeatEquation();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ExperimentConfig config = new ExperimentConfig(heat, tiny(heat), null, List.of(3L), false, null, out, Device.CPU, 1);
    ExperimentResults results = Experiment.run(config, new PrintStream(console, true, StandardCharsets.UTF_8));

    JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    double r2 = json.path("invariantR2").path("total").path("mean").asDouble(Double.NaN);
    assertThat(r2).isAtLeast(0.0);
    assertThat(r2).isAtMost(1.0);
    for (String model : List.of("baseline", "concernet")) {
      double mse = json.path("mse").path(model).path("mean").asDouble(Double.NaN);
      assertThat(Double.isFinite(mse)).isTrue();
      assertThat(json.path("violation").path(model).path("total").path("mean").isNumber()).isTrue();
    }
    assertThat(json.path("config").path("autoencoder").path("latent").asInt()).isEqualTo(9);
    assertThat(json.path("timings").has("autoencoder")).isTrue();
    SeedResult seed = results.seeds().get(0);
    assertThat(seed.rates()).containsKey("autoencoder.heldOutMse");
    assertThat(seed.notes().get("autoencoder")).contains("held-out");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("autoencoder 101→[32, 16]→9");
    for (String file : List.of("results.json", "report.html", "invariant-over-time-total.png", "violation-total.png",
        "mse.png")) {
      assertThat(Files.size(out.resolve(file))).isGreaterThan(100L);
    }
    assertThat(Files.exists(out.resolve("trajectory.png"))).isFalse();
    assertThat(Files.isDirectory(out.resolve("models/seed-3/autoencoder/encoder"))).isTrue();
    assertThat(Files.isDirectory(out.resolve("models/seed-3/autoencoder/decoder"))).isTrue();
  }

  @Test
  void violationIsOfTheInvariantOfTheDecodedStates(@TempDir Path out) throws Exception {
    HeatEquation heat = new HeatEquation();
    ExperimentConfig config = new ExperimentConfig(heat, tiny(heat), null, List.of(5L), false, null, out, Device.CPU, 1);
    SeedRun run = new SeedPipeline(config).run(5L, null,
        new org.concernet.report.ConsoleProgress(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), false, 10), SeedPipeline.Training.QUIET);
    LearnedAutoencoder ae = run.models().autoencoder().orElseThrow();
    Rollout decoded = run.concernetRollout();
    Rollout truth = run.truth();
    assertThat(decoded.dimension()).isEqualTo(HeatEquation.NODES);
    // the rollout starts at D(E(x0)), not at x0: the states are decoded from the latent code
    assertThat(decoded.state(0, 0)).isEqualTo(ae.decode(ae.encode(truth.state(0, 0))));
    double sum = 0;
    for (int i = 0; i < truth.count(); i++) {
      for (int t = 0; t < truth.length(); t++) {
        double d = heat.invariants(decoded.state(i, t))[0] - heat.invariants(truth.state(i, t))[0];
        sum += d * d;
      }
    }
    double expected = sum / (truth.count() * truth.length());
    assertThat(run.result().violation().get(SeedResult.CONCERNET).get("total")).isWithin(1e-12 * expected).of(expected);
  }
}
