/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An immutable set of N trajectories of T points each in an n-dimensional state space: states
 * x[i][t], their times, and (when known) their time derivatives ẋ[i][t]. Trajectories come from a
 * {@code SystemSpec} through {@code simulate.TrajectoryGenerator}, or from measurements through
 * {@link TrajectoryIO}. {@link Rollout} is the other trajectory type (see the package comment).
 *
 * <p>Values are stored flat, trajectory-major: state component k of point t of trajectory i is at
 * {@code (i * T + t) * n + k}. Construction checks every value; an instance never holds a NaN, an
 * infinity, non-increasing times, or a trajectory whose states are all identical.
 */
public final class Trajectories {
  private final List<String> stateNames;
  private final int count;
  private final int length;
  private final int dimension;
  private final double[] times;
  private final double[] states;
  private final double[] derivatives;

  private Trajectories(List<String> stateNames, int count, int length, double[] times,
      double[] states, double[] derivatives) {
    this.stateNames = List.copyOf(stateNames);
    this.count = count;
    this.length = length;
    this.dimension = stateNames.size();
    this.times = times;
    this.states = states;
    this.derivatives = derivatives;
  }

  /**
   * Trajectories from flat arrays (copied), validated.
   *
   * @param stateNames one name per state coordinate
   * @param count N, the number of trajectories
   * @param length T, the points per trajectory
   * @param times N × T times, each trajectory's strictly increasing
   * @param states N × T × n states
   * @param derivatives N × T × n derivatives, or {@code null} when unknown
   * @throws InvalidDataException naming the trajectory, point and value of the first problem
   */
  public static Trajectories ofFlat(List<String> stateNames, int count, int length, double[] times,
      double[] states, double[] derivatives) {
    return ofFlat("<in memory>", stateNames, count, length, times, states, derivatives);
  }

  /** As {@link #ofFlat(List, int, int, double[], double[], double[])}, naming {@code source} in errors. */
  public static Trajectories ofFlat(String source, List<String> stateNames, int count, int length,
      double[] times, double[] states, double[] derivatives) {
    int n = stateNames.size();
    if (n < 1) {
      throw new InvalidDataException(source + ": a state needs at least one coordinate, found none");
    }
    if (count < 1 || length < 1) {
      throw new InvalidDataException(source + ": no data (" + count + " trajectories of " + length + " points)");
    }
    checkLength(source, "times", times, (long) count * length);
    checkLength(source, "states", states, (long) count * length * n);
    if (derivatives != null) {
      checkLength(source, "derivatives", derivatives, (long) count * length * n);
    }
    Trajectories result = new Trajectories(stateNames, count, length, times.clone(), states.clone(),
        derivatives == null ? null : derivatives.clone());
    result.validate(source);
    return result;
  }

  /**
   * Trajectories from nested arrays {@code states[i][t][k]} (copied), validated; all
   * trajectories must have the same length.
   *
   * @param times {@code times[i][t]}
   * @param derivatives {@code derivatives[i][t][k]}, or {@code null} when unknown
   */
  public static Trajectories of(List<String> stateNames, double[][] times, double[][][] states,
      double[][][] derivatives) {
    String source = "<in memory>";
    int count = states.length;
    if (count == 0) {
      throw new InvalidDataException(source + ": no trajectories");
    }
    int length = states[0].length;
    int n = stateNames.size();
    if (times.length != count) {
      throw new InvalidDataException(source + ": " + count + " trajectories of states but " + times.length + " of times");
    }
    if (derivatives != null && derivatives.length != count) {
      throw new InvalidDataException(source + ": " + count + " trajectories of states but " + derivatives.length + " of derivatives");
    }
    double[] flatTimes = new double[count * length];
    double[] flatStates = new double[count * length * n];
    double[] flatDerivatives = derivatives == null ? null : new double[count * length * n];
    for (int i = 0; i < count; i++) {
      if (states[i].length != length) {
        throw new InvalidDataException(source + ": trajectory " + i + " has " + states[i].length
            + " points but trajectory 0 has " + length + "; all trajectories must have the same length");
      }
      if (times[i].length != length) {
        throw new InvalidDataException(source + ": trajectory " + i + " has " + times[i].length + " times for " + length + " points");
      }
      System.arraycopy(times[i], 0, flatTimes, i * length, length);
      for (int t = 0; t < length; t++) {
        copyRow(source, "state", states[i][t], i, t, n, flatStates, (i * length + t) * n);
        if (derivatives != null) {
          if (derivatives[i].length != length) {
            throw new InvalidDataException(source + ": trajectory " + i + " has " + derivatives[i].length
                + " derivatives for " + length + " points");
          }
          copyRow(source, "derivative", derivatives[i][t], i, t, n, flatDerivatives, (i * length + t) * n);
        }
      }
    }
    Trajectories result = new Trajectories(stateNames, count, length, flatTimes, flatStates, flatDerivatives);
    result.validate(source);
    return result;
  }

