/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MeasuredCommand}: the whole pipeline on a measured file with no Java class (a slice of
 * the real pendulum, tiny networks), and bad real files with their messages (#19 items 1, 5).
 */
class MeasuredCommandTest {
  /** The trial column's text in the Schmidt–Lipson files (trials are told apart by their text). */
  private static final String TRIAL = "0.0000000000000000e+000";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return MeasuredCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Path pendulumSlice() throws Exception {
    return Path.of(MeasuredCommandTest.class.getResource("/org/concernet/data/schmidt-lipson/real_pend_h_1_head200.txt")
        .toURI());
  }

  /** The documented options on {@code file}, at the smallest sizes and windows of 16 points, into {@code out}. */
  private static String[] quick(Path file, Path out) {
    return quick(file, out, 16);
  }

  /** As {@link #quick(Path, Path)} with windows of {@code points} points. */
  private static String[] quick(Path file, Path out, int points) {
    List<String> args = new ArrayList<>(List.of("--data", file.toString(), "--states", "theta,omega", "--columns",
        "trial,time,theta,omega", "--name", "RealPendulum", "--energy-form", "pendulum", "--seeds", "1", "--points",
        String.valueOf(points), "--hidden", "16,16", "--contrastive-epochs", "3", "--dynamics-epochs", "3", "--device", "cpu", "--out",
        out.toString()));
    return args.toArray(String[]::new);
  }

  @Test
  void aMeasuredFileRunsTheWholePipelineWithoutEquations() throws Exception {
    Path folder = dir.resolve("run");
    assertThat(run(quick(pendulumSlice(), folder))).isEqualTo(0);
    String[] lines = out().strip().split("\n");
    assertThat(lines[lines.length - 1]).isEqualTo("Results: " + folder.resolve("results.json"));
    assertThat(out()).contains("8 gaps");
    assertThat(out()).contains("derivatives estimated (Savitzky–Golay(window ");
    assertThat(out()).contains("RealPendulum — measured, held-out last 20%");
    JsonNode json = new ObjectMapper().readTree(folder.resolve("results.json").toFile());
    assertThat(json.get("system").asText()).isEqualTo("RealPendulum");
    assertThat(json.get("invariantR2").size()).isEqualTo(0);  // no equations, no R² against them
    assertThat(json.get("violation").get("concernet").size()).isEqualTo(0);
    JsonNode measured = json.get("measured");
    assertThat(measured.get("derivatives").get("source").asText()).isEqualTo("estimated");
    assertThat(measured.get("trainingFraction").asDouble()).isEqualTo(0.8);
    // gaps split the series (no window, derivative or training point spans one) and are reported
    assertThat(measured.get("series").asText()).contains("8 gaps (steps over 1.5 median steps) at lines 7"
        + " (5.667 → 6.000)");
    double baseline = measured.get("heldOut").get("mse").get("baseline").get("mean").asDouble();
    assertThat(baseline).isGreaterThan(0.0);
    assertThat(json.get("mse").get("baseline").get("mean").asDouble()).isEqualTo(baseline);
    // the projected model keeps H constant along its rollout, whatever H is
    assertThat(measured.get("heldOut").get("drift").get("H1").get("concernet").get("mean").asDouble()).isLessThan(1e-3);
    assertThat(measured.get("energyForm").get("r2Cubic").get("perSeed").size()).isEqualTo(1);
    assertThat(measured.get("energyForm").get("k").get("mean").asDouble()).isWithin(0.3).of(1.2);
    for (String png : List.of("heldout-trajectory.png", "heldout-phase.png", "heldout-h.png")) {
      assertThat(Files.size(folder.resolve(png))).isGreaterThan(1000L);
    }
    assertThat(Files.isDirectory(folder.resolve("models/seed-0/concernet"))).isTrue();
  }

  @Test
  void theDissipativeModelIsAThirdModelUnderItsOwnNameWhoseHFalls() throws Exception {
    Path folder = dir.resolve("dissipative");
    List<String> args = new ArrayList<>(List.of(quick(pendulumSlice(), folder)));
    args.addAll(List.of("--dissipation", "rate"));
    assertThat(run(args.toArray(String[]::new))).isEqualTo(0);
    assertThat(out()).contains("dissipative (not ConCerNet)");
    assertThat(out()).contains("dynamics (dissipative)");
    JsonNode json = new ObjectMapper().readTree(folder.resolve("results.json").toFile());
    assertThat(json.get("config").get("dissipation").asText()).isEqualTo("rate");
    JsonNode measured = json.get("measured");
    assertThat(measured.get("dissipative").get("note").asText()).contains("not the paper's ConCerNet");
    assertThat(measured.get("heldOut").get("mse").get("dissipative").get("mean").asDouble()).isGreaterThan(0.0);
    // ConCerNet keeps H; the dissipative model moves it (it can only lower its oriented H)
    JsonNode drift = measured.get("heldOut").get("drift").get("H1");
    assertThat(drift.get("concernet").get("mean").asDouble()).isLessThan(1e-3);
    assertThat(drift.get("dissipative").get("mean").asDouble()).isGreaterThan(1e-3);
    // the common figures stay the paper's two models; the third is only under "measured"
    assertThat(json.get("mse").has("dissipative")).isFalse();
    assertThat(Files.size(folder.resolve("heldout-dissipative.png"))).isGreaterThan(1000L);
    assertThat(Files.isDirectory(folder.resolve("models/seed-0/dissipative"))).isTrue();
    assertThat(Files.isDirectory(folder.resolve("models/seed-0/dissipative-rate"))).isTrue();
  }

  /** A copy of the pendulum slice with line {@code line} (1-based) replaced. */
  private Path withLine(String name, int line, String text) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(pendulumSlice()));
    lines.set(line - 1, text);
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }

  @Test
  void aNanIsAnErrorNamingFileLineColumnAndValue() throws Exception {
    Path file = withLine("nan.txt", 30, TRIAL + " 1.0e+001 0.5 NaN");
    assertThat(run(quick(file, dir.resolve("out")))).isEqualTo(2);
    assertThat(err()).contains("nan.txt, line 30, column 'omega': value NaN is not finite");
    assertThat(Files.exists(dir.resolve("out/results.json"))).isFalse();
  }

  @Test
  void aMissingColumnIsAnErrorNamingTheColumnsThereAre() throws Exception {
    assertThat(run("--data", pendulumSlice().toString(), "--states", "theta,omega", "--seeds", "1", "--out",
        dir.resolve("out").toString())).isEqualTo(2);
    assertThat(err()).contains("real_pend_h_1_head200.txt, line 1: no state column 'theta'; the columns are [trial,"
        + " time, o, v]");
  }

  @Test
  void aTimeThatGoesBackIsAnErrorNamingTheLine() throws Exception {
    Path file = withLine("back.txt", 30, TRIAL + " 5.0 0.5 0.1");
    assertThat(run(quick(file, dir.resolve("out")))).isEqualTo(2);
    assertThat(err()).contains("back.txt, line 30: time 5.0 of trial");
    assertThat(err()).contains("does not increase");
  }

  @Test
  void oneShortTrialWhoseGapsLeaveTooFewWindowsIsAnError() throws Exception {
    List<String> lines = Files.readAllLines(pendulumSlice()).subList(0, 60);  // segments of 5, 17, 18, 17 points
    Path file = dir.resolve("short.txt");
    Files.write(file, lines);
    assertThat(run(quick(file, dir.resolve("out"), 20))).isEqualTo(2);
    assertThat(err()).contains("short.txt: windows of 20 points give 0 trajectories, contrastive learning compares"
        + " trajectories and needs at least 2");
    assertThat(err()).contains("use shorter windows or more data");
  }

  @Test
  void aStateThatNeverChangesIsAnError() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(pendulumSlice())) {
      String[] cells = line.strip().split("\\s+");
      lines.add(line.startsWith("%") ? line : String.join(" ", cells[0], cells[1], cells[2], "3.0"));
    }
    Path file = dir.resolve("constant.txt");
    Files.write(file, lines);
    assertThat(run(quick(file, dir.resolve("out")))).isEqualTo(2);
    assertThat(err()).contains("state 'omega' has the same value 3.0 at every training point: nothing to learn from it");
  }

  @Test
  void aFileIsRequired() {
    assertThat(run("--states", "x,v")).isEqualTo(2);
    assertThat(err()).contains("Missing required option: '--data=FILE'");
  }
}
