/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A Savitzky–Golay differentiator: the derivative at each point is the slope, at that point, of
 * the least-squares polynomial of degree {@link #degree()} through the {@link #window()} points
 * around it. It estimates derivatives of measured states that come without them ({@link
 * MeasuredSeries#windows(int, SavitzkyGolay)}).
 *
 * <ul>
 *   <li><b>Times as measured.</b> The fit uses the actual times (not an assumed constant step), so
 *       jittered steps such as 0.033 s / 0.034 s need no resampling.
 *   <li><b>One segment at a time.</b> {@link #derivative(double[], double[])} takes one gap-free
 *       segment; it never sees across a gap because it is never given one ({@link MeasuredSeries}
 *       splits series at gaps first).
 *   <li><b>Ends.</b> No point is dropped: within {@code window / 2} points of either end of a
 *       segment the window is shifted inward (a one-sided fit of the same size). These estimates are
 *       noisier than centred ones: on the noisy sine of {@code SavitzkyGolayTest} (window 25,
 *       degree 2) the largest error at the ends is 0.063, twice the largest centred one.
 *   <li><b>Choosing the window.</b> {@link #choose(List, List, int, int)} picks the odd window with
 *       the smallest leave-one-out error of the fitted <i>values</i> (each point predicted by the
 *       fit through its neighbours without it), summed over state columns, each relative to its
 *       variance, up to a cap. The rule needs no knowledge of the noise, but values tolerate
 *       more smoothing than slopes: on sin(t) sampled at 1/30 s with noise σ = 0.01 it picks 37
 *       points uncapped, where the slope's error is least at 21 (RMS 0.013, against 0.027 at 37).
 *       Hence the cap, {@link #DEFAULT_MAX_WINDOW} = 25 points, and never longer than a segment
 *       or a trajectory window; with it the same sine gets 25 points and RMS 0.015.
 * </ul>
 */
public final class SavitzkyGolay {
  /** The default polynomial degree: 2 (for the centred slope the same as a straight line). */
  public static final int DEFAULT_DEGREE = 2;

  /**
   * The largest window {@link #choose(List, List, int, int)} considers by default: the
   * leave-one-out rule prefers wider windows than the derivative would (see the class comment).
   */
  public static final int DEFAULT_MAX_WINDOW = 25;

  private final int window;
  private final int degree;

  private SavitzkyGolay(int window, int degree) {
    this.window = window;
    this.degree = degree;
  }

  /**
   * A differentiator with a given window and degree.
   *
   * @param window the number of points in each fit: odd, and at least {@code degree + 2} so that a
   *     fit has a residual
   * @param degree the polynomial degree, 1 to 4 (2 or 3 are the usual choices)
   * @throws IllegalArgumentException naming the value that is out of range
   */
  public static SavitzkyGolay of(int window, int degree) {
    if (degree < 1 || degree > 4) {
      throw new IllegalArgumentException("Savitzky–Golay degree " + degree + " is out of range; use 1 to 4 (2 or 3 are usual)");
    }
    if (window % 2 == 0 || window < degree + 2) {
      throw new IllegalArgumentException("Savitzky–Golay window " + window + " must be odd and at least degree + 2 = "
          + (degree + 2) + " points");
    }
    return new SavitzkyGolay(window, degree);
  }

  /**
   * The window chosen from the data (see the class comment): the odd window from the smallest one
   * allowed for {@code degree} (at least 5) to {@code maxWindow}, but no longer than the shortest
   * segment, with the least leave-one-out error of the fitted values.
   *
   * @param times one array of strictly increasing times per segment
   * @param values per segment, {@code values[t][k]}: state k at point t
   * @param degree the polynomial degree
   * @param maxWindow the largest window considered
   * @throws IllegalArgumentException when no segment is long enough for the smallest window
   */
  public static SavitzkyGolay choose(List<double[]> times, List<double[][]> values, int degree, int maxWindow) {
    int shortest = Integer.MAX_VALUE;
    for (double[] t : times) {
      shortest = Math.min(shortest, t.length);
    }
    int smallest = Math.max(5, (degree + 3) | 1);
    int largest = Math.min(maxWindow, shortest % 2 == 0 ? shortest - 1 : shortest);
    if (times.isEmpty() || largest < smallest) {
      throw new IllegalArgumentException("cannot choose a Savitzky–Golay window: a degree-" + degree + " fit needs at least "
          + smallest + " points, but the windows may have at most " + maxWindow + " and the shortest segment has "
          + (times.isEmpty() ? 0 : shortest));
    }
    SavitzkyGolay best = null;
    double bestError = Double.POSITIVE_INFINITY;
    for (int w = smallest; w <= largest; w += 2) {
      SavitzkyGolay candidate = of(w, degree);
      double error = candidate.leaveOneOutError(times, values);
      if (error < bestError) {
        bestError = error;
        best = candidate;
      }
    }
    return best;
  }

  /** Points per fit (odd). */
  public int window() {
    return window;
  }

  /** Polynomial degree. */
  public int degree() {
    return degree;
  }

  /**
   * The derivative of {@code values} with respect to {@code times} at every point of one gap-free
   * segment (one-sided fits at the ends).
   *
   * @throws IllegalArgumentException when the segment has fewer points than the window, or the
   *     arrays differ in length
   */
  public double[] derivative(double[] times, double[] values) {
    checkSegment(times, values);
    double[] result = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      result[i] = fit(times, values, i)[1];
    }
    return result;
  }

  /** Mean squared leave-one-out residual of the fitted values, relative to each column's variance. */
  double leaveOneOutError(List<double[]> times, List<double[][]> values) {
    int n = values.get(0)[0].length;
    double total = 0;
    for (int k = 0; k < n; k++) {
      double sum = 0;
      double sumSquares = 0;
      double squaredResiduals = 0;
      long count = 0;
      for (int s = 0; s < times.size(); s++) {
        double[] t = times.get(s);
        double[] y = column(values.get(s), k);
        for (int i = 0; i < t.length; i++) {
          double[] f = fit(t, y, i);
          double residual = (y[i] - f[0]) / (1 - f[2]);
          squaredResiduals += residual * residual;
          sum += y[i];
          sumSquares += y[i] * y[i];
          count++;
        }
      }
      double variance = sumSquares / count - (sum / count) * (sum / count);
      total += squaredResiduals / count / Math.max(variance, Double.MIN_NORMAL);
    }
    return total;
  }

  /** Column {@code k} of {@code values[t][k]}. */
  public static double[] column(double[][] values, int k) {
    double[] c = new double[values.length];
    for (int t = 0; t < values.length; t++) {
      c[t] = values[t][k];
    }
    return c;
  }

  private void checkSegment(double[] times, double[] values) {
    if (times.length != values.length) {
      throw new IllegalArgumentException(times.length + " times but " + values.length + " values");
    }
    if (times.length < window) {
      throw new IllegalArgumentException("a segment of " + times.length + " points is shorter than the Savitzky–Golay window of "
          + window + " points");
    }
  }

  /**
   * The fit for point {@code i}: {fitted value at t_i, slope at t_i, leverage of point i}. The
   * window is centred on i where it can be and shifted inward at the ends; times are centred on
   * t_i and scaled by the window's half span so the normal equations stay well conditioned.
   */
  private double[] fit(double[] times, double[] values, int i) {
    int start = Math.max(0, Math.min(i - window / 2, times.length - window));
    double scale = (times[start + window - 1] - times[start]) / 2;
    int p = degree + 1;
    double[][] normal = new double[p][p];
    double[] moments = new double[p];
    double[] powers = new double[2 * p - 1];
    for (int j = start; j < start + window; j++) {
      double u = (times[j] - times[i]) / scale;
      double power = 1;
      for (int e = 0; e < 2 * p - 1; e++) {
        powers[e] = power;
        if (e < p) {
          moments[e] += power * values[j];
        }
        power *= u;
      }
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          normal[a][b] += powers[a + b];
        }
      }
    }
    RealMatrix inverse = new LUDecomposition(new Array2DRowRealMatrix(normal, false)).getSolver().getInverse();
    double value = 0;
    double slope = 0;
    for (int b = 0; b < p; b++) {
      value += inverse.getEntry(0, b) * moments[b];
      slope += inverse.getEntry(1, b) * moments[b];
    }
    return new double[] {value, slope / scale, inverse.getEntry(0, 0)};
  }

  @Override
  public String toString() {
    return "Savitzky–Golay(window " + window + ", degree " + degree + ")";
  }
}
