/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.spark;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.concernet.cli.ExperimentCommand;
import org.concernet.examples.SpringMassSystem;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 combinations × 2 seeds spring–mass sweep (tiny sizes) on Spark gives the single-process
 * sweep's results: on {@code local-cluster[2,1,1024]} (two executor JVMs of their own); with a
 * task that fails on its last attempt (its combination is reported, the other completes); and,
 * resumed, with a task that fails once mid-way and is retried.
 */
class SparkSweepTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COMBINATIONS = List.of("sweep-noise-0", "sweep-noise-0.1");

  @TempDir
  static Path folder;

  /** The single-process sweep's results.json of each combination, timings and rates removed. */
  private static List<JsonNode> singleProcess;

  @BeforeAll
  static void runInOneProcess() throws IOException {
    System.setProperty("spark.ui.enabled", "false");  // no web UI to start in every test
    Run run = sweep(new SpringMassSystem(), folder.resolve("single"));
    assertWithMessage(run.output()).that(run.status()).isEqualTo(0);
    singleProcess = results(folder.resolve("single"));
  }

  @AfterAll
  static void clearSparkSettings() {
    System.clearProperty("spark.ui.enabled");
  }

  @Test
  void aSweepOnSeparateExecutorJvmsEqualsTheSingleProcessSweep() throws IOException {
    // local-cluster's workers launch executors from SPARK_HOME (pom: target/spark-home); Spark as a
    // library has no distribution there, so lay out the folders its launcher looks for and give the
    // executors this JVM's class path
    Path home = Path.of(System.getenv("SPARK_HOME"));
    Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
    List<String> keys = List.of("spark.executor.extraClassPath", "spark.executor.extraJavaOptions",
        "spark.executorEnv.TF_CPP_MIN_LOG_LEVEL");
    System.setProperty(keys.get(0), System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    System.setProperty(keys.get(1), "-Dorg.bytedeco.javacpp.cachedir="
        + System.getProperty("org.bytedeco.javacpp.cachedir", System.getProperty("user.home") + "/.javacpp/cache"));
    System.setProperty(keys.get(2), "2");
    try {
      Path out = folder.resolve("cluster");
      Run run = sweep(new SpringMassSystem(), out, "--master", "local-cluster[2,1,1024]");
      assertWithMessage(run.output()).that(run.status()).isEqualTo(0);
      assertThat(results(out)).isEqualTo(singleProcess);
      assertThat(Files.readString(out.resolve("sweep.csv")))
          .isEqualTo(Files.readString(folder.resolve("single").resolve("sweep.csv")));
      // two executor JVMs took the four tasks, none of them this one
      List<String> executors = new ArrayList<>();
      for (String line : run.output().lines().toList()) {
        if (line.startsWith("== sweep {") && line.contains(": done in")) {
          executors.add(line.replaceAll(".*\\((executor \\S+) .*", "$1"));
        }
      }
      assertWithMessage(run.output()).that(executors).hasSize(4);
      assertThat(executors).doesNotContain("executor driver");
      assertNoHalfWrittenFolders(out);
    } finally {
      keys.forEach(System::clearProperty);
    }
  }

  @Test
  void aFailedCombinationIsReportedTheOtherCompletesAndResumeRetriesATaskThatFailsOnceMidWay() throws IOException {
    // local[2]: one attempt per task, so the task that fails (after training, mid-way through its
    // seed) fails its combination; the other combination completes and the table says which failed
    FailsOnceSpringMass.FAILURES.set(0);
    Path out = folder.resolve("failed");
    Run run = sweep(new FailsOnceSpringMass(), out, "--master", "local[2]");
    assertWithMessage(run.output()).that(run.status()).isEqualTo(2);
    assertThat(run.output()).contains("1 of 2 combination(s) failed");
    assertThat(run.output()).contains("IllegalStateException: injected failure of task attempt 0 (attempt 1 of 1)");
    int failed = -1;
    for (int c = 0; c < COMBINATIONS.size(); c++) {
      Path results = out.resolve(COMBINATIONS.get(c)).resolve("results.json");
      if (Files.exists(results)) {
        assertThat(withoutTimings(JSON.readTree(results.toFile()))).isEqualTo(singleProcess.get(c));
      } else {
        assertWithMessage("two failed combinations").that(failed).isEqualTo(-1);
        failed = c;
      }
    }
    assertWithMessage(run.output()).that(failed).isAtLeast(0);
    assertThat(Files.readString(out.resolve("sweep.csv"))).contains(",,");
    assertNoHalfWrittenFolders(out);

    // --resume on local[2,2] (two attempts per task) runs only the failed combination's seeds; the
    // first of them fails once more mid-way, Spark retries it, and the sweep completes
    FailsOnceSpringMass.FAILURES.set(0);
    Run resumed = sweep(new FailsOnceSpringMass(), out, "--master", "local[2,2]", "--resume");
    assertWithMessage(resumed.output()).that(resumed.status()).isEqualTo(0);
    assertThat(FailsOnceSpringMass.FAILURES.get()).isEqualTo(1);
    assertThat(resumed.output()).contains("attempt 2)");
    String failedValues = "{noise=" + List.of("0", "0.1").get(failed) + "}";
    List<String> done = resumed.output().lines().filter(l -> l.contains(": done in")).toList();
    assertThat(done).isNotEmpty();
    for (String line : done) {
      assertThat(line).startsWith("== sweep " + failedValues);
    }
    assertThat(resumed.output()).contains("== sweep " + List.of("{noise=0}", "{noise=0.1}").get(1 - failed)
        + " seed 0: recorded in");
    assertThat(results(out)).isEqualTo(singleProcess);
    assertNoHalfWrittenFolders(out);
  }

  @Test
  void attemptsFollowSparksRuleForTheMaster() {
    SparkConf conf = new SparkConf(false);
    assertThat(SparkSweep.maxFailures("local", conf)).isEqualTo(1);
    assertThat(SparkSweep.maxFailures("local[*]", conf)).isEqualTo(1);
    assertThat(SparkSweep.maxFailures("local[4,3]", conf)).isEqualTo(3);
    assertThat(SparkSweep.maxFailures("spark://host:7077", conf)).isEqualTo(4);
    assertThat(SparkSweep.maxFailures("local-cluster[2,1,1024]", conf.set("spark.task.maxFailures", "6")))
        .isEqualTo(6);
  }

  private record Run(int status, String output) {}

  private static Run sweep(SystemSpec system, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("--seeds", "2", "--trajectories", "4", "--points", "10",
        "--contrastive-epochs", "3", "--contrastive-batch", "2", "--dynamics-epochs", "3", "--dynamics-batch", "20",
        "--hidden", "8,8", "--r2-trajectories", "8", "--evaluation-trajectories", "2", "--evaluation-points", "51",
        "--evaluation-horizon", "1", "--device", "cpu", "--sweep", "noise=0,0.1", "--out", out.toString()));
    args.addAll(List.of(extra));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int status = ExperimentCommand.run(system, print, print, args.toArray(String[]::new));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }

  private static List<JsonNode> results(Path out) throws IOException {
    List<JsonNode> results = new ArrayList<>();
    for (String combination : COMBINATIONS) {
      results.add(withoutTimings(JSON.readTree(out.resolve(combination).resolve("results.json").toFile())));
    }
    return results;
  }

  /** The results without what measures time or memory (timings, rates). */
  private static JsonNode withoutTimings(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(List.of("timings", "rates"));
      for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
        withoutTimings(children.next());
      }
    } else if (node.isArray()) {
      node.forEach(SparkSweepTest::withoutTimings);
    }
    return node;
  }

  /** No temporary folder or file is left anywhere in the sweep's folder. */
  private static void assertNoHalfWrittenFolders(Path out) throws IOException {
    try (Stream<Path> walk = Files.walk(out)) {
      assertThat(walk.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList()).isEmpty();
    }
  }
}