  private static void copyRow(String source, String what, double[] row, int i, int t, int n,
      double[] into, int offset) {
    if (row.length != n) {
      throw new InvalidDataException(source + ": trajectory " + i + ", point " + t + ": " + what
          + " has " + row.length + " values, expected " + n + " (the system's state width)");
    }
    System.arraycopy(row, 0, into, offset, n);
  }

  private static void checkLength(String source, String what, double[] values, long expected) {
    if (values.length != expected) {
      throw new InvalidDataException(source + ": " + what + " has " + values.length + " values, expected " + expected);
    }
  }

  private void validate(String source) {
    for (int i = 0; i < count; i++) {
      for (int t = 0; t < length; t++) {
        double time = times[i * length + t];
        if (!Double.isFinite(time)) {
          throw new InvalidDataException(source + ": trajectory " + i + ", point " + t + " (index [" + i + ", " + t
              + "]): time is " + time + "; every time must be a finite number");
        }
        if (t > 0 && !(time > times[i * length + t - 1])) {
          throw new InvalidDataException(source + ": trajectory " + i + ", point " + t + ": time " + time
              + " does not increase (previous " + times[i * length + t - 1] + "); index [" + i + ", " + t
              + "] of the times; each trajectory's times must be strictly increasing");
        }
        for (int k = 0; k < dimension; k++) {
          int at = (i * length + t) * dimension + k;
          checkFinite(source, "state", states[at], i, t, k);
          if (derivatives != null) {
            checkFinite(source, "derivative", derivatives[at], i, t, k);
          }
        }
      }
      if (length > 1 && isConstant(states, i * length * dimension, length, dimension)) {
        throw new InvalidDataException(source + ": trajectory " + i + " (index [" + i + ", :, :]): all " + length
            + " states are identical, " + describe(stateNames, states, i * length * dimension)
            + "; a constant trajectory shows no motion to learn from (a stuck sensor?); remove it");
      }
    }
  }

