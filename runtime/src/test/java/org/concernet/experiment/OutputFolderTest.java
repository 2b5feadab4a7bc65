/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.concernet.nn.Device;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.SpringMass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a run may write into, and what --overwrite clears. */
class OutputFolderTest {
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  /** A folder as an earlier run leaves it, beside a file of the user's. */
  private static Path earlierRun(Path folder) throws Exception {
    Files.createDirectories(folder.resolve("seeds"));
    Files.createDirectories(folder.resolve("models/seed-1/invariant"));
    Files.writeString(folder.resolve("seeds/seed-1.json"), "{}");
    Files.writeString(folder.resolve("models/seed-1/invariant/weights.json"), "{}");
    Files.writeString(folder.resolve("results.json"), "{}");
    Files.writeString(folder.resolve("results.csv"), "");
    Files.writeString(folder.resolve("mse.png"), "");
    Files.writeString(folder.resolve(OutputFolder.MARKER), "");
    Files.writeString(folder.resolve("notes.txt"), "the user's own");
    return folder;
  }

  @Test
  void aFolderHoldingAnotherRunIsRefusedBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
    Path out = earlierRun(tmp.resolve("run"));
    SpringMass system = new SpringMass();
    ExperimentConfig config = new ExperimentConfig(system, system.protocol(), null, List.of(0L), false, null, out,
        Device.CPU, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Experiment.run(config, QUIET));
    assertThat(e).hasMessageThat().isEqualTo(out + " holds the outputs of another run (" + OutputFolder.MARKER
        + ", models/, mse.png, results.csv, results.json, seeds/); give another --out, continue that run with"
        + " --resume, or replace its outputs with --overwrite");
    assertThat(Files.readString(out.resolve("results.json"))).isEqualTo("{}");
  }

  @Test
  void aFileIsRefusedAsOutputFolder(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("results"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OutputFolder.requireUsable(file, false));
    assertThat(e).hasMessageThat().isEqualTo("the output folder " + file + " is a file; give --out a folder");
  }

  @Test
  void resumingAFolderThatDoesNotExistSaysSo(@TempDir Path tmp) {
    Path missing = tmp.resolve("nothing-here");
    SpringMass system = new SpringMass();
    Protocol protocol = system.protocol();
    ExperimentConfig config = new ExperimentConfig(system, protocol, null, List.of(0L), false, null, missing,
        Device.CPU, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Experiment.run(config, QUIET, true));
    assertThat(e).hasMessageThat().startsWith("--resume: " + missing + " does not exist");
    assertThat(Files.exists(missing)).isFalse();
  }

  @Test
  void clearDeletesOnlyWhatRunsWrote(@TempDir Path tmp) throws Exception {
    Path out = earlierRun(tmp.resolve("run"));
    Path combination = earlierRun(out.resolve("noise=0.01"));
    Files.writeString(out.resolve("sweep.csv"), "");
    Files.createDirectories(out.resolve("data"));
    Files.writeString(out.resolve("data/measured.csv"), "t,q,p");
    assertThat(OutputFolder.clear(out)).containsExactly(OutputFolder.MARKER, "models", "mse.png", "noise=0.01",
        "results.csv", "results.json", "seeds", "sweep.csv").inOrder();
    try (var entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("data", "noise=0.01", "notes.txt").inOrder();
    }
    assertThat(Files.readString(combination.resolve("notes.txt"))).isEqualTo("the user's own");
    assertThat(Files.exists(combination.resolve("results.json"))).isFalse();
    assertThat(Files.readString(out.resolve("data/measured.csv"))).isEqualTo("t,q,p");
    assertThat(OutputFolder.holdsRun(out)).isFalse();
    assertThat(OutputFolder.clear(out)).isEmpty();
  }

  @Test
  void overwriteReplacesAnEarlierRunAndKeepsTheUsersFiles(@TempDir Path tmp) throws Exception {
    Path out = earlierRun(tmp.resolve("run"));
    SpringMass system = new SpringMass();
    Protocol tiny = system.protocol().toBuilder().trajectories(4).contrastiveEpochs(2).dynamicsEpochs(2)
        .evaluationTrajectories(2).evaluationPoints(11).r2Trajectories(8).build();
    ExperimentConfig config = new ExperimentConfig(system, tiny, null, List.of(0L), false, null, out, Device.CPU, 1);
    Experiment.run(config, QUIET, Experiment.Start.OVERWRITE, 100, org.concernet.training.ProgressListener.NONE);
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"system\"");
    assertThat(Files.exists(out.resolve("seeds/seed-0.json"))).isTrue();
    assertThat(Files.exists(out.resolve("seeds/seed-1.json"))).isFalse();
    assertThat(Files.exists(out.resolve("models/seed-1"))).isFalse();
    assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("the user's own");
    try (var entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.contains("previous")).toList()).isEmpty();
    }
  }

  @Test
  void aFailedOverwriteGivesTheEarlierRunBack(@TempDir Path tmp) throws Exception {
    Path out = earlierRun(tmp.resolve("run"));
    org.concernet.testsystems.Sir sir = new org.concernet.testsystems.Sir();
    ExperimentConfig config = new ExperimentConfig(sir, sir.protocol(), null, List.of(0L), false, null, out,
        Device.CPU, 1);
    assertThrows(IllegalStateException.class, () -> Experiment.run(config, QUIET, Experiment.Start.OVERWRITE, 100,
        org.concernet.training.ProgressListener.NONE));
    try (var entries = Files.list(out)) {
      assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          OutputFolder.MARKER, "models", "mse.png", "notes.txt", "results.csv", "results.json", "seeds").inOrder();
    }
    assertThat(Files.readString(out.resolve("results.json"))).isEqualTo("{}");
    assertThat(Files.readString(out.resolve("seeds/seed-1.json"))).isEqualTo("{}");
  }
}
