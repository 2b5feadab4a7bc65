/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.Arrays;
import org.concernet.data.Rollout;

/** Checks shared by the rollout metrics. */
final class Rollouts {
  private Rollouts() {}

  static void checkComparable(Rollout truth, Rollout simulated) {
    if (truth.count() != simulated.count() || truth.length() != simulated.length()
        || truth.dimension() != simulated.dimension()) {
      throw new IllegalArgumentException("the truth has " + truth.count() + " trajectories × " + truth.length()
          + " times × " + truth.dimension() + " components, the simulation " + simulated.count() + " × "
          + simulated.length() + " × " + simulated.dimension());
    }
    if (!Arrays.equals(truth.times(), simulated.times())) {
      throw new IllegalArgumentException("the truth and the simulation are sampled at different times");
    }
  }

  /** NaN (from ∞ − ∞ in a blown-up rollout) becomes +∞: the error is unbounded, not undefined. */
  static double finiteOrInfinity(double value) {
    return Double.isNaN(value) ? Double.POSITIVE_INFINITY : value;
  }
}
