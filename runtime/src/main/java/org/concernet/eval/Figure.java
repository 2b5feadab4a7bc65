/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.List;

/**
 * A reported figure: mean ± std over seeds, with the per-seed values ({@code {"mean", "std",
 * "perSeed"}} in results.json).
 *
 * <p>{@code std} is the <em>population</em> standard deviation, √(Σ(v − mean)² / k) over the k
 * seeds (numpy's default, ddof = 0, as the paper's scripts report), so one seed has std 0.
 */
public record Figure(double mean, double std, List<Double> perSeed) {
  public Figure {
    perSeed = List.copyOf(perSeed);
  }

  /**
   * @throws IllegalArgumentException if there are no values
   */
  public static Figure of(List<Double> perSeed) {
    if (perSeed.isEmpty()) {
      throw new IllegalArgumentException("a figure needs at least one per-seed value, found none");
    }
    double sum = 0;
    for (double v : perSeed) {
      sum += v;
    }
    double mean = sum / perSeed.size();
    double squares = 0;
    for (double v : perSeed) {
      squares += (v - mean) * (v - mean);
    }
    return new Figure(mean, Math.sqrt(squares / perSeed.size()), perSeed);
  }

  public static Figure of(double... perSeed) {
    return of(java.util.Arrays.stream(perSeed).boxed().toList());
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.6g ± %.2g (%d seeds)", mean, std, perSeed.size());
  }
}
