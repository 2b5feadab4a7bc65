/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.concernet.io.AtomicFiles;

/**
 * The figures of an experiment as PNG files, like the paper's Figures 3-5: the learned invariant's
 * contour map beside the true one, a typical trajectory, and violation or error over time, the
 * baseline against ConCerNet. This class is the one entry point; behind it, each kind of figure
 * is drawn by its own package-private class ({@code ContourFigure}, {@code TrajectoryFigures},
 * {@code OverTimeFigure}) in the shared look of {@code ChartStyle} and {@code LinePlots}, after
 * {@code FigureInputs} has checked its inputs.
 *
 * <p>Inputs are plain arrays and functions, so the pipeline calls these without knowing the
 * plotting library. Rendering is headless, and the same data gives byte-identical files (on the
 * same machine and fonts): no timestamps, no randomness, series in a fixed order. Files are written
 * atomically ({@link AtomicFiles}). Colours are the same in every figure: the truth black, the
 * baseline orange, ConCerNet blue (Okabe-Ito colours, distinguishable with colour blindness).
 *
 * <p>Values that are not finite (a blown-up rollout) are left out of the lines; where a rollout
 * leaves the truth's range far behind, the axis keeps to the truth's neighbourhood and the figure
 * says so in a subtitle.
 */
public final class Figures {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Size of the single-panel figures, in pixels. */
  public static final int WIDTH = ChartStyle.WIDTH;
  public static final int HEIGHT = ChartStyle.HEIGHT;
  /** Size of the side-by-side contour comparison, in pixels. */
  public static final int CONTOUR_WIDTH = ContourFigure.WIDTH;
  public static final int CONTOUR_HEIGHT = ContourFigure.HEIGHT;

  private Figures() {}

  /**
   * Figure 3: two contour maps side by side, the learned invariant H and the true invariant, each
   * over a grid of two state coordinates and each normalised to [0, 1] (the learned H is only
   * defined up to a monotone map). Level lines are drawn at the deciles of each map's values on the
   * grid, so they coincide exactly when H is a monotone function of the invariant, whatever that
   * function; the true invariant's lines are drawn again, in white, over the learned H. When the
   * learned H decreases where the truth increases, it is shown as 1 − H, and the panel's title says
   * so.
   *
   * @param xRange {min, max} of the first coordinate
   * @param yRange {min, max} of the second coordinate
   * @param learned the learned invariant at (x, y)
   * @param truth the true invariant at (x, y)
   * @param invariantName the true invariant's name, e.g. "energy"
   */
  public static void contourComparison(Path png, String title, String xName, String yName,
      double[] xRange, double[] yRange, DoubleBinaryOperator learned, DoubleBinaryOperator truth,
      String invariantName) {
    AtomicFiles.write(png, ContourFigure.png(title, xName, yName, xRange, yRange, learned, truth,
        invariantName));
  }

  /**
   * The same figure from values already computed on a grid (e.g. by a batched network call):
   * {@code learned[i][j]} and {@code truth[i][j]} at {@code (xs[i], ys[j])}; the grid is evenly
   * spaced and increasing in each coordinate, with at least two points each.
   */
  public static void contourComparison(Path png, String title, String xName, String yName, double[] xs,
      double[] ys, double[][] learned, double[][] truth, String invariantName) {
    AtomicFiles.write(png, ContourFigure.png(title, xName, yName, xs, ys, learned, truth, invariantName));
  }

  /**
   * Figure 4, first row: a typical trajectory, one panel per state coordinate over time (at most
   * six, the first ones; the subtitle says when there are more):
   * the truth, the baseline and ConCerNet. States are indexed {@code [time][coordinate]}; a model
   * may be {@code null} to leave it out.
   */
  public static void trajectory(Path png, String title, double[] times, String[] stateNames,
      double[][] truth, double[][] baseline, double[][] concernet) {
    AtomicFiles.write(png, TrajectoryFigures.trajectoryPng(title, times, stateNames, truth, baseline, concernet));
  }

  /**
   * The phase portrait of a trajectory in two of its coordinates (states {@code [time][2+]}, the
   * first two are drawn): the truth, the baseline and ConCerNet; a model may be {@code null}.
   */
  public static void phasePortrait(Path png, String title, String xName, String yName,
      double[][] truth, double[][] baseline, double[][] concernet) {
    AtomicFiles.write(png, TrajectoryFigures.phasePortraitPng(title, xName, yName, truth, baseline, concernet));
  }

  /**
   * Figure 4, rows 2-3, and Figure 5: quantities over time, one line each, e.g. the violation of
   * an invariant or the MSE against the truth, baseline against ConCerNet; for the heat equation
   * the error and Σu. Series are drawn in a fixed order whatever the map: truth, baseline,
   * ConCerNet, others (each group sorted by name). Keys containing "baseline" or "concernet" (any
   * case) take that model's colour; several of one model get different dashes.
   *
   * @param logScale a logarithmic y axis; values ≤ 0 are then left out, and a series without a
   *     positive value falls back to a linear axis
   */
  public static void overTime(Path png, String title, String yLabel, double[] times,
      Map<String, double[]> series, boolean logScale) {
    AtomicFiles.write(png, OverTimeFigure.overTimePng(title, yLabel, times, series, logScale));
  }

  /**
   * Like {@link #overTime}, over several seeds: for each series, the median over seeds as a line
   * and the seeds' range (min to max) as a shaded band of the same colour. Each series holds one
   * run per seed, {@code [seed][time]}; values that are not finite (or, on a log axis, not
   * positive) are left out of the median and the band.
   */
  public static void overTimeAcrossSeeds(Path png, String title, String yLabel, double[] times,
      Map<String, double[][]> series, boolean logScale) {
    AtomicFiles.write(png, OverTimeFigure.acrossSeedsPng(title, yLabel, times, series, logScale));
  }

  /**
   * Like {@link #overTimeAcrossSeeds}, against other x values than time ({@code xs}, labelled
   * {@code xLabel}), e.g. the invariant count's evidence against the number of outputs.
   */
  public static void acrossSeeds(Path png, String title, String xLabel, String yLabel, double[] xs,
      Map<String, double[][]> series, boolean logScale) {
    AtomicFiles.write(png, OverTimeFigure.acrossSeedsPng(title, xLabel, yLabel, xs, series, logScale));
  }
}
