/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.concernet.data.Trajectories;

/**
 * What a seed's data and training say about whether anything could be learned, as plain sentences
 * that name the figure and what to change. Each is printed after the seed and kept in its notes; none
 * stops a run (a stopped run says nothing about the data's other seeds).
 */
final class DataWarnings {
  /** Largest over median |ẋ| above which one network cannot fit both scales of the data. */
  static final double MAX_DERIVATIVE_SPAN = 1e3;

  /** Fraction of the derivatives' variance a dynamics model leaves unexplained above which it learned nothing useful. */
  static final double MAX_UNEXPLAINED = 0.5;

  private DataWarnings() {}

  /**
   * When the derivatives' magnitudes span more than {@link #MAX_DERIVATIVE_SPAN}: the trajectories
   * pass close to a singularity (Kepler's r = 0) or are stiff, and the states should be sampled away
   * from it.
   */
  static Optional<String> derivativeSpan(Trajectories data) {
    if (!data.hasDerivatives()) {
      return Optional.empty();
    }
    int points = data.count() * data.length();
    double[] norms = new double[points];
    int largest = 0;
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        double sum = 0;
        for (double v : data.derivative(i, t)) {
          sum += v * v;
        }
        int at = i * data.length() + t;
        norms[at] = Math.sqrt(sum);
        if (norms[at] > norms[largest]) {
          largest = at;
        }
      }
    }
    double max = norms[largest];
    double[] sorted = norms.clone();
    Arrays.sort(sorted);
    double median = sorted[points / 2];
    if (!(max > MAX_DERIVATIVE_SPAN * median)) {
      return Optional.empty();
    }
    int i = largest / data.length();
    int t = largest % data.length();
    return Optional.of(String.format(Locale.ROOT, "the training derivatives span %.1f orders of magnitude (median"
        + " |ẋ| %.3g, largest %.3g at %s of trajectory %d, point %d): the trajectories pass close to a singularity or"
        + " are stiff, and one network cannot fit both scales; sample initial states away from it with an"
        + " @InitialState method or narrower @State ranges", Math.log10(max / median), median, max,
        format(data.state(i, t)), i, t));
  }

  /**
   * When a dynamics model's final training loss (mean squared error of ẋ) leaves more than {@link
   * #MAX_UNEXPLAINED} of the derivatives' variance unexplained.
   */
  static Optional<String> unfit(String model, double finalLoss, Trajectories data) {
    double variance = derivativeVariance(data);
    if (!(variance > 0) || finalLoss <= MAX_UNEXPLAINED * variance) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "the %s dynamics model's final training loss %.3g leaves %.0f%% of"
        + " the derivatives' variance (%.3g) unexplained: it has learned little of the field; check the data (the"
        + " warning above, the noise) or train longer (--dynamics-epochs)", model, finalLoss,
        100 * finalLoss / variance, variance));
  }

  /** A state as "(x1, x2, …)" to three significant digits. */
  private static String format(double[] x) {
    StringBuilder s = new StringBuilder("(");
    for (int k = 0; k < x.length; k++) {
      s.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", x[k]));
    }
    return s.append(')').toString();
  }

  /** Σ over components of the variance of ẋ over every point. */
  private static double derivativeVariance(Trajectories data) {
    int n = data.dimension();
    double[] mean = new double[n];
    double[] square = new double[n];
    long points = (long) data.count() * data.length();
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        double[] d = data.derivative(i, t);
        for (int k = 0; k < n; k++) {
          mean[k] += d[k] / points;
          square[k] += d[k] * d[k] / points;
        }
      }
    }
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += Math.max(0, square[k] - mean[k] * mean[k]);
    }
    return sum;
  }
}
