/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.concernet.examples.KeplerFieldAccuracy.RingError;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.nn.Device;
import org.concernet.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KeplerFieldAccuracyTest {
  /** Kepler's field with the pull scaled by {@code pull(theta)} and a tangential push t/r². */
  private static UnaryOperator<double[]> field(java.util.function.DoubleUnaryOperator pull, double t) {
    return s -> {
      double r = Math.hypot(s[0], s[1]);
      double scale = pull.applyAsDouble(Math.atan2(s[1], s[0])) / (r * r * r);
      double[] motion = {s[2] / Math.hypot(s[2], s[3]), s[3] / Math.hypot(s[2], s[3])};
      return new double[] {s[2], s[3], -s[0] * scale + t * motion[0] / (r * r), -s[1] * scale + t * motion[1] / (r * r)};
    };
  }

  @Test
  void theTrueFieldHasNoError() {
    RingError e = KeplerFieldAccuracy.ringError(field(theta -> 1, 0), 0.12, 64);
    assertThat(e.radius()).isEqualTo(0.12);
    assertThat(Math.abs(e.radialMean())).isLessThan(1e-12);
    assertThat(e.radialStd()).isLessThan(1e-7);
    assertThat(Math.abs(e.tangentialMean())).isLessThan(1e-12);
  }

  @Test
  void aWeakerPullIsANegativeRadialError() {
    RingError e = KeplerFieldAccuracy.ringError(field(theta -> 0.97, 0), 0.3, 64);
    assertThat(e.radialMean()).isWithin(1e-12).of(-0.03);
    assertThat(e.radialStd()).isLessThan(1e-7);
  }

  @Test
  void aPullThatVariesAroundTheOrbitHasAStdAndATangentialPushIsItsOwnFigure() {
    // pull 1 + 0.02 cos θ: mean 0, population std 0.02 / √2 over evenly spaced angles
    RingError e = KeplerFieldAccuracy.ringError(field(theta -> 1 + 0.02 * Math.cos(theta), 0.01), 0.5, 64);
    assertThat(Math.abs(e.radialMean())).isLessThan(1e-12);
    assertThat(e.radialStd()).isWithin(1e-9).of(0.02 / Math.sqrt(2));
    assertThat(e.tangentialMean()).isWithin(1e-12).of(0.01);
  }

  @Test
  void rejectsANonPositiveRadius() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeplerFieldAccuracy.ringError(field(theta -> 1, 0), 0, 8));
    assertThat(e).hasMessageThat().contains("need a positive radius");
  }

  @Test
  void aFolderWithoutModelsIsAUsageErrorThatSaysWhatToRun(@TempDir Path dir) {
    StringWriter err = new StringWriter();
    PrintWriter errors = new PrintWriter(err, true);
    int exit = new CommandLine(new KeplerFieldAccuracy()).setErr(errors).execute(dir.toString());
    errors.flush();
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("no models/seed-N folders in " + dir + ": run KeplerExperiment with --out");
  }

  @Test
  void printsEachSeedsErrorsAtEachRadius(@TempDir Path out) throws Exception {
    KeplerSystem kepler = new KeplerSystem();
    Protocol tiny = kepler.protocol().toBuilder().trajectories(10).points(20).contrastiveEpochs(5)
        .dynamicsEpochs(5).r2Trajectories(10).evaluationTrajectories(2).evaluationPoints(51).build();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Experiment.run(new ExperimentConfig(kepler, tiny, null, List.of(0L, 1L), false, null, out, Device.CPU, 1), quiet);
    assertThat(Files.isDirectory(out.resolve("models/seed-1"))).isTrue();
    KeplerFieldAccuracy tool = new KeplerFieldAccuracy();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    tool.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(tool).execute(out.toString(), "--radii", "0.12,0.5", "--angles", "16");
    assertThat(exit).isEqualTo(0);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text.indexOf("seed-0")).isLessThan(text.indexOf("seed-1"));
    assertThat(text).containsMatch("(?m)^0\\.120 +[+-]\\d+\\.\\d\\d% ± \\d+\\.\\d\\d% +[+-]\\d+\\.\\d\\d%");
    assertThat(text).containsMatch("(?m)^0\\.500 ");
    assertThat(text.lines().filter(l -> l.startsWith("0.120")).count()).isEqualTo(2);
  }
}
