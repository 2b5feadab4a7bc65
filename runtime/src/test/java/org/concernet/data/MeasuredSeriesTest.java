/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MeasuredSeries} on slices of the real Schmidt–Lipson files (see the README beside them)
 * and on bad files, each with its message.
 */
class MeasuredSeriesTest {
  private static final double SIXTH = 1.0 / 6;

  @TempDir Path dir;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(MeasuredSeriesTest.class.getResource("schmidt-lipson/" + name).toURI());
  }

  private static MeasuredSeries pendulum() throws IOException, URISyntaxException {
    return MeasuredSeries.read(resource("real_pend_h_1_head200.txt"), List.of("o", "v"));
  }

  @Test
  void thePendulumSplitsAtItsGaps() throws Exception {
    MeasuredSeries series = pendulum();
    assertThat(series.trials()).isEqualTo(1);
    assertThat(series.points()).isEqualTo(200);
    assertThat(series.medianStep()).isWithin(1e-9).of(SIXTH);
    assertThat(series.gaps().stream().map(MeasuredSeries.Gap::line).toList())
        .containsExactly(7, 24, 42, 59, 76, 93, 110, 144).inOrder();
    assertThat(series.gaps().get(0).before()).isWithin(1e-12).of(5 + 4 * SIXTH);
    assertThat(series.gaps().get(0).after()).isWithin(1e-12).of(6.0);
    assertThat(series.gaps().get(4).step()).isWithin(1e-9).of(0.5);
    assertThat(series.segments().stream().map(MeasuredSeries.Segment::points).toList())
        .containsExactly(5, 17, 18, 17, 17, 17, 17, 34, 58).inOrder();
    MeasuredSeries.Segment first = series.segments().get(0);
    assertThat(List.of(first.firstLine(), first.lastLine())).containsExactly(2, 6).inOrder();
    assertThat(first.states()[0][0]).isEqualTo(1.1383885512243586);
    assertThat(first.states()[0][1]).isEqualTo(0.9197795905867725);
    for (MeasuredSeries.Segment s : series.segments()) {
      for (int t = 1; t < s.points(); t++) {
        assertThat(s.times()[t] - s.times()[t - 1]).isLessThan(1.5 * SIXTH);
      }
    }
    assertThat(series.summary()).startsWith("real_pend_h_1_head200.txt: 1 trial, 200 points, median step 0.1667;"
        + " 8 gaps (steps over 1.5 median steps) at lines 7 (5.667 → 6.000), 24 (8.667 → 9.000),");
    assertThat(series.summary()).contains("; 9 segments of 5, 17, 18, 17, 17, 17, 17, 34, 58 points (header '%o v'"
        + " names the last 2 columns; the first two are trial and time (Schmidt–Lipson layout))");
  }

  @Test
  void segmentsHandOutCopies() throws Exception {
    MeasuredSeries series = pendulum();
    MeasuredSeries.Segment first = series.segments().get(0);
    first.times()[0] = -1;
    first.states()[0][0] = -1;
    assertThat(first.times()[0]).isEqualTo(5.0);
    assertThat(first.states()[0][0]).isEqualTo(1.1383885512243586);
    assertThat(first).isEqualTo(pendulum().segments().get(0));
  }

  @Test
  void thePendulumBecomesWindowsThatNeverSpanAGap() throws Exception {
    MeasuredSeries series = pendulum();
    Trajectories data = series.windows(16);
    assertThat(data.count()).isEqualTo(11);
    assertThat(data.length()).isEqualTo(16);
    assertThat(data.hasDerivatives()).isFalse();
    assertThat(data.stateNames()).containsExactly("o", "v").inOrder();
    for (int i = 0; i < data.count(); i++) {
      for (int t = 1; t < data.length(); t++) {
        assertThat(data.time(i, t) - data.time(i, t - 1)).isLessThan(1.5 * SIXTH);
      }
    }
    assertThat(series.windowSummary(16)).isEqualTo("11 trajectories of 16 points from 8 of 9 segments; left out:"
        + " lines 2-6 (5 points, t = 5.000 to 5.667), shorter than a window, the last 1 point of lines 7-23,"
        + " the last 2 points of lines 24-41, the last 1 point of lines 42-58, the last 1 point of lines 59-75,"
        + " the last 1 point of lines 76-92, the last 1 point of lines 93-109, the last 2 points of lines 110-143,"
        + " the last 10 points of lines 144-201");
  }

  @Test
  void thePendulumsAngleDifferentiatesToItsMeasuredVelocity() throws Exception {
    MeasuredSeries series = pendulum();
    SavitzkyGolay sg = series.chooseDifferentiator(16, SavitzkyGolay.DEFAULT_DEGREE);
    Trajectories data = series.windows(16, sg);
    assertThat(data.hasDerivatives()).isTrue();
    double squares = 0;
    double velocities = 0;
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        double difference = data.derivative(i, t)[0] - data.state(i, t, 1);
        squares += difference * difference;
        velocities += data.state(i, t, 1) * data.state(i, t, 1);
      }
    }
    double relative = Math.sqrt(squares / velocities);
    System.out.printf(Locale.ROOT, "pendulum: %s, d(angle)/dt vs measured velocity: relative rms %.4f%n", sg, relative);
    assertThat(relative).isLessThan(0.1);
  }

  @Test
  void theSpringHasOneSegmentWithJitteredSteps() throws Exception {
    MeasuredSeries series = MeasuredSeries.read(resource("real_linear_h_1_head150.txt"), List.of("x", "v"));
    assertThat(series.gaps()).isEmpty();
    assertThat(series.segments()).hasSize(1);
    assertThat(series.segments().get(0).points()).isEqualTo(150);
    assertThat(series.medianStep()).isWithin(1e-9).of(0.033);
    Trajectories data = series.windows(30, series.chooseDifferentiator(30, 2));
    assertThat(data.count()).isEqualTo(5);
    assertThat(series.windowSummary(30)).isEqualTo("5 trajectories of 30 points from 1 of 1 segments");
  }

  @Test
  void columnsCanBeRenamedAndCsvHasTrials() throws Exception {
    MeasuredSeries renamed = MeasuredSeries.read(resource("real_pend_h_1_head200.txt"),
        MeasuredSeries.Options.of(List.of("theta", "omega")).withColumns(List.of("trial", "time", "theta", "omega")));
    assertThat(renamed.windows(16).stateNames()).containsExactly("theta", "omega").inOrder();

    StringBuilder csv = new StringBuilder("run,t,q,p,comment\n");
    for (int run = 0; run < 3; run++) {
      for (int i = 0; i < 8; i++) {
        csv.append(String.format(Locale.ROOT, "r%d,%.2f,%.3f,%.3f,ok%n", run, 0.1 * i, Math.cos(i + run), Math.sin(i)));
      }
    }
    Path file = dir.resolve("runs.csv");
    Files.writeString(file, csv);
    MeasuredSeries series = MeasuredSeries.read(file,
        MeasuredSeries.Options.of(List.of("p", "q")).withTime("t").withTrial("run"));
    assertThat(series.trials()).isEqualTo(3);
    assertThat(series.segments().stream().map(MeasuredSeries.Segment::trial).toList())
        .containsExactly("r0", "r1", "r2").inOrder();
    Trajectories data = series.windows(8);
    assertThat(data.count()).isEqualTo(3);
    assertThat(data.state(1, 0)).isEqualTo(new double[] {0.0, 0.540});
  }

  // ------------------------------------------------------------------------------ bad files

  /** A bad file, read with states (x, v), then cut into windows of 4 points. */
  static Stream<Arguments> badFiles() {
    String ok = "% x v\n0 0.0 1 0\n0 0.1 2 1\n";
    return Stream.of(
        Arguments.of("NaN", "nan.txt", ok + "0 0.2 3 NaN\n", "nan.txt, line 4, column 'v': value NaN is not finite;"
            + " remove or repair the row (a gap in time is fine: the series is split there)"),
        Arguments.of("NumPy nan", "pynan.txt", ok + "0 0.2 nan 2\n", "pynan.txt, line 4, column 'x': value nan is not finite"),
        Arguments.of("not a number", "word.txt", ok + "0 0.2 three 2\n", "word.txt, line 4, column 'x': 'three' is not a number"),
        Arguments.of("missing column", "theta.txt", "% theta omega\n0 0.0 1 0\n",
            "theta.txt, line 1: no state column 'x'; the columns are [trial, time, theta, omega]"),
        Arguments.of("header that fits no layout", "header.txt", "% x\n0 0.0 1 0\n",
            "header.txt, line 1: the header names 1 columns [x] but the rows have 4 (line 2); give the column names explicitly"),
        Arguments.of("time that does not increase", "time.txt", ok + "0 0.1 3 2\n",
            "time.txt, line 4: time 0.1 of trial '0' does not increase (previous 0.1000 on line 3); times must strictly"
                + " increase within a trial"),
        Arguments.of("short row", "row.txt", ok + "0 0.2 3\n", "row.txt, line 4: 3 columns found, expected 4 [trial, time, x, v]"),
        Arguments.of("trial that reappears", "again.txt", ok + "1 0.0 1 0\n0 0.2 3 2\n",
            "again.txt, line 5: trial '0' appears again; the rows of a trial must be contiguous"),
        Arguments.of("empty file", "empty.txt", "\n\n", "empty.txt: the file is empty"),
        Arguments.of("header only", "header-only.txt", "% x v\n", "header-only.txt: no data rows after the header (line 1)"),
        Arguments.of("one trial only, one window", "one.txt", ok + "0 0.2 3 2\n0 0.3 4 2\n0 0.4 5 2\n",
            "one.txt: windows of 4 points give 1 trajectory, contrastive learning compares trajectories and needs at"
                + " least 2; one.txt: 1 trial, 5 points, median step 0.1000; no gaps; 1 segment of 5 points"),
        Arguments.of("too few points", "few.txt", ok,
            "few.txt: windows of 4 points give 0 trajectories, contrastive learning compares trajectories and needs at"
                + " least 2"),
        Arguments.of("segments cut short by gaps", "gaps.txt", ok + "0 0.2 3 2\n0 0.9 4 2\n0 1.0 5 3\n0 1.1 6 3\n",
            "gaps.txt: windows of 4 points give 0 trajectories, contrastive learning compares trajectories and needs"
                + " at least 2; gaps.txt: 1 trial, 6 points, median step 0.1000; 1 gap (steps over 1.5 median steps) at"
                + " lines 5 (0.2000 → 0.9000); 2 segments of 3, 3 points"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void aBadFileIsNamedWithLineAndValue(String name, String file, String text, String expected) throws IOException {
    Path path = dir.resolve(file);
    Files.writeString(path, text);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> MeasuredSeries.read(path, List.of("x", "v")).windows(4));
    assertThat(e).hasMessageThat().contains(expected);
  }

  @Test
  void aTrialColumnThatWasAskedForMustExist() throws IOException {
    Path path = dir.resolve("notrial.csv");
    Files.writeString(path, "time,x\n0,1\n1,2\n");
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> MeasuredSeries.read(path, MeasuredSeries.Options.of(List.of("x")).withTrial("run")));
    assertThat(e).hasMessageThat().isEqualTo("notrial.csv, line 1: no trial column 'run'; the columns are [time, x]");
  }
}
