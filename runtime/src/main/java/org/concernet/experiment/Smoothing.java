/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.Locale;
import java.util.Optional;
import org.concernet.data.SavitzkyGolay;
import org.concernet.data.Trajectories;
import org.concernet.protocol.Protocol;

/**
 * Training data as learned from, the Savitzky–Golay filter that smoothed their states along time
 * (empty: not smoothed), and why. Noise in the states, unlike noise in the derivatives, biases what
 * is fitted to them (H's level sets and both dynamics models), so states are smoothed before
 * anything learns from them where that brings them closer to the truth; the derivatives stay as
 * observed or estimated.
 *
 * @param data the trajectories every model learns from
 * @param filter the filter applied to their states, if any
 * @param note what was done and why, for the console and the seed's notes; empty when the protocol
 *     asked for nothing or the data are noise-free
 * @param estimatedError for a window chosen from generated data: the estimated mean squared error of
 *     the smoothed states in the worst coordinate, relative to the noise's variance ({@link
 *     SavitzkyGolay#smoothingError}); NaN otherwise
 */
record Smoothing(Trajectories data, Optional<SavitzkyGolay> filter, Optional<String> note, double estimatedError) {
  /** The smallest window {@link SavitzkyGolay#smoothingError} is tried with, for degree 2. */
  private static final int SMALLEST_WINDOW = 5;

  /**
   * {@code raw} with its states smoothed by {@code protocol}'s {@link Protocol#smoothingWindow()}.
   * 1 leaves them as they are; any other number is the window. 0 (auto) smooths generated data
   * whose noise σ is known: each odd window from 5 to 25 points (and the trajectories' length) is
   * scored by the estimated error it leaves in the worst state coordinate ({@link
   * SavitzkyGolay#smoothingError}), and the best one is applied when that error is below σ², i.e.
   * when smoothing brings every coordinate closer to the truth. Otherwise (fast motion between
   * samples, where any window bends the signal more than it removes noise), for measured data
   * whose noise is unknown, and for systems that learn in an autoencoder's latent space (the heat
   * equation: both dynamics models' MSE 40% higher with its window of 5 points, on every seed,
   * though the states' error fell to half the noise's variance; the cause is not established),
   * auto leaves the states as they are.
   *
   * @param measured whether {@code raw} was measured (its noise is unknown) rather than generated
   *     with the protocol's noise
   * @throws IllegalArgumentException when a given window is longer than the trajectories
   */
  static Smoothing of(Trajectories raw, Protocol protocol, boolean measured) {
    int window = protocol.smoothingWindow();
    if (window == 1 || window == Protocol.AUTO_SMOOTHING && (measured || protocol.noise() == 0)) {
      return new Smoothing(raw, Optional.empty(), Optional.empty(), Double.NaN);
    }
    if (window == Protocol.AUTO_SMOOTHING && protocol.autoencoder().isPresent()) {
      return new Smoothing(raw, Optional.empty(), Optional.of("training states not smoothed: the system learns in an"
          + " autoencoder's latent space, where smoothing measured worse (docs/generality.md); give smoothingWindow to"
          + " smooth them"), Double.NaN);
    }
    if (window != Protocol.AUTO_SMOOTHING) {
      if (window > raw.length()) {
        throw new IllegalArgumentException("smoothingWindow " + window + " is longer than the training trajectories ("
            + raw.length() + " points); use a window of at most " + raw.length() + " points, auto, or 1 for none");
      }
      SavitzkyGolay filter = SavitzkyGolay.of(window, SavitzkyGolay.DEFAULT_DEGREE);
      return new Smoothing(raw.smoothed(filter), Optional.of(filter), Optional.of(String.format(Locale.ROOT,
          "training states smoothed along time: Savitzky–Golay, %d points, degree %d (smoothingWindow)",
          filter.window(), filter.degree())), Double.NaN);
    }
    SavitzkyGolay best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (int w = SMALLEST_WINDOW; w <= Math.min(SavitzkyGolay.DEFAULT_MAX_WINDOW, raw.length()); w += 2) {
      SavitzkyGolay candidate = SavitzkyGolay.of(w, SavitzkyGolay.DEFAULT_DEGREE);
      double worst = 0;
      for (double e : candidate.smoothingError(raw, protocol.noise())) {
        worst = Math.max(worst, e);
      }
      if (worst < bestError) {
        bestError = worst;
        best = candidate;
      }
    }
    if (best == null) {
      return new Smoothing(raw, Optional.empty(), Optional.of("training states not smoothed: trajectories of "
          + raw.length() + " points are shorter than the smallest window (" + SMALLEST_WINDOW + " points)"), Double.NaN);
    }
    if (bestError >= 1) {
      return new Smoothing(raw, Optional.empty(), Optional.of(String.format(Locale.ROOT, "training states not smoothed:"
          + " the best window (%d points) would leave an estimated %.3g times the noise's variance in the worst"
          + " coordinate (the states change too fast between samples to be smoothed)", best.window(), bestError)),
          bestError);
    }
    return new Smoothing(raw.smoothed(best), Optional.of(best), Optional.of(String.format(Locale.ROOT, "training states"
        + " smoothed along time: Savitzky–Golay, %d points, degree %d, chosen for the least estimated error: %.3g of"
        + " the noise's variance in the worst coordinate", best.window(), best.degree(), bestError)), bestError);
  }
}
