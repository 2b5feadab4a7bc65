/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import org.concernet.data.Rollout;

/**
 * Coordinate error of a simulated rollout against the truth (paper Table 3): the mean over
 * trajectories × times × state components of (true − simulated)². A rollout that blew up (NaN or
 * infinite states) has MSE +∞: that is its result, not an error.
 */
public final class Mse {
  private Mse() {}

  /** Mean over all trajectories, times and components of (true − simulated)². */
  public static double of(Rollout truth, Rollout simulated) {
    Rollouts.checkComparable(truth, simulated);
    return over(truth, simulated, 0);
  }

  /** The same at the last time point only: mean over trajectories and components. */
  public static double atFinalTime(Rollout truth, Rollout simulated) {
    Rollouts.checkComparable(truth, simulated);
    return over(truth, simulated, truth.length() - 1);
  }

  /**
   * The MSE of each trajectory on its own: entry i is the mean over times and components of
   * trajectory i, so the mean of the entries is {@link #of}. It shows which initial states carry a
   * seed's error.
   */
  public static double[] perTrajectory(Rollout truth, Rollout simulated) {
    double[][] e = squaredErrors(truth, simulated);
    double[] out = new double[truth.count()];
    for (int i = 0; i < truth.count(); i++) {
      double sum = 0;
      for (int t = 0; t < truth.length(); t++) {
        sum += e[i][t];
      }
      out[i] = Rollouts.finiteOrInfinity(sum / ((long) truth.length() * truth.dimension()));
    }
    return out;
  }

  /** The MSE at each time: entry t is the mean over trajectories and components at time t. */
  public static double[] overTime(Rollout truth, Rollout simulated) {
    double[][] e = squaredErrors(truth, simulated);
    double[] out = new double[truth.length()];
    for (int t = 0; t < truth.length(); t++) {
      double sum = 0;
      for (int i = 0; i < truth.count(); i++) {
        sum += e[i][t];
      }
      out[t] = Rollouts.finiteOrInfinity(sum / ((long) truth.count() * truth.dimension()));
    }
    return out;
  }

  /** (true − simulated)² summed over the state components, [trajectory][time]. */
  private static double[][] squaredErrors(Rollout truth, Rollout simulated) {
    Rollouts.checkComparable(truth, simulated);
    double[][] out = new double[truth.count()][truth.length()];
    for (int i = 0; i < truth.count(); i++) {
      for (int t = 0; t < truth.length(); t++) {
        for (int k = 0; k < truth.dimension(); k++) {
          double d = truth.state(i, t, k) - simulated.state(i, t, k);
          out[i][t] += d * d;
        }
      }
    }
    return out;
  }

  private static double over(Rollout truth, Rollout simulated, int fromTime) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < truth.count(); i++) {
      for (int t = fromTime; t < truth.length(); t++) {
        for (int k = 0; k < truth.dimension(); k++) {
          double d = truth.state(i, t, k) - simulated.state(i, t, k);
          sum += d * d;
          count++;
        }
      }
    }
    return Rollouts.finiteOrInfinity(sum / count);
  }
}
