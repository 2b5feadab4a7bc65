/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Simulated trajectories sampled at common times: {@code state(i, t)} is trajectory i at
 * {@code times()[t]}. Immutable. A rollout may have blown up — a learned field can send a state to
 * infinity — which is a legitimate result, not an error: such states are kept as they are
 * (NaN or ±∞) and {@link #firstNonFinite(int)} says where each trajectory first left the reals.
 * {@link Trajectories} is the other trajectory type, for data (why two: see the package comment).
 */
public final class Rollout {
  private final double[] times;
  private final double[][][] states;
  private final int substeps;
  private final int[] firstNonFinite;

  /**
   * @param times the sample times, shared by all trajectories
   * @param states [trajectory][time][n] (copied)
   * @param substeps integrator steps per output interval (0 for an adaptive reference integrator)
   */
  public Rollout(double[] times, double[][][] states, int substeps) {
    if (states.length == 0) {
      throw new IllegalArgumentException("a rollout needs at least one trajectory");
    }
    int n = states[0].length == 0 ? 0 : states[0][0].length;
    this.times = times.clone();
    this.states = new double[states.length][][];
    this.firstNonFinite = new int[states.length];
    for (int i = 0; i < states.length; i++) {
      if (states[i].length != times.length) {
        throw new IllegalArgumentException("trajectory " + i + " has " + states[i].length + " states for " + times.length + " times");
      }
      this.states[i] = new double[times.length][];
      firstNonFinite[i] = -1;
      for (int t = 0; t < times.length; t++) {
        if (states[i][t].length != n) {
          throw new IllegalArgumentException("trajectory " + i + ", time " + t + ": state has " + states[i][t].length
              + " components, expected " + n);
        }
        this.states[i][t] = states[i][t].clone();
        if (firstNonFinite[i] < 0) {
          for (double v : states[i][t]) {
            if (!Double.isFinite(v)) {
              firstNonFinite[i] = t;
              break;
            }
          }
        }
      }
    }
    this.substeps = substeps;
  }

  /** Number of trajectories. */
  public int count() {
    return states.length;
  }

  /** Number of sample times. */
  public int length() {
    return times.length;
  }

  /** State dimension n. */
  public int dimension() {
    return states[0][0].length;
  }

  /** The sample times (a copy). */
  public double[] times() {
    return times.clone();
  }

  /** Trajectory i at time index t (a copy). */
  public double[] state(int i, int t) {
    return states[i][t].clone();
  }

  /** Component k of trajectory i at time index t. */
  public double state(int i, int t, int k) {
    return states[i][t][k];
  }

  /** All states [trajectory][time][n] (a deep copy). */
  public double[][][] states() {
    double[][][] copy = new double[states.length][times.length][];
    for (int i = 0; i < states.length; i++) {
      for (int t = 0; t < times.length; t++) {
        copy[i][t] = states[i][t].clone();
      }
    }
    return copy;
  }

  /** Integrator steps per output interval; 0 for an adaptive reference integration. */
  public int substeps() {
    return substeps;
  }

  /** Whether every state of every trajectory is finite. */
  public boolean isFinite() {
    return nonFiniteTrajectories().isEmpty();
  }

  /** Time index at which trajectory i first holds a NaN or infinity, or −1 if it never does. */
  public int firstNonFinite(int i) {
    return firstNonFinite[i];
  }

  /** Indices of the trajectories that blew up, in increasing order. */
  public List<Integer> nonFiniteTrajectories() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < firstNonFinite.length; i++) {
      if (firstNonFinite[i] >= 0) {
        out.add(i);
      }
    }
    return out;
  }

  /** A human-readable account of the blow-ups ("trajectory 3 at t = 12.5; …"), empty if none. */
  public String nonFiniteReport() {
    StringBuilder b = new StringBuilder();
    for (int i : nonFiniteTrajectories()) {
      if (b.length() > 0) {
        b.append("; ");
      }
      b.append("trajectory ").append(i).append(" at t = ").append(times[firstNonFinite[i]])
          .append(" (time index ").append(firstNonFinite[i]).append(')');
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rollout other && substeps == other.substeps && Arrays.equals(times, other.times)
        && Arrays.deepEquals(states, other.states);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(states) * 31 + Arrays.hashCode(times);
  }

  @Override
  public String toString() {
    return "Rollout[" + count() + " trajectories × " + length() + " times × " + dimension()
        + (substeps > 0 ? ", " + substeps + " RK4 substeps per interval" : ", reference")
        + (isFinite() ? "" : ", blew up: " + nonFiniteReport()) + "]";
  }
}
