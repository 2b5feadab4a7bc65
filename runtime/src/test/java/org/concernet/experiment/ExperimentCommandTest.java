/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.concernet.testing.SpringMass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ExperimentCommand.run(new SpringMass(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpExplainsEveryOptionWithTheSystemsOwnDefaults() {
    assertThat(run("--help")).isEqualTo(0);
    String help = out();
    assertThat(help).contains("Usage: SpringMassExperiment");
    for (String option : List.of("--seeds", "--contrastive-epochs", "--dynamics-epochs", "--trajectories", "--noise",
        "--out", "--preset", "--device", "--sweep", "--data", "--help")) {
      assertThat(help).contains(option);
    }
    assertThat(help).contains("Training trajectories. Default: 25.");
    assertThat(help).contains("Default: 0.01.");
  }

  @Test
  void badValuesExitNonZeroWithAMessageAndNoStackTrace(@TempDir Path dir) {
    assertThat(run("--preset", "fast")).isEqualTo(2);
    assertThat(err()).contains("--preset");
    assertThat(run("--device", "tpu", "--out", dir.toString())).isNotEqualTo(0);
    assertThat(err()).contains("expected cpu, gpu or auto, found 'tpu'");
    assertThat(run("--sweep", "colour=1,2", "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("--sweep cannot vary 'colour'");
    assertThat(err()).doesNotContain("\tat ");
  }

  @Test
  void missingDataFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere.csv");
    assertThat(run("--data", missing.toString(), "--device", "cpu", "--out", dir.toString())).isEqualTo(2);
    assertThat(err()).contains("nowhere.csv");
    assertThat(err()).doesNotContain("\tat ");
  }

  @Test
  void noiseSweepPrintsOneRowPerValue(@TempDir Path dir) throws Exception {
    int status = run("--sweep", "noise=0,0.1", "--seeds", "1", "--contrastive-epochs", "50", "--dynamics-epochs", "20",
        "--r2-trajectories", "10", "--evaluation-trajectories", "2", "--device", "cpu", "--out", dir.toString());
    assertThat(status).isEqualTo(0);
    assertThat(out()).contains("SpringMass sweep over [noise]");
    assertThat(out()).containsMatch("(?m)^0\\s+0\\.\\d{5} ± 0\\.00000");
    assertThat(out()).containsMatch("(?m)^0\\.1\\s+");
    List<String> csv = Files.readAllLines(dir.resolve("sweep.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).startsWith("noise,R2 energy");
    assertThat(Files.exists(dir.resolve("sweep-noise-0.1/results.json"))).isTrue();
    String html = Files.readString(dir.resolve("sweep.html"));
    assertThat(html).contains("<a href=\"sweep-noise-0.1/report.html\">report</a>");
    assertThat(html).contains("<th>MSE ConCerNet</th>");
  }
}
