/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Contour tracing for the invariant figure: the level lines of a map sampled on a grid, by
 * marching squares. The plotting library draws filled maps but no contour lines; tracing them here
 * also lets the lines be placed at the map's own quantiles, which is what makes the learned H and
 * the true invariant comparable (their lines coincide when one is a monotone function of the other).
 * Maps are indexed {@code [x][y]}, at {@code (xs[i], ys[j])}.
 */
final class LevelLines {
  /** Level lines per map, at the quantiles 1/n, …, (n-1)/n of its values: the deciles. */
  static final int LEVELS = 10;

  private LevelLines() {}

  /** The level lines of a map at the deciles of its finite values, as segments (see below). */
  static double[][] levelLines(double[] xs, double[] ys, double[][] values) {
    double[] levels = quantileLevels(values, LEVELS);
    List<double[][]> parts = new ArrayList<>();
    int size = 0;
    for (double level : levels) {
      double[][] part = contourSegments(xs, ys, values, level);
      parts.add(part);
      size += part[0].length;
    }
    double[][] all = new double[2][size];
    int at = 0;
    for (double[][] part : parts) {
      System.arraycopy(part[0], 0, all[0], at, part[0].length);
      System.arraycopy(part[1], 0, all[1], at, part[1].length);
      at += part[0].length;
    }
    return all;
  }

  /** The quantiles 1/n, …, (n-1)/n of the finite values (without repeats). */
  private static double[] quantileLevels(double[][] values, int n) {
    double[] sorted = Arrays.stream(values).flatMapToDouble(Arrays::stream).filter(Double::isFinite)
        .sorted().toArray();
    if (sorted.length == 0) {
      return new double[0];
    }
    return IntStream.range(1, n)
        .mapToDouble(k -> sorted[(int) Math.min(sorted.length - 1, Math.round((double) k * (sorted.length - 1) / n))])
        .distinct().toArray();
  }

  /**
   * Marching squares: the level line {@code values == level} as segments, each two points followed
   * by a NaN point so that a line renderer draws them apart. Cells with a value that is not finite
   * are skipped; a saddle cell is resolved by the value at its centre.
   */
  static double[][] contourSegments(double[] xs, double[] ys, double[][] values, double level) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i + 1 < xs.length; i++) {
      for (int j = 0; j + 1 < ys.length; j++) {
        double a = values[i][j];
        double b = values[i + 1][j];
        double c = values[i + 1][j + 1];
        double d = values[i][j + 1];
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d))) {
          continue;
        }
        // edges: 0 bottom (a-b), 1 right (b-c), 2 top (d-c), 3 left (a-d)
        double[][] crossing = new double[4][];
        crossing[0] = cross(xs[i], ys[j], a, xs[i + 1], ys[j], b, level);
        crossing[1] = cross(xs[i + 1], ys[j], b, xs[i + 1], ys[j + 1], c, level);
        crossing[2] = cross(xs[i], ys[j + 1], d, xs[i + 1], ys[j + 1], c, level);
        crossing[3] = cross(xs[i], ys[j], a, xs[i], ys[j + 1], d, level);
        List<double[]> found = new ArrayList<>(4);
        for (double[] p : crossing) {
          if (p != null) {
            found.add(p);
          }
        }
        if (found.size() == 2) {
          segment(points, found.get(0), found.get(1));
        } else if (found.size() == 4) {
          boolean centreAbove = (a + b + c + d) / 4 >= level;
          if (centreAbove == (a >= level)) {
            segment(points, crossing[0], crossing[1]);
            segment(points, crossing[2], crossing[3]);
          } else {
            segment(points, crossing[0], crossing[3]);
            segment(points, crossing[1], crossing[2]);
          }
        }
      }
    }
    double[][] series = new double[2][points.size()];
    for (int k = 0; k < points.size(); k++) {
      series[0][k] = points.get(k)[0];
      series[1][k] = points.get(k)[1];
    }
    return series;
  }

  /** Where the level crosses the edge from (x0, y0) to (x1, y1), linearly; null when it does not. */
  private static double[] cross(double x0, double y0, double v0, double x1, double y1, double v1, double level) {
    if ((v0 >= level) == (v1 >= level)) {
      return null;
    }
    double t = (level - v0) / (v1 - v0);
    return new double[] {x0 + t * (x1 - x0), y0 + t * (y1 - y0)};
  }

  private static void segment(List<double[]> points, double[] p, double[] q) {
    points.add(p);
    points.add(q);
    points.add(new double[] {Double.NaN, Double.NaN});
  }
}
