/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Contour tracing on maps whose level lines are known: straight lines, and circles under a monotone map. */
class LevelLinesTest {
  @Test
  void contourSegmentsOfALinearFunctionLieOnTheLevelLine() {
    double[] xs = {0, 1, 2, 3};
    double[] ys = {0, 1, 2, 3};
    double[][] v = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        v[i][j] = (xs[i] + ys[j]) / 6;
      }
    }
    double[][] segments = LevelLines.contourSegments(xs, ys, v, 0.25);
    assertTrue(segments[0].length > 0);
    for (int k = 0; k < segments[0].length; k++) {
      if (!Double.isNaN(segments[0][k])) {
        assertEquals(1.5, segments[0][k] + segments[1][k], 1e-12);
      }
    }
  }

  @Test
  void levelLinesCoincideWhenHIsAMonotoneFunctionOfTheInvariant() {
    int n = 41;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = -2 + 4.0 * i / (n - 1);
      ys[i] = xs[i];
    }
    double[][] truth = new double[n][n];
    double[][] learned = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        truth[i][j] = xs[i] * xs[i] + ys[j] * ys[j];
        learned[i][j] = Math.exp(truth[i][j]); // monotone, far from linear
      }
    }
    double[][] a = LevelLines.levelLines(xs, ys, ContourFigure.normalise(truth));
    double[][] b = LevelLines.levelLines(xs, ys, ContourFigure.normalise(learned));
    assertEquals(a[0].length, b[0].length, "same segments, cell by cell");
    double cell = xs[1] - xs[0];
    for (int k = 0; k < a[0].length; k++) {
      assertEquals(Double.isNaN(a[0][k]), Double.isNaN(b[0][k]));
      if (!Double.isNaN(a[0][k])) {
        assertTrue(Math.hypot(a[0][k] - b[0][k], a[1][k] - b[1][k]) <= cell, "within one grid cell");
      }
    }
  }
}
