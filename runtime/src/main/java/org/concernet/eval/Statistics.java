/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.List;

/**
 * A figure over seeds: mean, standard deviation and the per-seed values. The standard deviation
 * is the population one (divide by n, numpy's default), as the paper's tables.
 */
public record Statistics(double mean, double std, List<Double> perSeed) {
  public Statistics {
    perSeed = List.copyOf(perSeed);
  }

  public static Statistics of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values to summarise");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / values.size();
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new Statistics(mean, Math.sqrt(squares / values.size()), values);
  }

  /**
   * "mean ± std" with the given number format, e.g. "%.4f" or "%.2e"; the value alone for one seed
   * (whose std of 0 says nothing).
   */
  public String format(String number) {
    return perSeed.size() == 1 ? String.format(java.util.Locale.ROOT, number, mean)
        : String.format(java.util.Locale.ROOT, number + " ± " + number, mean, std);
  }
}
