/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SavitzkyGolay} on signals with known derivatives. */
class SavitzkyGolayTest {
  private static final double STEP = 1.0 / 30;
  private static final double SIGMA = 0.01;

  /** sin(t) at 1/30 s for 10 s (301 points), with Gaussian noise of σ = 0.01, seed 19. */
  private static double[][] noisySine() {
    Random random = new Random(19);
    int count = 301;
    double[] t = new double[count];
    double[] y = new double[count];
    for (int i = 0; i < count; i++) {
      t[i] = i * STEP;
      y[i] = Math.sin(t[i]) + SIGMA * random.nextGaussian();
    }
    return new double[][] {t, y};
  }

  /** {RMS error of the centred points, largest error of the centred points, largest error at the ends}. */
  private static double[] errors(SavitzkyGolay sg, double[] t, double[] y) {
    double[] dy = sg.derivative(t, y);
    int half = sg.window() / 2;
    double squares = 0;
    double largest = 0;
    double ends = 0;
    for (int i = 0; i < t.length; i++) {
      double error = Math.abs(dy[i] - Math.cos(t[i]));
      if (i < half || i >= t.length - half) {
        ends = Math.max(ends, error);
      } else {
        squares += error * error;
        largest = Math.max(largest, error);
      }
    }
    return new double[] {Math.sqrt(squares / (t.length - 2 * half)), largest, ends};
  }

  @Test
  void aNoisySineIsDifferentiatedWithinMeasuredBounds() {
    double[][] signal = noisySine();
    // the window chosen from the data
    SavitzkyGolay chosen = SavitzkyGolay.choose(List.of(signal[0]), List.<double[][]>of(column(signal[1])), 2,
        SavitzkyGolay.DEFAULT_MAX_WINDOW);
    double[] e = errors(chosen, signal[0], signal[1]);
    System.out.printf(Locale.ROOT, "%s: rms %.4f, max %.4f, ends max %.4f%n", chosen, e[0], e[1], e[2]);
    assertThat(chosen.window()).isAtLeast(11);
    // measured: window 25, rms 0.0148, max 0.0309, one-sided ends max 0.0625
    assertThat(e[0]).isLessThan(0.02);
    assertThat(e[1]).isLessThan(0.045);
    assertThat(e[2]).isLessThan(0.09);
    // a given window of 11, degree 3: noisier, still bounded
    double[] e11 = errors(SavitzkyGolay.of(11, 3), signal[0], signal[1]);
    System.out.printf(Locale.ROOT, "window 11, degree 3: rms %.4f, max %.4f, ends max %.4f%n", e11[0], e11[1], e11[2]);
    // measured: rms 0.0689, max 0.2015, ends max 0.1155
    assertThat(e11[0]).isLessThan(0.08);
    assertThat(e11[1]).isLessThan(0.25);
    assertThat(e11[2]).isLessThan(0.2);
  }

