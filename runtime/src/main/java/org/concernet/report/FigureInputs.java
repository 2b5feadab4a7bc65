/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks on a figure's inputs, made before anything is drawn. A mismatched shape would
 * otherwise surface as an index error deep in the plotting library, or worse as a figure that
 * quietly shows the wrong thing; these fail with the argument's name, what was found and what was
 * expected.
 */
final class FigureInputs {
  private FigureInputs() {}

  /**
   * States indexed {@code [time][coordinate]}: one per time, each with at least {@code dims}
   * coordinates. Only the truth is required; a model's states may be {@code null}.
   */
  static void requireStates(String name, double[][] states, int steps, int dims) {
    if (states == null) {
      if (name.equals("truth")) {
        throw new IllegalArgumentException("the truth is required, found null");
      }
      return;
    }
    if (states.length != steps) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s has %d states, expected %d (one per time)", name, states.length, steps));
    }
    for (int t = 0; t < states.length; t++) {
      if (states[t].length < dims) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s state %d has %d coordinates, expected %d", name, t, states[t].length, dims));
      }
    }
  }

  /** At least one series, each named in {@code names} with one value per time. */
  static void requireSeries(Map<String, double[]> series, List<String> names, int times) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("overTime needs at least one series, found none");
    }
    for (String name : names) {
      double[] values = series.get(name);
      if (values == null || values.length != times) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "series \"%s\" has %s values, expected %d (one per time)", name,
            values == null ? "no" : Integer.toString(values.length), times));
      }
    }
  }

  /** At least one series, each with at least one run (one per seed), each with one value per time. */
  static void requireRuns(Map<String, double[][]> series, int times) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("overTimeAcrossSeeds needs at least one series, found none");
    }
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      double[][] runs = e.getValue();
      if (runs == null || runs.length == 0) {
        throw new IllegalArgumentException("series \"" + e.getKey() + "\" has no runs, expected one per seed");
      }
      for (int r = 0; r < runs.length; r++) {
        if (runs[r].length != times) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "series \"%s\" run %d has %d values, expected %d (one per time)", e.getKey(), r,
              runs[r].length, times));
        }
      }
    }
  }

  /** Grid coordinates: at least two, finite and increasing. */
  static void requireGrid(String name, double[] grid) {
    boolean increasing = grid.length >= 2;
    for (int i = 1; increasing && i < grid.length; i++) {
      increasing = grid[i] > grid[i - 1] && Double.isFinite(grid[i]) && Double.isFinite(grid[i - 1]);
    }
    if (!increasing) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s must be at least two finite, increasing coordinates; found %d of them: %s", name, grid.length,
          grid.length <= 6 ? Arrays.toString(grid) : "[" + grid[0] + ", " + grid[1] + ", …]"));
    }
  }

  /** Values on a grid, {@code [x][y]}: {@code nx} rows of {@code ny} values. */
  static void requireGridValues(String name, double[][] values, int nx, int ny) {
    if (values.length != nx) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s has %d rows, expected %d (one per x)", name, values.length, nx));
    }
    for (int i = 0; i < nx; i++) {
      if (values[i].length != ny) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s row %d has %d values, expected %d (one per y)", name, i, values[i].length, ny));
      }
    }
  }

  /** A range {@code {min, max}}, both finite, min below max. */
  static void requireRange(String name, double[] range) {
    if (range.length != 2 || !(range[0] < range[1]) || !Double.isFinite(range[0]) || !Double.isFinite(range[1])) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s must be {min, max} with min < max, both finite; found %s", name, Arrays.toString(range)));
    }
  }
}
