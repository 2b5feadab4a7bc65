/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import org.concernet.data.Trajectories;
import org.concernet.system.SystemSpec;

/**
 * Integrates a system's field from given initial states and samples the solution at given times.
 * Implementations: {@link ReferenceIntegrator} (Commons Math, double precision, the default) and
 * {@link GraphRk4Integrator} (batched fixed-step RK4 in TensorFlow).
 */
public interface TrajectoryIntegrator {
  /**
   * Trajectories starting at {@code initialStates[i]} at {@code times[0]}, sampled at every one of
   * {@code times}, with derivatives f(x) at the sampled (clean) states.
   *
   * @param initialStates N initial states of {@code system.dimension()} components each
   * @param times T ≥ 1 strictly increasing times shared by all trajectories
   * @throws IllegalArgumentException on mismatched dimensions or non-increasing times
   * @throws IllegalStateException when the integration fails or diverges
   */
  Trajectories integrate(SystemSpec system, double[][] initialStates, double[] times);

  /**
   * As {@link #integrate(SystemSpec, double[][], double[])}, telling {@code progress} how many
   * trajectories are done (at least once, at the end; the reference integrator after each one).
   */
  default Trajectories integrate(SystemSpec system, double[][] initialStates, double[] times, Progress progress) {
    Trajectories result = integrate(system, initialStates, times);
    progress.update(initialStates.length, initialStates.length);
    return result;
  }

  /** Receives generation progress. */
  @FunctionalInterface
  interface Progress {
    /** Ignores progress. */
    Progress NONE = (done, total) -> {};

    /**
     * @param done trajectories integrated so far
     * @param total trajectories requested
     */
    void update(int done, int total);
  }

  /** Checks the common arguments of {@link #integrate}. */
  static void checkArguments(SystemSpec system, double[][] initialStates, double[] times) {
    checkArguments(system.name(), system.stateNames(), initialStates, times);
  }

  /** Checks initial states and output times of a field named {@code name} with the given state names. */
  static void checkArguments(String name, java.util.List<String> stateNames, double[][] initialStates,
      double[] times) {
    if (initialStates.length == 0) {
      throw new IllegalArgumentException("no initial states");
    }
    if (times.length == 0) {
      throw new IllegalArgumentException("no output times");
    }
    for (int t = 0; t < times.length; t++) {
      if (!Double.isFinite(times[t]) || (t > 0 && !(times[t] > times[t - 1]))) {
        throw new IllegalArgumentException("output times must be finite and strictly increasing; time "
            + t + " is " + times[t] + (t > 0 ? " after " + times[t - 1] : ""));
      }
    }
    int n = stateNames.size();
    for (int i = 0; i < initialStates.length; i++) {
      if (initialStates[i].length != n) {
        throw new IllegalArgumentException(name + ": initial state " + i + " has "
            + initialStates[i].length + " components, expected " + n);
      }
      for (int k = 0; k < n; k++) {
        if (!Double.isFinite(initialStates[i][k])) {
          throw new IllegalArgumentException(name + ": initial state " + i + ": "
              + stateNames.get(k) + " is " + initialStates[i][k]);
        }
      }
    }
  }
}
