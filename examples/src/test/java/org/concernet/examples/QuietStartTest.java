/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated experiment's {@code main}, run as a user runs it (a new JVM, no TensorFlow
 * environment variables), prints no TensorFlow log line unless asked to.
 */
class QuietStartTest {
  private static String run(Path out, String... extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SpringMassExperiment.class.getName(), "--seeds", "1",
        "--trajectories", "4", "--contrastive-epochs", "1", "--dynamics-epochs", "1", "--r2-trajectories", "4",
        "--evaluation-trajectories", "2", "--evaluation-points", "11", "--device", "cpu", "--out", out.toString()));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
    assertWithMessage(output).that(process.exitValue()).isEqualTo(0);
    return output;
  }

  @Test
  void aRunPrintsNoTensorFlowLogUnlessAsked(@TempDir Path tmp) throws Exception {
    String quiet = run(tmp.resolve("quiet"));
    assertThat(quiet).contains("Results: ");
    assertThat(quiet).doesNotContain("tensorflow/");
    assertThat(quiet).doesNotContain("absl::InitializeLog");
    assertThat(quiet).doesNotContain("mlir_graph_optimization_pass");

    String shown = run(tmp.resolve("shown"), "--tensorflow-log");
    assertThat(shown).contains("Results: ");
    assertThat(shown).contains("absl::InitializeLog");
  }
}
