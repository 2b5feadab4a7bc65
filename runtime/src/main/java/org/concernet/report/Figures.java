/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import org.concernet.io.AtomicFiles;
import org.concernet.results.SeedResult;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The figures of an experiment as PNG files, like the paper's Figures 3-5: the learned invariant's
 * contour map beside the true one, a typical trajectory, and violation or error over time, the
 * baseline against ConCerNet.
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
  public static final int WIDTH = 900;
  public static final int HEIGHT = 600;
  /** Size of the side-by-side contour comparison, in pixels. */
  public static final int CONTOUR_WIDTH = 1200;
  public static final int CONTOUR_HEIGHT = 600;

  public static final Color TRUTH_COLOR = Color.BLACK;
  public static final Color BASELINE_COLOR = new Color(0xD5, 0x5E, 0x00);
  public static final Color CONCERNET_COLOR = new Color(0x00, 0x72, 0xB2);
  private static final Color[] OTHER_COLORS = {
      new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9),
      new Color(0xE6, 0x9F, 0x00), new Color(0x7F, 0x7F, 0x7F)};
  private static final float[][] DASHES = {null, {10f, 6f}, {3f, 4f}, {12f, 4f, 3f, 4f}};

  /** Grid points per axis of a contour map, and its level lines (at the quantiles 1/n, …, (n-1)/n). */
  static final int CONTOUR_GRID = 101;
  static final int CONTOUR_LEVELS = 10;
  /** A trajectory figure shows at most this many coordinates, one panel each. */
  static final int MAX_TRAJECTORY_PANELS = 6;

  private static final String FONT = Font.SANS_SERIF;
  private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 20);
  private static final Font PANEL_TITLE_FONT = new Font(FONT, Font.BOLD, 16);
  private static final Font SUBTITLE_FONT = new Font(FONT, Font.ITALIC, 13);
  private static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 16);
  private static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 13);
  private static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 14);
  private static final Color GRID_COLOR = new Color(0xDD, 0xDD, 0xDD);

  private Figures() {}

  // ---------------------------------------------------------------------------------------------
  // Figure 3: learned invariant beside the true one

  /**
   * Two contour maps side by side: the learned invariant H and the true invariant, each over a
   * grid of two state coordinates and each normalised to [0, 1] (the learned H is only defined up
   * to a monotone map). Level lines are drawn at the deciles of each map's values on the grid, so
   * they coincide exactly when H is a monotone function of the invariant, whatever that function;
   * the true invariant's lines are drawn again, in white, over the learned H. When the learned
   * H decreases where the truth increases, it is shown as 1 − H, and the panel's title says so.
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
    AtomicFiles.write(png, contourComparisonPng(title, xName, yName, xRange, yRange, learned, truth,
        invariantName));
  }

  static byte[] contourComparisonPng(String title, String xName, String yName, double[] xRange,
      double[] yRange, DoubleBinaryOperator learned, DoubleBinaryOperator truth, String invariantName) {
    requireRange("xRange", xRange);
    requireRange("yRange", yRange);
    double[] xs = grid(xRange, CONTOUR_GRID);
    double[] ys = grid(yRange, CONTOUR_GRID);
    return contourComparisonPng(title, xName, yName, xs, ys, evaluate(learned, xs, ys), evaluate(truth, xs, ys),
        invariantName);
  }

  /**
   * The same figure from values already computed on a grid (e.g. by a batched network call):
   * {@code learned[i][j]} and {@code truth[i][j]} at {@code (xs[i], ys[j])}; the grid is evenly
   * spaced and increasing in each coordinate, with at least two points each.
   */
  public static void contourComparison(Path png, String title, String xName, String yName, double[] xs,
      double[] ys, double[][] learned, double[][] truth, String invariantName) {
    AtomicFiles.write(png, contourComparisonPng(title, xName, yName, xs, ys, learned, truth, invariantName));
  }

  static byte[] contourComparisonPng(String title, String xName, String yName, double[] xs, double[] ys,
      double[][] learned, double[][] truth, String invariantName) {
    requireGrid("xs", xs);
    requireGrid("ys", ys);
    requireGridValues("learned", learned, xs.length, ys.length);
    requireGridValues("truth", truth, xs.length, ys.length);
    double[][] learnedValues = normalise(learned);
    double[][] truthValues = normalise(truth);
    boolean flipped = covariance(learnedValues, truthValues) < 0;
    if (flipped) {
      for (double[] row : learnedValues) {
        for (int j = 0; j < row.length; j++) {
          row[j] = 1 - row[j];
        }
      }
    }
    double[][] truthLines = levelLines(xs, ys, truthValues);
    JFreeChart left = contourPanel(flipped ? "learned H (as 1 − H), normalised" : "learned H, normalised",
        xName, yName, xs, ys, learnedValues, levelLines(xs, ys, learnedValues), truthLines);
    JFreeChart right = contourPanel("true " + invariantName + ", normalised", xName, yName, xs, ys,
        truthValues, truthLines, null);

    BufferedImage image = new BufferedImage(CONTOUR_WIDTH, CONTOUR_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g2.setPaint(Color.WHITE);
      g2.fillRect(0, 0, CONTOUR_WIDTH, CONTOUR_HEIGHT);
      double headingHeight = 44;
      g2.setFont(TITLE_FONT);
      g2.setPaint(Color.BLACK);
      FontMetrics metrics = g2.getFontMetrics();
      g2.drawString(title, (CONTOUR_WIDTH - metrics.stringWidth(title)) / 2f, 12f + metrics.getAscent());
      double panelWidth = CONTOUR_WIDTH / 2.0;
      double footHeight = 26;
      double panelHeight = CONTOUR_HEIGHT - headingHeight - footHeight;
      String note = "Level lines at the deciles of each map on the grid: they coincide when H is a monotone "
          + "function of " + invariantName + ". White lines on the left: the true " + invariantName + "'s.";
      g2.setFont(SUBTITLE_FONT);
      metrics = g2.getFontMetrics();
      g2.setPaint(Color.DARK_GRAY);
      g2.drawString(note, (CONTOUR_WIDTH - metrics.stringWidth(note)) / 2f,
          (float) (CONTOUR_HEIGHT - footHeight / 2 + metrics.getAscent() / 2.0 - 2));
      left.draw(g2, new Rectangle2D.Double(0, headingHeight, panelWidth, panelHeight));
      right.draw(g2, new Rectangle2D.Double(panelWidth, headingHeight, panelWidth, panelHeight));
    } finally {
      g2.dispose();
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeBufferedImageAsPNG(out, image);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JFreeChart contourPanel(String panelTitle, String xName, String yName, double[] xs,
      double[] ys, double[][] values, double[][] lines, double[][] overlay) {
    int n = xs.length;
    double[][] cells = new double[3][n * ys.length];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < ys.length; j++) {
        cells[0][k] = xs[i];
        cells[1][k] = ys[j];
        cells[2][k] = values[i][j];
        k++;
      }
    }
    DefaultXYZDataset blocks = new DefaultXYZDataset();
    blocks.addSeries("H", cells);
    XYBlockRenderer blockRenderer = new XYBlockRenderer();
    blockRenderer.setBlockWidth(xs[1] - xs[0]);
    blockRenderer.setBlockHeight(ys[1] - ys[0]);
    PaintScale scale = new Viridis();
    blockRenderer.setPaintScale(scale);

    DefaultXYDataset ownLines = new DefaultXYDataset();
    ownLines.addSeries("level lines", lines);
    DefaultXYDataset overlayLines = new DefaultXYDataset();
    if (overlay != null) {
      overlayLines.addSeries("true level lines", overlay);
    }

    NumberAxis xAxis = axis(xName);
    NumberAxis yAxis = axis(yName);
    xAxis.setRange(xs[0] - (xs[1] - xs[0]) / 2, xs[n - 1] + (xs[1] - xs[0]) / 2);
    yAxis.setRange(ys[0] - (ys[1] - ys[0]) / 2, ys[ys.length - 1] + (ys[1] - ys[0]) / 2);
    XYPlot plot = new XYPlot(overlayLines, xAxis, yAxis,
        contourLineRenderer(new Color(255, 255, 255, 220), new BasicStroke(1.0f)));
    plot.setDataset(1, ownLines);
    plot.setRenderer(1, contourLineRenderer(new Color(0, 0, 0, 170), new BasicStroke(1.2f)));
    plot.setDataset(2, blocks);
    plot.setRenderer(2, blockRenderer);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // blocks, own lines, overlay on top
    plot.setBackgroundPaint(new Color(0xBB, 0xBB, 0xBB)); // shows where H is not finite
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

    JFreeChart chart = new JFreeChart(panelTitle, PANEL_TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(4, 4, 4, 12));
    NumberAxis scaleAxis = new NumberAxis();
    scaleAxis.setRange(0, 1);
    scaleAxis.setTickLabelFont(TICK_FONT);
    scaleAxis.setTickUnit(new NumberTickUnit(0.1, new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
    PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setStripWidth(14);
    legend.setSubdivisionCount(128);
    legend.setMargin(new RectangleInsets(8, 8, 8, 8));
    legend.setAxisOffset(4);
    chart.addSubtitle(legend);
    return chart;
  }

  private static XYLineAndShapeRenderer contourLineRenderer(Paint paint, Stroke stroke) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setDefaultSeriesVisibleInLegend(false);
    renderer.setAutoPopulateSeriesPaint(false);
    renderer.setAutoPopulateSeriesStroke(false);
    renderer.setDefaultPaint(paint);
    renderer.setDefaultStroke(stroke);
    return renderer;
  }

  /** The level lines of a map at the deciles of its finite values, as segments (see below). */
  static double[][] levelLines(double[] xs, double[] ys, double[][] values) {
    double[] levels = quantileLevels(values, CONTOUR_LEVELS);
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
  static double[] quantileLevels(double[][] values, int n) {
    double[] sorted = Arrays.stream(values).flatMapToDouble(Arrays::stream).filter(Double::isFinite)
        .sorted().toArray();
    if (sorted.length == 0) {
      return new double[0];
    }
    return java.util.stream.IntStream.range(1, n)
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

  private static double[] grid(double[] range, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = range[0] + (range[1] - range[0]) * i / (n - 1);
    }
    return g;
  }

  private static double[][] evaluate(DoubleBinaryOperator f, double[] xs, double[] ys) {
    double[][] v = new double[xs.length][ys.length];
    for (int i = 0; i < xs.length; i++) {
      for (int j = 0; j < ys.length; j++) {
        v[i][j] = f.applyAsDouble(xs[i], ys[j]);
      }
    }
    return v;
  }

  /** Min-max normalisation of the finite values to [0, 1]; a constant map becomes 0.5. */
  static double[][] normalise(double[][] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double[] row : v) {
      for (double x : row) {
        if (Double.isFinite(x)) {
          min = Math.min(min, x);
          max = Math.max(max, x);
        }
      }
    }
    double[][] out = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = new double[v[i].length];
      for (int j = 0; j < v[i].length; j++) {
        double x = v[i][j];
        out[i][j] = !Double.isFinite(x) ? Double.NaN : max > min ? (x - min) / (max - min) : 0.5;
      }
    }
    return out;
  }

  private static double covariance(double[][] u, double[][] v) {
    double su = 0;
    double sv = 0;
    int n = 0;
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < u[i].length; j++) {
        if (Double.isFinite(u[i][j]) && Double.isFinite(v[i][j])) {
          su += u[i][j];
          sv += v[i][j];
          n++;
        }
      }
    }
    if (n == 0) {
      return 0;
    }
    double mu = su / n;
    double mv = sv / n;
    double cov = 0;
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < u[i].length; j++) {
        if (Double.isFinite(u[i][j]) && Double.isFinite(v[i][j])) {
          cov += (u[i][j] - mu) * (v[i][j] - mv);
        }
      }
    }
    return cov;
  }

  /** The viridis colour map, interpolated between nine of its colours; grey outside [0, 1]. */
  static final class Viridis implements PaintScale {
    private static final int[] STOPS = {
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725};

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return 1;
    }

    @Override
    public Paint getPaint(double value) {
      if (!Double.isFinite(value)) {
        return new Color(0xBB, 0xBB, 0xBB);
      }
      double v = Math.max(0, Math.min(1, value)) * (STOPS.length - 1);
      int k = Math.min((int) v, STOPS.length - 2);
      double t = v - k;
      int p = STOPS[k];
      int q = STOPS[k + 1];
      return new Color(mix(p >> 16, q >> 16, t), mix(p >> 8, q >> 8, t), mix(p, q, t));
    }

    private static int mix(int p, int q, double t) {
      return (int) Math.round((p & 0xFF) * (1 - t) + (q & 0xFF) * t);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Figure 4, first row: a typical trajectory

  /**
   * A typical trajectory, one panel per state coordinate over time (at most
   * {@value #MAX_TRAJECTORY_PANELS}, the first ones; the subtitle says when there are more): the
   * truth, the baseline and ConCerNet. States are indexed {@code [time][coordinate]}; a model may
   * be {@code null} to leave it out.
   */
  public static void trajectory(Path png, String title, double[] times, String[] stateNames,
      double[][] truth, double[][] baseline, double[][] concernet) {
    AtomicFiles.write(png, trajectoryPng(title, times, stateNames, truth, baseline, concernet));
  }

  static byte[] trajectoryPng(String title, double[] times, String[] stateNames, double[][] truth,
      double[][] baseline, double[][] concernet) {
    int dims = stateNames.length;
    requireStates("truth", truth, times.length, dims);
    requireStates("baseline", baseline, times.length, dims);
    requireStates("concernet", concernet, times.length, dims);
    NumberAxis timeAxis = timeAxis();
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(timeAxis);
    combined.setGap(8);
    int panels = Math.min(dims, MAX_TRAJECTORY_PANELS);
    List<String> notes = new ArrayList<>();
    if (dims > panels) {
      notes.add(String.format(Locale.ROOT, "first %d of %d coordinates", panels, dims));
    }
    notFinite(notes, SeedResult.BASELINE, baseline, dims, t -> "time " + shortNumber(times[t]));
    notFinite(notes, SeedResult.CONCERNET, concernet, dims, t -> "time " + shortNumber(times[t]));
    boolean clipped = false;
    LegendItemCollection legend = null;
    for (int d = 0; d < panels; d++) {
      List<Curve> curves = new ArrayList<>();
      curves.add(new Curve("truth", times, column(truth, d)));
      if (baseline != null) {
        curves.add(new Curve(SeedResult.BASELINE, times, column(baseline, d)));
      }
      if (concernet != null) {
        curves.add(new Curve(SeedResult.CONCERNET, times, column(concernet, d)));
      }
      NumberAxis yAxis = axis(stateNames[d]);
      clipped |= keepNearTruth(yAxis, curves);
      XYPlot plot = linePlot(curves, timeAxis, yAxis);
      combined.add(plot, 1);
      if (legend == null) {
        legend = plot.getLegendItems();
      }
    }
    combined.setFixedLegendItems(legend);
    if (clipped) {
      notes.add("axes kept near the truth: a rollout leaves the plotted range");
    }
    return png(chart(title, combined, notes), WIDTH, Math.max(HEIGHT, 120 + 160 * panels));
  }

  /**
   * The phase portrait of a trajectory in two of its coordinates (states {@code [time][2+]}, the
   * first two are drawn): the truth, the baseline and ConCerNet; a model may be {@code null}.
   */
  public static void phasePortrait(Path png, String title, String xName, String yName,
      double[][] truth, double[][] baseline, double[][] concernet) {
    AtomicFiles.write(png, phasePortraitPng(title, xName, yName, truth, baseline, concernet));
  }

  static byte[] phasePortraitPng(String title, String xName, String yName, double[][] truth,
      double[][] baseline, double[][] concernet) {
    int steps = truth.length;
    requireStates("truth", truth, steps, 2);
    requireStates("baseline", baseline, steps, 2);
    requireStates("concernet", concernet, steps, 2);
    List<Curve> curves = new ArrayList<>();
    curves.add(new Curve("truth", column(truth, 0), column(truth, 1)));
    if (baseline != null) {
      curves.add(new Curve(SeedResult.BASELINE, column(baseline, 0), column(baseline, 1)));
    }
    if (concernet != null) {
      curves.add(new Curve(SeedResult.CONCERNET, column(concernet, 0), column(concernet, 1)));
    }
    for (Curve c : curves) { // a point is drawn only when both its coordinates are finite
      for (int t = 0; t < c.xs.length; t++) {
        if (!Double.isFinite(c.xs[t]) || !Double.isFinite(c.ys[t])) {
          c.xs[t] = Double.NaN;
          c.ys[t] = Double.NaN;
        }
      }
    }
    NumberAxis xAxis = axis(xName);
    NumberAxis yAxis = axis(yName);
    List<Curve> swapped = new ArrayList<>();
    for (Curve c : curves) {
      swapped.add(new Curve(c.name, c.ys, c.xs));
    }
    // the swapped curves share their arrays with the curves: both passes clean them in place
    boolean clipped = keepNearTruth(xAxis, swapped);
    clipped |= keepNearTruth(yAxis, curves);
    XYPlot plot = linePlot(curves, xAxis, yAxis);
    List<String> notes = new ArrayList<>();
    notFinite(notes, SeedResult.BASELINE, baseline, 2, t -> String.format(Locale.ROOT, "step %d of %d", t, steps));
    notFinite(notes, SeedResult.CONCERNET, concernet, 2, t -> String.format(Locale.ROOT, "step %d of %d", t, steps));
    if (clipped) {
      notes.add("axes kept near the truth: a rollout leaves the plotted range");
    }
    return png(chart(title, plot, notes), WIDTH, HEIGHT);
  }

  // ---------------------------------------------------------------------------------------------
  // Figure 4, rows 2-3, and Figure 5: quantities over time

  /**
   * Quantities over time, one line each: e.g. the violation of an invariant or the MSE against
   * the truth, baseline against ConCerNet; for the heat equation the error and Σu. Series are
   * drawn in a fixed order whatever the map: truth, baseline, ConCerNet, others (each group
   * sorted by name). Keys containing "baseline" or "concernet" (any case) take that model's
   * colour; several of one model get different dashes.
   *
   * @param logScale a logarithmic y axis; values ≤ 0 are then left out, and a series without a
   *     positive value falls back to a linear axis
   */
  public static void overTime(Path png, String title, String yLabel, double[] times,
      Map<String, double[]> series, boolean logScale) {
    AtomicFiles.write(png, overTimePng(title, yLabel, times, series, logScale));
  }

  static byte[] overTimePng(String title, String yLabel, double[] times, Map<String, double[]> series,
      boolean logScale) {
    return overTimeChart(title, yLabel, times, series, null, logScale, new ArrayList<>());
  }

  /**
   * Like {@link #overTime}, over several seeds: for each series, the median over seeds as a line
   * and the seeds' range (min to max) as a shaded band of the same colour. Each series holds one
   * run per seed, {@code [seed][time]}; values that are not finite (or, on a log axis, not
   * positive) are left out of the median and the band.
   */
  public static void overTimeAcrossSeeds(Path png, String title, String yLabel, double[] times,
      Map<String, double[][]> series, boolean logScale) {
    AtomicFiles.write(png, overTimeAcrossSeedsPng(title, yLabel, times, series, logScale));
  }

  static byte[] overTimeAcrossSeedsPng(String title, String yLabel, double[] times,
      Map<String, double[][]> series, boolean logScale) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("overTimeAcrossSeeds needs at least one series, found none");
    }
    boolean anyPositive = false;
    int seeds = 0;
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      double[][] runs = e.getValue();
      if (runs == null || runs.length == 0) {
        throw new IllegalArgumentException("series \"" + e.getKey() + "\" has no runs, expected one per seed");
      }
      seeds = Math.max(seeds, runs.length);
      for (int r = 0; r < runs.length; r++) {
        if (runs[r].length != times.length) {
          throw new IllegalArgumentException(String.format(Locale.ROOT,
              "series \"%s\" run %d has %d values, expected %d (one per time)", e.getKey(), r,
              runs[r].length, times.length));
        }
        for (double v : runs[r]) {
          anyPositive |= Double.isFinite(v) && v > 0;
        }
      }
    }
    boolean positiveOnly = logScale && anyPositive;
    Map<String, double[]> medians = new LinkedHashMap<>();
    Map<String, double[][]> bands = new LinkedHashMap<>();
    List<String> leftOut = new ArrayList<>();
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      double[][] runs = e.getValue();
      int notFinite = 0;
      for (double[] run : runs) {
        if (!Arrays.stream(run).allMatch(Double::isFinite)) {
          notFinite++;
        }
      }
      if (notFinite > 0) {
        leftOut.add(String.format(Locale.ROOT, "%s %d of %d", displayName(e.getKey()), notFinite, runs.length));
      }
      double[] median = new double[times.length];
      double[] lo = new double[times.length];
      double[] hi = new double[times.length];
      for (int t = 0; t < times.length; t++) {
        double[] column = new double[runs.length];
        int n = 0;
        for (double[] run : runs) {
          double v = run[t];
          if (Double.isFinite(v) && (!positiveOnly || v > 0)) {
            column[n++] = v;
          }
        }
        if (n == 0) {
          median[t] = lo[t] = hi[t] = Double.NaN;
          continue;
        }
        Arrays.sort(column, 0, n);
        median[t] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2;
        lo[t] = column[0];
        hi[t] = column[n - 1];
      }
      medians.put(e.getKey(), median);
      bands.put(e.getKey(), new double[][] {lo, hi});
    }
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "lines: median over %d seeds; bands: their range (min to max)", seeds));
    if (!leftOut.isEmpty()) {
      leftOut.sort(Comparator.naturalOrder());
      notes.add("seeds with values that are not finite (left out where they are): " + String.join(", ", leftOut));
    }
    return overTimeChart(title, yLabel, times, medians, bands, logScale, notes);
  }

  private static byte[] overTimeChart(String title, String yLabel, double[] times, Map<String, double[]> series,
      Map<String, double[][]> bands, boolean logScale, List<String> notes) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("overTime needs at least one series, found none");
    }
    List<String> names = new ArrayList<>(series.keySet());
    names.sort(Comparator.comparingInt(Figures::modelRank).thenComparing(Comparator.naturalOrder()));
    boolean anyPositive = false;
    List<Curve> curves = new ArrayList<>();
    for (String name : names) {
      double[] values = series.get(name);
      if (values == null || values.length != times.length) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "series \"%s\" has %s values, expected %d (one per time)", name,
            values == null ? "no" : Integer.toString(values.length), times.length));
      }
      double[] ys = new double[values.length];
      for (int t = 0; t < values.length; t++) {
        double v = values[t];
        ys[t] = Double.isFinite(v) ? v : Double.NaN;
        anyPositive |= Double.isFinite(v) && v > 0;
      }
      curves.add(new Curve(name, times, ys));
    }
    ValueAxis yAxis;
    if (logScale && anyPositive) {
      for (Curve c : curves) {
        for (int t = 0; t < c.ys.length; t++) {
          if (!(c.ys[t] > 0)) {
            c.ys[t] = Double.NaN;
          }
        }
      }
      LogAxis log = new LogAxis(yLabel);
      log.setBase(10);
      log.setLabelFont(LABEL_FONT);
      log.setTickLabelFont(TICK_FONT);
      log.setSmallestValue(1e-300);
      TickUnits decades = new TickUnits(); // whole decades only, formatted the same in every locale
      for (int step : new int[] {1, 2, 5, 10, 20, 50, 100}) {
        decades.add(new NumberTickUnit(step, new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
      }
      log.setStandardTickUnits(decades);
      yAxis = log;
    } else {
      if (logScale) {
        notes.add("linear axis: no positive value to show on a logarithmic one");
      }
      NumberAxis linear = axis(yLabel);
      linear.setAutoRangeIncludesZero(false);
      yAxis = linear;
    }
    XYPlot plot = linePlot(curves, timeAxis(), yAxis);
    if (bands != null) {
      addBands(plot, curves, times, bands);
    }
    return png(chart(title, plot, notes), WIDTH, HEIGHT);
  }

  /**
   * Shaded bands under the lines, in the lines' colours: one band series per stretch of times
   * where the band is defined, so that a gap never joins two stretches.
   */
  private static void addBands(XYPlot plot, List<Curve> curves, double[] times, Map<String, double[][]> bands) {
    YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(false, false);
    renderer.setAlpha(0.2f);
    renderer.setDefaultSeriesVisibleInLegend(false);
    renderer.setAutoPopulateSeriesFillPaint(false);
    XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int s = 0; s < curves.size(); s++) {
      Curve c = curves.get(s);
      double[][] band = bands.get(c.name);
      YIntervalSeries stretch = null;
      for (int t = 0; t < times.length; t++) {
        boolean defined = Double.isFinite(c.ys[t]) && Double.isFinite(band[0][t]) && Double.isFinite(band[1][t]);
        if (!defined) {
          stretch = null;
          continue;
        }
        if (stretch == null) {
          stretch = new YIntervalSeries("band " + s + "." + dataset.getSeriesCount(), false, true);
          renderer.setSeriesFillPaint(dataset.getSeriesCount(), lines.getSeriesPaint(s));
          renderer.setSeriesPaint(dataset.getSeriesCount(), lines.getSeriesPaint(s));
          dataset.addSeries(stretch);
        }
        stretch.add(times[t], c.ys[t], band[0][t], band[1][t]);
      }
    }
    plot.setDataset(1, dataset);
    plot.setRenderer(1, renderer);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // bands under the lines
  }

  // ---------------------------------------------------------------------------------------------
  // Shared pieces

  /** One line: its name (which decides its colour) and its points. */
  private record Curve(String name, double[] xs, double[] ys) {}

  private static XYPlot linePlot(List<Curve> curves, NumberAxis xAxis, ValueAxis yAxis) {
    DefaultXYDataset dataset = new DefaultXYDataset();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    int[] perColour = new int[3 + OTHER_COLORS.length];
    int others = 0;
    for (int s = 0; s < curves.size(); s++) {
      Curve c = curves.get(s);
      dataset.addSeries(displayName(c.name) + (dataset.indexOf(displayName(c.name)) >= 0 ? " (" + s + ")" : ""),
          new double[][] {c.xs, c.ys});
      int rank = modelRank(c.name);
      int colourIndex = rank < 3 ? rank : 3 + (others++ % OTHER_COLORS.length);
      Color colour = rank == 0 ? TRUTH_COLOR : rank == 1 ? BASELINE_COLOR : rank == 2 ? CONCERNET_COLOR
          : OTHER_COLORS[colourIndex - 3];
      float width = rank == 0 ? 3.0f : 2.0f;
      float[] dash = DASHES[perColour[colourIndex]++ % DASHES.length];
      renderer.setSeriesPaint(s, colour);
      renderer.setSeriesStroke(s, stroke(width, dash));
    }
    XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
    plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // truth first, under the models
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID_COLOR);
    plot.setRangeGridlinePaint(GRID_COLOR);
    plot.setOutlinePaint(Color.GRAY);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    return plot;
  }

  private static Stroke stroke(float width, float[] dash) {
    return dash == null
        ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  /** 0 truth, 1 baseline, 2 ConCerNet, 3 anything else. */
  private static int modelRank(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("concernet")) {
      return 2;
    }
    if (lower.contains("baseline")) {
      return 1;
    }
    if (lower.equals("truth") || lower.contains("ground truth") || lower.startsWith("true")) {
      return 0;
    }
    return 3;
  }

  static String displayName(String name) {
    return name.replaceAll("(?i)concernet", "ConCerNet");
  }

  /**
   * Sets the axis to the curves' range, but no farther than one truth span beyond the truth's
   * range (the first curve is the truth); values that are not finite become NaN and values far
   * outside are pulled in (the line still leaves the plot where it did). Returns whether the axis
   * was narrowed.
   */
  private static boolean keepNearTruth(NumberAxis axis, List<Curve> curves) {
    double[] truthRange = range(curves.get(0).ys);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Curve c : curves) {
      for (int t = 0; t < c.ys.length; t++) {
        if (!Double.isFinite(c.ys[t])) {
          c.ys[t] = Double.NaN;
        } else {
          lo = Math.min(lo, c.ys[t]);
          hi = Math.max(hi, c.ys[t]);
        }
      }
    }
    if (!(lo <= hi) || !(truthRange[0] <= truthRange[1])) {
      return false;
    }
    double span = truthRange[1] - truthRange[0];
    if (span == 0) {
      span = Math.max(Math.abs(truthRange[0]), 1e-12);
    }
    double allowedLo = truthRange[0] - span;
    double allowedHi = truthRange[1] + span;
    boolean clipped = lo < allowedLo || hi > allowedHi;
    lo = Math.max(lo, allowedLo);
    hi = Math.min(hi, allowedHi);
    double margin = (hi - lo) * 0.05;
    if (margin == 0) {
      margin = Math.max(Math.abs(hi) * 0.05, 1e-12);
    }
    axis.setAutoRange(false);
    axis.setRange(lo - margin, hi + margin);
    if (clipped) {
      double farLo = lo - 20 * (hi - lo + margin);
      double farHi = hi + 20 * (hi - lo + margin);
      for (Curve c : curves) {
        for (int t = 0; t < c.ys.length; t++) {
          c.ys[t] = Double.isNaN(c.ys[t]) ? Double.NaN : Math.max(farLo, Math.min(farHi, c.ys[t]));
        }
      }
    }
    return clipped;
  }

  private static double[] range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      if (Double.isFinite(x)) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
    return new double[] {lo, hi};
  }

  private static NumberAxis axis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
    axis.setAutoRangeIncludesZero(false);
    axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    return axis;
  }

  private static NumberAxis timeAxis() {
    NumberAxis axis = axis("time");
    axis.setLowerMargin(0);
    axis.setUpperMargin(0);
    return axis;
  }

  private static JFreeChart chart(String title, XYPlot plot, List<String> notes) {
    JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setPadding(new RectangleInsets(6, 6, 6, 24));
    for (String note : notes) {
      chart.addSubtitle(new TextTitle(note, SUBTITLE_FONT));
    }
    LegendTitle legend = chart.getLegend();
    legend.setItemFont(LEGEND_FONT);
    legend.setFrame(BlockBorder.NONE);
    legend.setPosition(RectangleEdge.BOTTOM);
    return chart;
  }

  private static byte[] png(JFreeChart chart, int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, width, height);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double[] column(double[][] states, int d) {
    double[] c = new double[states.length];
    for (int t = 0; t < states.length; t++) {
      c[t] = states[t][d];
    }
    return c;
  }

  /** Four significant digits without trailing zeros: 7.5, 0.0125, 1.234E+7. */
  static String shortNumber(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7 || v == 0 ? d.toPlainString() : d.toString();
  }

  /** Notes where a model's rollout first has a coordinate that is not finite. */
  private static void notFinite(List<String> notes, String model, double[][] states, int dims,
      java.util.function.IntFunction<String> when) {
    if (states == null) {
      return;
    }
    for (int t = 0; t < states.length; t++) {
      for (int d = 0; d < dims; d++) {
        if (!Double.isFinite(states[t][d])) {
          notes.add(displayName(model) + " not finite from " + when.apply(t) + " on");
          return;
        }
      }
    }
  }

  private static void requireStates(String name, double[][] states, int steps, int dims) {
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

  private static void requireGrid(String name, double[] grid) {
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

  private static void requireGridValues(String name, double[][] values, int nx, int ny) {
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

  private static void requireRange(String name, double[] range) {
    if (range.length != 2 || !(range[0] < range[1]) || !Double.isFinite(range[0]) || !Double.isFinite(range[1])) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s must be {min, max} with min < max, both finite; found %s", name, Arrays.toString(range)));
    }
  }
}
