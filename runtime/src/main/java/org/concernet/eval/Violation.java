/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.concernet.data.Rollout;
import org.concernet.system.SystemSpec;

/**
 * Conservation violation of a simulated rollout (paper Table 3): for each known invariant C, the
 * mean over trajectories × times of (C(simulated) − C(true))², C evaluated on the states at the
 * same time. A rollout that blew up has violation +∞.
 */
public final class Violation {
  private Violation() {}

  /** One violation per invariant of {@code spec}, by name, in declaration order. */
  public static Map<String, Double> of(SystemSpec spec, Rollout truth, Rollout simulated) {
    return named(spec.invariantNames(), of(spec::invariants, truth, simulated));
  }

  /** The final-time variant of {@link #of(SystemSpec, Rollout, Rollout)}. */
  public static Map<String, Double> atFinalTime(SystemSpec spec, Rollout truth, Rollout simulated) {
    return named(spec.invariantNames(), atFinalTime(spec::invariants, truth, simulated));
  }

  /** One violation per component of {@code invariants} (a state ↦ the values of the known invariants). */
  public static double[] of(Function<double[], double[]> invariants, Rollout truth, Rollout simulated) {
    Rollouts.checkComparable(truth, simulated);
    return over(invariants, truth, simulated, 0);
  }

  /** The same at the last time point only: mean over trajectories. */
  public static double[] atFinalTime(Function<double[], double[]> invariants, Rollout truth, Rollout simulated) {
    Rollouts.checkComparable(truth, simulated);
    return over(invariants, truth, simulated, truth.length() - 1);
  }

  private static double[] over(Function<double[], double[]> invariants, Rollout truth, Rollout simulated, int fromTime) {
    double[] sum = null;
    long count = 0;
    for (int i = 0; i < truth.count(); i++) {
      for (int t = fromTime; t < truth.length(); t++) {
        double[] c = invariants.apply(truth.state(i, t));
        double[] s = invariants.apply(simulated.state(i, t));
        if (sum == null) {
          sum = new double[c.length];
        }
        for (int j = 0; j < c.length; j++) {
          double d = s[j] - c[j];
          sum[j] += d * d;
        }
        count++;
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] = Rollouts.finiteOrInfinity(sum[j] / count);
    }
    return sum;
  }

  private static Map<String, Double> named(List<String> names, double[] values) {
    if (names.size() != values.length) {
      throw new IllegalStateException(names.size() + " invariant names but " + values.length + " invariant values");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int j = 0; j < values.length; j++) {
      out.put(names.get(j), values[j]);
    }
    return Collections.unmodifiableMap(out);
  }
}
