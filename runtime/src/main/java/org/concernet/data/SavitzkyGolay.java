/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A Savitzky–Golay filter: the least-squares polynomial of degree {@link #degree()} through the
 * {@link #window()} points around each point gives the derivative there (its slope: {@link
 * #derivative}) and a smoothed value (its value: {@link #smooth}). The first estimates derivatives
 * of measured states that come without them ({@link MeasuredSeries#windows(int, SavitzkyGolay)});
 * the second removes observation noise from training states ({@link Trajectories#smoothed}), since
 * noise in the states, unlike noise in the derivatives, biases what is fitted to them.
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

  /** Appends each trajectory's times and its states ({@code values[t][k]}) to the lists. */
  private static void split(Trajectories data, List<double[]> times, List<double[][]> values) {
    for (int i = 0; i < data.count(); i++) {
      times.add(data.times(i));
      double[][] v = new double[data.length()][];
      for (int t = 0; t < data.length(); t++) {
        v[t] = data.state(i, t);
      }
      values.add(v);
    }
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
      result[i] = slope(times, values, i);
    }
    return result;
  }

  /**
   * The fitted values of {@code values} at every point of one gap-free segment (one-sided fits at
   * the ends): the series smoothed. A polynomial of degree at most {@link #degree()} is returned
   * unchanged (to rounding).
   *
   * @throws IllegalArgumentException when the segment has fewer points than the window, or the
   *     arrays differ in length
   */
  public double[] smooth(double[] times, double[] values) {
    checkSegment(times, values);
    return valueWeights(times).apply(values);
  }

  /**
   * Mean squared leave-one-out residual of the fitted values, relative to each column's variance,
   * summed over columns.
   */
  double leaveOneOutError(List<double[]> times, List<double[][]> values) {
    LeaveOneOut loo = leaveOneOut(times, values);
    double total = 0;
    for (int k = 0; k < loo.residuals().length; k++) {
      total += loo.residuals()[k] / Math.max(loo.variances()[k], Double.MIN_NORMAL);
    }
    return total;
  }

  /**
   * Per state column of {@code data}, observed with independent noise of standard deviation {@code
   * noise}: the estimated mean squared error of the smoothed states against the noise-free ones,
   * relative to the noise's variance σ² (below 1: smoothing brings the states closer to the truth).
   * The filter is linear, ŷ = W y, so E|ŷ − x|² = E|y − ŷ|² − σ²(N − 2 tr W) exactly (Stein's
   * unbiased risk estimate, or Mallows' C_p): the estimate is mean (y − ŷ)² / σ² − 1 + 2 mean h, h
   * the weight of each point's own value in its fitted value. It needs σ, not the signal.
   */
  public double[] smoothingError(Trajectories data, double noise) {
    List<double[]> times = new ArrayList<>(data.count());
    List<double[][]> values = new ArrayList<>(data.count());
    split(data, times, values);
    LeaveOneOut loo = leaveOneOut(times, values);
    double variance = noise * noise;
    double[] result = new double[loo.fitResiduals().length];
    for (int k = 0; k < result.length; k++) {
      result[k] = loo.fitResiduals()[k] / variance - 1 + 2 * loo.meanLeverage();
    }
    return result;
  }

  /**
   * Per column, the mean squared leave-one-out residual, the mean squared residual of the fit and
   * the column's variance; over points, the mean leverage h.
   */
  private record LeaveOneOut(double[] residuals, double[] fitResiduals, double[] variances, double meanLeverage) {}

  /**
   * Leave-one-out and fit statistics of this filter on the segments. The weights of a segment are computed
   * once for all its columns, and once for consecutive segments with the same times (generated
   * trajectories share theirs).
   */
  private LeaveOneOut leaveOneOut(List<double[]> times, List<double[][]> values) {
    int n = values.get(0)[0].length;
    double[] sum = new double[n];
    double[] sumSquares = new double[n];
    double[] squaredResiduals = new double[n];
    double[] squaredFitResiduals = new double[n];
    double leverages = 0;
    long count = 0;
    double[] previousTimes = null;
    Weights weights = null;
    for (int s = 0; s < times.size(); s++) {
      double[] t = times.get(s);
      if (weights == null || !Arrays.equals(t, previousTimes)) {
        weights = valueWeights(t);
        previousTimes = t;
      }
      for (int k = 0; k < n; k++) {
        double[] y = column(values.get(s), k);
        double[] fitted = weights.apply(y);
        for (int i = 0; i < t.length; i++) {
          double residual = (y[i] - fitted[i]) / (1 - weights.leverage(i));
          squaredResiduals[k] += residual * residual;
          squaredFitResiduals[k] += (y[i] - fitted[i]) * (y[i] - fitted[i]);
          sum[k] += y[i];
          sumSquares[k] += y[i] * y[i];
        }
      }
      for (int i = 0; i < t.length; i++) {
        leverages += weights.leverage(i);
      }
      count += t.length;
    }
    double[] residuals = new double[n];
    double[] fitResiduals = new double[n];
    double[] variances = new double[n];
    for (int k = 0; k < n; k++) {
      double mean = sum[k] / count;
      residuals[k] = squaredResiduals[k] / count;
      fitResiduals[k] = squaredFitResiduals[k] / count;
      variances[k] = sumSquares[k] / count - mean * mean;
    }
    return new LeaveOneOut(residuals, fitResiduals, variances, leverages / count);
  }

  /** Row i: the weights of the window's points in point i's fitted value, from {@code start[i]}. */
  record Weights(int[] start, double[][] rows, double[] leverages) {
    double[] apply(double[] y) {
      double[] fitted = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        double[] w = rows[i];
        double v = 0;
        for (int j = 0; j < w.length; j++) {
          v += w[j] * y[start[i] + j];
        }
        fitted[i] = v;
      }
      return fitted;
    }

    double leverage(int i) {
      return leverages[i];
    }
  }

  Weights valueWeights(double[] times) {
    int[] start = new int[times.length];
    double[][] rows = new double[times.length][];
    double[] leverages = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      start[i] = windowStart(times.length, i);
      double scale = (times[start[i] + window - 1] - times[start[i]]) / 2;
      RealMatrix inverse = normalInverse(times, i, start[i], scale);
      double[] w = new double[window];
      for (int j = 0; j < window; j++) {
        double u = (times[start[i] + j] - times[i]) / scale;
        double power = 1;
        for (int b = 0; b <= degree; b++) {
          w[j] += inverse.getEntry(0, b) * power;
          power *= u;
        }
      }
      rows[i] = w;
      leverages[i] = inverse.getEntry(0, 0);
    }
    return new Weights(start, rows, leverages);
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
   * The slope at t_i of the fit for point {@code i}. The window is centred on i where it can be
   * and shifted inward at the ends; times are centred on t_i and scaled by the window's half span
   * so the normal equations stay well conditioned.
   */
  private double slope(double[] times, double[] values, int i) {
    int start = windowStart(times.length, i);
    double scale = (times[start + window - 1] - times[start]) / 2;
    int p = degree + 1;
    double[] moments = new double[p];
    for (int j = start; j < start + window; j++) {
      double u = (times[j] - times[i]) / scale;
      double power = 1;
      for (int e = 0; e < p; e++) {
        moments[e] += power * values[j];
        power *= u;
      }
    }
    RealMatrix inverse = normalInverse(times, i, start, scale);
    double slope = 0;
    for (int b = 0; b < p; b++) {
      slope += inverse.getEntry(1, b) * moments[b];
    }
    return slope / scale;
  }

  /** Point i's window starts here: centred on i where it can be, shifted inward at the ends. */
  private int windowStart(int length, int i) {
    return Math.max(0, Math.min(i - window / 2, length - window));
  }

  /** The inverse of the normal matrix of point i's fit, in times centred on t_i and scaled. */
  private RealMatrix normalInverse(double[] times, int i, int start, double scale) {
    int p = degree + 1;
    double[][] normal = new double[p][p];
    double[] powers = new double[2 * p - 1];
    for (int j = start; j < start + window; j++) {
      double u = (times[j] - times[i]) / scale;
      double power = 1;
      for (int e = 0; e < 2 * p - 1; e++) {
        powers[e] = power;
        power *= u;
      }
      for (int a = 0; a < p; a++) {
        for (int b = 0; b < p; b++) {
          normal[a][b] += powers[a + b];
        }
      }
    }
    return new LUDecomposition(new Array2DRowRealMatrix(normal, false)).getSolver().getInverse();
  }

  @Override
  public String toString() {
    return "Savitzky–Golay(window " + window + ", degree " + degree + ")";
  }
}
