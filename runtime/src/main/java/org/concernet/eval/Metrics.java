/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.Map;
import org.concernet.data.Rollout;
import org.concernet.system.SystemSpec;

/**
 * The rollout metrics of one model and one seed (paper Table 3): MSE and per-invariant violation
 * over all times, and their values at the final time. Mean ± std over seeds is taken elsewhere.
 *
 * @param mse mean over trajectories × times × components of (true − simulated)²
 * @param finalMse the same at the last time only
 * @param violation per invariant name: mean over trajectories × times of (C(sim) − C(true))²
 * @param finalViolation the same at the last time only
 */
public record Metrics(double mse, double finalMse, Map<String, Double> violation, Map<String, Double> finalViolation) {
  public Metrics {
    violation = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(violation));
    finalViolation = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(finalViolation));
  }

  /** All metrics of {@code simulated} against {@code truth}, with {@code spec}'s known invariants. */
  public static Metrics of(SystemSpec spec, Rollout truth, Rollout simulated) {
    return new Metrics(Mse.of(truth, simulated), Mse.atFinalTime(truth, simulated),
        Violation.of(spec, truth, simulated), Violation.atFinalTime(spec, truth, simulated));
  }

  /**
   * The mean of the per-invariant violations: the paper's single figure for systems with several
   * invariants (Kepler averages E and L). NaN when the system declares no invariant.
   */
  public double meanViolation() {
    return violation.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** The mean of the final-time per-invariant violations. */
  public double meanFinalViolation() {
    return finalViolation.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }
}
