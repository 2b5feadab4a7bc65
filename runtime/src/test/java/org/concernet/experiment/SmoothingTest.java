/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.concernet.data.SavitzkyGolay;
import org.concernet.data.Trajectories;
import org.concernet.protocol.Protocol;
import org.junit.jupiter.api.Test;

/** {@link Smoothing}: when the training states are smoothed, with which window, and what is said. */
class SmoothingTest {
  private static final double NOISE = 0.01;

  /**
   * Ten trajectories (sin(ωt + φ), ω cos(ωt + φ)) at 0.1 time units for 10, noise σ = 0.01 on
   * states and derivatives; {@code clean} receives the noise-free states when not null.
   */
  private static Trajectories oscillations(double omega, double[][][] clean) {
    Random random = new Random(31);
    int count = 10;
    int length = 101;
    double[][] times = new double[count][length];
    double[][][] states = new double[count][length][2];
    double[][][] derivatives = new double[count][length][2];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < length; j++) {
        double t = 0.1 * j;
        double phase = omega * t + 0.6 * i;
        times[i][j] = t;
        double[] x = {Math.sin(phase), omega * Math.cos(phase)};
        double[] dx = {omega * Math.cos(phase), -omega * omega * Math.sin(phase)};
        if (clean != null) {
          clean[i][j] = x.clone();
        }
        for (int k = 0; k < 2; k++) {
          states[i][j][k] = x[k] + NOISE * random.nextGaussian();
          derivatives[i][j][k] = dx[k] + NOISE * random.nextGaussian();
        }
      }
    }
    return Trajectories.of(List.of("q", "p"), times, states, derivatives);
  }

  private static Protocol protocol(int window, double noise) {
    return Protocol.builder().noise(noise).smoothingWindow(window).build();
  }

  @Test
  void slowGeneratedStatesAreSmoothedWithTheWindowOfLeastEstimatedErrorWhichIsTheTrueOne() {
    double[][][] clean = new double[10][101][];
    Trajectories noisy = oscillations(1, clean);
    Smoothing smoothing = Smoothing.of(noisy, protocol(Protocol.AUTO_SMOOTHING, NOISE), false);

    assertThat(smoothing.filter()).isPresent();
    int chosen = smoothing.filter().get().window();
    assertThat(smoothing.estimatedError()).isLessThan(1.0);
    assertThat(smoothing.note().get()).startsWith("training states smoothed along time: Savitzky–Golay, " + chosen
        + " points, degree 2, chosen for the least estimated error: ");
    // the estimate against the error the smoothed states really have, for the chosen window and two others
    for (int window : List.of(5, chosen, 25)) {
      SavitzkyGolay filter = SavitzkyGolay.of(window, 2);
      double[] estimated = filter.smoothingError(noisy, NOISE);
      double[] actual = squaredError(noisy.smoothed(filter), clean);
      for (int k = 0; k < 2; k++) {
        System.out.printf(java.util.Locale.ROOT, "window %d, coordinate %d: estimated %.3f, actual %.3f%n", window, k,
            estimated[k], actual[k]);
        assertThat(estimated[k]).isWithin(0.05 + 0.1 * actual[k]).of(actual[k]);
      }
    }
    double[] error = squaredError(smoothing.data(), clean);
    assertThat(Math.max(error[0], error[1])).isLessThan(0.5);
    // derivatives are left as they were observed
    assertThat(smoothing.data().derivativesFlat()).isEqualTo(noisy.derivativesFlat());
  }

  @Test
  void fastGeneratedStatesAreLeftAsTheyAreAndTheNoteSaysWhy() {
    Trajectories noisy = oscillations(6, null);  // 10 samples per period: any window bends the signal
    Smoothing smoothing = Smoothing.of(noisy, protocol(Protocol.AUTO_SMOOTHING, NOISE), false);

    assertThat(smoothing.filter()).isEmpty();
    assertThat(smoothing.data()).isSameInstanceAs(noisy);
    assertThat(smoothing.estimatedError()).isGreaterThan(1.0);
    assertThat(smoothing.note().get()).startsWith("training states not smoothed: the best window (5 points) would leave an"
        + " estimated ");
    assertThat(smoothing.note().get()).endsWith(" times the noise's variance in the worst coordinate (the states change"
        + " too fast between samples to be smoothed)");
  }

  @Test
  void autoLeavesNoiseFreeAndMeasuredDataAloneAndNoneMeansNone() {
    Trajectories noisy = oscillations(1, null);
    for (Smoothing untouched : List.of(Smoothing.of(noisy, protocol(Protocol.AUTO_SMOOTHING, 0), false),
        Smoothing.of(noisy, protocol(Protocol.AUTO_SMOOTHING, NOISE), true),
        Smoothing.of(noisy, protocol(1, NOISE), false))) {
      assertThat(untouched.data()).isSameInstanceAs(noisy);
      assertThat(untouched.filter()).isEmpty();
      assertThat(untouched.note()).isEmpty();
    }
  }

  @Test
  void autoLeavesTheStatesOfAnAutoencoderSystemAloneAndSaysSo() {
    Trajectories noisy = oscillations(1, null);
    Protocol latent = protocol(Protocol.AUTO_SMOOTHING, NOISE).toBuilder()
        .autoencoder(new Protocol.AutoencoderSpec(1, List.of(4), 10, 10)).build();
    Smoothing smoothing = Smoothing.of(noisy, latent, false);
    assertThat(smoothing.data()).isSameInstanceAs(noisy);
    assertThat(smoothing.note()).hasValue("training states not smoothed: the system learns in an autoencoder's latent"
        + " space, where smoothing measured worse (docs/generality.md); give smoothingWindow to smooth them");
    assertThat(Smoothing.of(noisy, latent.toBuilder().smoothingWindow(7).build(), false).filter().get().window())
        .isEqualTo(7);
  }

  @Test
  void aGivenWindowIsAppliedToMeasuredDataTooAndMustFitTheTrajectories() {
    Trajectories noisy = oscillations(1, null);
    Smoothing given = Smoothing.of(noisy, protocol(9, NOISE), true);
    assertThat(given.filter().get().window()).isEqualTo(9);
    assertThat(given.data().statesFlat()).isEqualTo(noisy.smoothed(SavitzkyGolay.of(9, 2)).statesFlat());
    assertThat(given.note()).hasValue("training states smoothed along time: Savitzky–Golay, 9 points, degree 2"
        + " (smoothingWindow)");

    assertThat(assertThrows(IllegalArgumentException.class, () -> Smoothing.of(noisy, protocol(103, NOISE), false)))
        .hasMessageThat().isEqualTo("smoothingWindow 103 is longer than the training trajectories (101 points); use a"
            + " window of at most 101 points, auto, or 1 for none");
    assertThat(assertThrows(IllegalArgumentException.class, () -> protocol(4, NOISE))).hasMessageThat()
        .contains("smoothingWindow must be 0 (auto), 1 (none) or an odd number of points of at least 5, was 4");
  }

  /** Per coordinate: the mean squared difference of the states from {@code clean}, relative to σ². */
  private static double[] squaredError(Trajectories data, double[][][] clean) {
    double[] error = new double[2];
    for (int i = 0; i < data.count(); i++) {
      for (int j = 0; j < data.length(); j++) {
        for (int k = 0; k < 2; k++) {
          error[k] += Math.pow(data.state(i, j, k) - clean[i][j][k], 2);
        }
      }
    }
    for (int k = 0; k < 2; k++) {
      error[k] /= data.count() * data.length() * NOISE * NOISE;
    }
    return error;
  }
}
