/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation trajectory of a seed: where it started and each model's MSE over it. A seed's MSE
 * is the mean of these over its trajectories, so one trajectory that drifts out of phase (a tight
 * Kepler orbit, say) can carry most of it; this is how a report shows which.
 *
 * @param initialState the initial state x0, in the system's original coordinates
 * @param mse by model ("baseline", "concernet"): the mean over times and components of
 *     (true − simulated)² on this trajectory alone; +∞ for a rollout that blew up
 */
public record EvaluationTrajectory(List<Double> initialState, Map<String, Double> mse) {
  /** States of more components than this are shown by their norm. */
  private static final int SHOWN_COMPONENTS = 6;

  public EvaluationTrajectory {
    initialState = List.copyOf(initialState);
    mse = Collections.unmodifiableMap(new LinkedHashMap<>(mse));
  }

  /** x0 for a reader: its components to 3 significant digits, or its norm for a long state. */
  public String describeInitialState() {
    if (initialState.size() > SHOWN_COMPONENTS) {
      double norm = Math.sqrt(initialState.stream().mapToDouble(v -> v * v).sum());
      return String.format(Locale.ROOT, "‖x0‖ = %.3g (%d components)", norm, initialState.size());
    }
    StringBuilder s = new StringBuilder("(");
    for (double v : initialState) {
      s.append(s.length() == 1 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", v));
    }
    return s.append(')').toString();
  }
}
