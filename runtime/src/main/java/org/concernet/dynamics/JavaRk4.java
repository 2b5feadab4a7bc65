/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.function.UnaryOperator;
import org.concernet.data.Rollout;

/**
 * Fixed-step classical RK4 in double precision, in Java, for the evaluation models that run
 * outside the graph (the level-set model, the formula model): {@code substeps} steps per interval
 * of the time grid, each followed by an optional correction of the state (the level-set model's
 * Newton projection; the identity otherwise). A state that turns non-finite stays so.
 */
public final class JavaRk4 {
  private JavaRk4() {}

  /**
   * Rolls {@code field} out from each of {@code initial} over {@code times}.
   *
   * @param afterStep applied to the state after every RK4 step, with the trajectory's index
   */
  public static Rollout rollout(UnaryOperator<double[]> field, double[][] initial, double[] times, int substeps,
      AfterStep afterStep) {
    if (substeps < 1) {
      throw new IllegalArgumentException("substeps must be at least 1, was " + substeps);
    }
    double[][][] states = new double[initial.length][times.length][];
    for (int i = 0; i < initial.length; i++) {
      double[] x = initial[i].clone();
      states[i][0] = x.clone();
      for (int t = 1; t < times.length; t++) {
        double dt = (times[t] - times[t - 1]) / substeps;
        for (int s = 0; s < substeps; s++) {
          x = afterStep.apply(i, step(field, x, dt));
        }
        states[i][t] = x.clone();
      }
    }
    return new Rollout(times, states, substeps);
  }

  /** {@link #rollout(UnaryOperator, double[][], double[], int, AfterStep)} with no correction. */
  public static Rollout rollout(UnaryOperator<double[]> field, double[][] initial, double[] times, int substeps) {
    return rollout(field, initial, times, substeps, (i, x) -> x);
  }

  /** A correction of the state of trajectory {@code i} after each step. */
  @FunctionalInterface
  public interface AfterStep {
    double[] apply(int trajectory, double[] x);
  }

  /** One RK4 step of length {@code dt} from x. */
  static double[] step(UnaryOperator<double[]> field, double[] x, double dt) {
    int n = x.length;
    double[] k1 = field.apply(x);
    double[] k2 = field.apply(axpy(x, dt / 2, k1));
    double[] k3 = field.apply(axpy(x, dt / 2, k2));
    double[] k4 = field.apply(axpy(x, dt, k3));
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      out[k] = x[k] + dt / 6 * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
    }
    return out;
  }

  private static double[] axpy(double[] x, double a, double[] y) {
    double[] out = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      out[k] = x[k] + a * y[k];
    }
    return out;
  }
}