  @Test
  void aPolynomialOfTheFitsDegreeIsDifferentiatedExactlyEvenAtTheEndsWithJitteredSteps() {
    double[] t = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < t.length; i++) {
      t[i] = 0.033 * i + (i % 3 == 0 ? 0.001 : 0);
      y[i] = 2 - 3 * t[i] + 5 * t[i] * t[i];
    }
    double[] dy = SavitzkyGolay.of(7, 2).derivative(t, y);
    for (int i = 0; i < t.length; i++) {
      assertThat(dy[i]).isWithin(1e-9).of(-3 + 10 * t[i]);
    }
  }

  @Test
  void aPolynomialOfTheFitsDegreeIsSmoothedToItselfEvenAtTheEndsWithJitteredSteps() {
    double[] t = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < t.length; i++) {
      t[i] = 0.033 * i + (i % 3 == 0 ? 0.001 : 0);
      y[i] = 2 - 3 * t[i] + 5 * t[i] * t[i];
    }
    double[] smooth = SavitzkyGolay.of(9, 2).smooth(t, y);
    for (int i = 0; i < t.length; i++) {
      assertThat(smooth[i]).isWithin(1e-9).of(y[i]);
    }
  }

  @Test
  void smoothingNoisyTrajectoriesRemovesMostOfTheNoiseAndKeepsTheirDerivatives() {
    // five trajectories x = (sin(t + φ), cos(t + φ)) at 1/10 s for 10 s, noise σ = 0.01 on states and derivatives
    Random random = new Random(23);
    int count = 5;
    int length = 101;
    double[][] times = new double[count][length];
    double[][][] states = new double[count][length][2];
    double[][][] clean = new double[count][length][2];
    double[][][] derivatives = new double[count][length][2];
    for (int i = 0; i < count; i++) {
      double phase = 0.7 * i;
      for (int j = 0; j < length; j++) {
        times[i][j] = 0.1 * j;
        clean[i][j] = new double[] {Math.sin(times[i][j] + phase), Math.cos(times[i][j] + phase)};
        for (int k = 0; k < 2; k++) {
          states[i][j][k] = clean[i][j][k] + SIGMA * random.nextGaussian();
          derivatives[i][j][k] = (k == 0 ? clean[i][j][1] : -clean[i][j][0]) + SIGMA * random.nextGaussian();
        }
      }
    }
    Trajectories noisy = Trajectories.of(List.of("x", "y"), times, states, derivatives);
    // the window whose smoothed states have the least estimated error in their worse coordinate
    SavitzkyGolay chosen = null;
    double least = Double.POSITIVE_INFINITY;
    for (int w = 5; w <= SavitzkyGolay.DEFAULT_MAX_WINDOW; w += 2) {
      SavitzkyGolay candidate = SavitzkyGolay.of(w, 2);
      double[] error = candidate.smoothingError(noisy, SIGMA);
      if (Math.max(error[0], error[1]) < least) {
        least = Math.max(error[0], error[1]);
        chosen = candidate;
      }
    }
    Trajectories smoothed = noisy.smoothed(chosen);
    double before = 0;
    double after = 0;
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < length; j++) {
        assertThat(smoothed.derivative(i, j)).usingExactEquality().containsExactly(noisy.derivative(i, j)).inOrder();
        assertThat(smoothed.time(i, j)).isEqualTo(noisy.time(i, j));
        for (int k = 0; k < 2; k++) {
          before += Math.pow(noisy.state(i, j, k) - clean[i][j][k], 2);
          after += Math.pow(smoothed.state(i, j, k) - clean[i][j][k], 2);
        }
      }
    }
    double rmsBefore = Math.sqrt(before / (2 * count * length));
    double rmsAfter = Math.sqrt(after / (2 * count * length));
    System.out.printf(Locale.ROOT, "%s: state error RMS %.5f before, %.5f after%n", chosen, rmsBefore, rmsAfter);
    // measured: a window of 13 points, RMS 0.00995 before, 0.00487 after
    assertThat(chosen.window()).isIn(List.of(9, 11, 13, 15, 17));
    assertThat(rmsAfter).isLessThan(0.6 * rmsBefore);
    assertThat(assertThrows(IllegalArgumentException.class, () -> noisy.smoothed(SavitzkyGolay.of(103, 2))))
        .hasMessageThat().isEqualTo("cannot smooth trajectories of 101 points with a window of 103 points");
  }

  @Test
  void derivativesNeverCrossAGap(@TempDir Path dir) throws IOException {
    // x = t on both sides of a gap, but shifted by 100 after it: a bridged fit would see a jump
    StringBuilder csv = new StringBuilder("time,x\n");
    for (int i = 0; i < 60; i++) {
      double t = i < 30 ? 0.1 * i : 0.1 * i + 1.0;
      csv.append(t).append(',').append(i < 30 ? t : 100 + t).append('\n');
    }
    Path file = dir.resolve("jump.csv");
    Files.writeString(file, csv);
    SavitzkyGolay sg = SavitzkyGolay.of(9, 2);

    MeasuredSeries series = MeasuredSeries.read(file, List.of("x"));
    assertThat(series.gaps()).hasSize(1);
    Trajectories data = series.windows(10, sg);
    assertThat(data.count()).isEqualTo(6);
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        assertThat(data.derivative(i, t)[0]).isWithin(1e-9).of(1.0);
      }
    }

    // the same file with the gap not recognised (factor 20): the fit bridges and the derivative jumps
    MeasuredSeries bridged = MeasuredSeries.read(file, MeasuredSeries.Options.of(List.of("x")).withGapFactor(20));
    assertThat(bridged.gaps()).isEmpty();
    double largest = 0;
    Trajectories wrong = bridged.windows(10, sg);
    for (int i = 0; i < wrong.count(); i++) {
      for (int t = 0; t < wrong.length(); t++) {
        largest = Math.max(largest, Math.abs(wrong.derivative(i, t)[0]));
      }
    }
    assertThat(largest).isGreaterThan(10.0);
  }

  @Test
  void windowAndDegreeAreChecked() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> SavitzkyGolay.of(8, 2))).hasMessageThat()
        .contains("window 8 must be odd and at least degree + 2 = 4 points");
    assertThat(assertThrows(IllegalArgumentException.class, () -> SavitzkyGolay.of(9, 0))).hasMessageThat()
        .contains("degree 0 is out of range");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> SavitzkyGolay.of(9, 2).derivative(new double[] {0, 1, 2}, new double[] {0, 1, 2}))).hasMessageThat()
        .contains("a segment of 3 points is shorter than the Savitzky–Golay window of 9 points");
  }

  private static double[][] column(double[] values) {
    double[][] c = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      c[i] = new double[] {values[i]};
    }
    return c;
  }
}