  /** Whether the {@code length} states of {@code n} values from {@code from} are all identical. */
  static boolean isConstant(double[] states, int from, int length, int n) {
    for (int t = 1; t < length; t++) {
      for (int k = 0; k < n; k++) {
        if (Double.compare(states[from + t * n + k], states[from + k]) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  /** "(q, p) = (1.0, 2.0)" for the state at {@code from}, at most 8 coordinates shown. */
  static String describe(List<String> names, double[] states, int from) {
    int n = names.size();
    int shown = Math.min(n, 8);
    StringBuilder b = new StringBuilder("(").append(String.join(", ", names.subList(0, shown)));
    b.append(n > shown ? ", …) = (" : ") = (");
    for (int k = 0; k < shown; k++) {
      b.append(k == 0 ? "" : ", ").append(states[from + k]);
    }
    return b.append(n > shown ? ", …)" : ")").toString();
  }

  private void checkFinite(String source, String what, double value, int i, int t, int k) {
    if (!Double.isFinite(value)) {
      throw new InvalidDataException(source + ": trajectory " + i + ", point " + t + " (index [" + i + ", " + t
          + ", " + k + "]): " + what + " " + stateNames.get(k) + " is " + value
          + "; every value must be a finite number");
    }
  }

  /** Names of the state coordinates. */
  public List<String> stateNames() {
    return stateNames;
  }

  /** N, the number of trajectories. */
  public int count() {
    return count;
  }

  /** T, the points per trajectory. */
  public int length() {
    return length;
  }

  /** n, the state dimension. */
  public int dimension() {
    return dimension;
  }

  /** Whether derivatives are known. */
  public boolean hasDerivatives() {
    return derivatives != null;
  }

  /** Time of point t of trajectory i. */
  public double time(int i, int t) {
    return times[i * length + t];
  }

  /** The times of trajectory i (a copy). */
  public double[] times(int i) {
    return Arrays.copyOfRange(times, i * length, (i + 1) * length);
  }

  /** State component k of point t of trajectory i. */
  public double state(int i, int t, int k) {
    return states[(i * length + t) * dimension + k];
  }

  /** The state at point t of trajectory i (a copy). */
  public double[] state(int i, int t) {
    int from = (i * length + t) * dimension;
    return Arrays.copyOfRange(states, from, from + dimension);
  }

  /** The derivative at point t of trajectory i (a copy). */
  public double[] derivative(int i, int t) {
    requireDerivatives();
    int from = (i * length + t) * dimension;
    return Arrays.copyOfRange(derivatives, from, from + dimension);
  }

  /** All times, N × T flat (a copy). */
  public double[] timesFlat() {
    return times.clone();
  }

  /** Every point's state, trajectory by trajectory: row i·T + t is trajectory i's state at point t. */
  public double[][] pointStates() {
    double[][] xs = new double[count() * length()][];
    for (int i = 0; i < count(); i++) {
      for (int t = 0; t < length(); t++) {
        xs[i * length() + t] = state(i, t);
      }
    }
    return xs;
  }

  /** All states, N × T × n flat (a copy). */
  public double[] statesFlat() {
    return states.clone();
  }

  /** All derivatives, N × T × n flat (a copy). */
  public double[] derivativesFlat() {
    requireDerivatives();
    return derivatives.clone();
  }

  private void requireDerivatives() {
    if (derivatives == null) {
      throw new IllegalStateException("these trajectories carry no derivatives");
    }
  }

  /** The trajectories at the given indices, in that order. */
  public Trajectories select(int... indices) {
    int n = dimension;
    double[] t = new double[indices.length * length];
    double[] s = new double[indices.length * length * n];
    double[] d = derivatives == null ? null : new double[indices.length * length * n];
    for (int j = 0; j < indices.length; j++) {
      int i = indices[j];
      System.arraycopy(times, i * length, t, j * length, length);
      System.arraycopy(states, i * length * n, s, j * length * n, length * n);
      if (d != null) {
        System.arraycopy(derivatives, i * length * n, d, j * length * n, length * n);
      }
    }
    return new Trajectories(stateNames, indices.length, length, t, s, d);
  }

  /**
   * These trajectories with independent Gaussian noise of standard deviation {@code std} added to
   * every state and derivative component (states first, trajectory-major, then derivatives).
   */
  public Trajectories withNoise(double std, RandomGenerator rng) {
    if (!(std >= 0) || !Double.isFinite(std)) {
      throw new IllegalArgumentException("noise must be finite and non-negative, was " + std);
    }
    double[] s = states.clone();
    for (int j = 0; j < s.length; j++) {
      s[j] += std * rng.nextGaussian();
    }
    double[] d = null;
    if (derivatives != null) {
      d = derivatives.clone();
      for (int j = 0; j < d.length; j++) {
        d[j] += std * rng.nextGaussian();
      }
    }
    return new Trajectories(stateNames, count, length, times, s, d);
  }

  /**
   * These trajectories with every state series replaced by its fitted values along time under
   * {@code filter} ({@link SavitzkyGolay#smooth}); times and derivatives unchanged.
   *
   * @throws IllegalArgumentException when the trajectories are shorter than the filter's window
   */
  public Trajectories smoothed(SavitzkyGolay filter) {
    if (length < filter.window()) {
      throw new IllegalArgumentException("cannot smooth trajectories of " + length + " points with a window of "
          + filter.window() + " points");
    }
    double[] s = new double[states.length];
    double[] y = new double[length];
    double[] previousTimes = null;
    SavitzkyGolay.Weights weights = null;
    for (int i = 0; i < count; i++) {
      double[] t = times(i);
      if (weights == null || !Arrays.equals(t, previousTimes)) {
        weights = filter.valueWeights(t);  // once for trajectories that share their times
        previousTimes = t;
      }
      for (int k = 0; k < dimension; k++) {
        for (int j = 0; j < length; j++) {
          y[j] = state(i, j, k);
        }
        double[] fitted = weights.apply(y);
        for (int j = 0; j < length; j++) {
          s[(i * length + j) * dimension + k] = fitted[j];
        }
      }
    }
    return new Trajectories(stateNames, count, length, times, s, derivatives);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trajectories other
        && stateNames.equals(other.stateNames)
        && count == other.count
        && length == other.length
        && Arrays.equals(times, other.times)
        && Arrays.equals(states, other.states)
        && Arrays.equals(derivatives, other.derivatives);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(states) * 31 + Arrays.hashCode(times);
  }

  @Override
  public String toString() {
    String names = dimension <= 8 ? stateNames.toString()
        : "[" + String.join(", ", stateNames.subList(0, 3)) + ", … " + stateNames.get(dimension - 1)
            + "] (" + dimension + " coordinates)";
    return count + " trajectories × " + length + " points × " + names + (derivatives == null ? "" : " with derivatives");
  }
}
