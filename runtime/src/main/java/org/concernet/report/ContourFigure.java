/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.concernet.report.ChartStyle.PANEL_TITLE_FONT;
import static org.concernet.report.ChartStyle.SUBTITLE_FONT;
import static org.concernet.report.ChartStyle.TICK_FONT;
import static org.concernet.report.ChartStyle.TITLE_FONT;
import static org.concernet.report.ChartStyle.axis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The paper's Figure 3: the learned invariant's contour map beside the true one. The learned H is
 * only defined up to a monotone map, so both maps are normalised to [0, 1], a decreasing H is
 * shown as 1 − H, and the level lines are drawn at each map's own deciles ({@link LevelLines}),
 * where they coincide exactly when H is a monotone function of the invariant. Two charts share one
 * image under one title, which the plotting library does not lay out by itself; this class does.
 */
final class ContourFigure {
  /** Size of the side-by-side comparison, in pixels. */
  static final int WIDTH = 1200;
  static final int HEIGHT = 600;
  /** Grid points per axis when the maps are sampled from functions. */
  static final int GRID = 101;

  private ContourFigure() {}

  /** The figure with both maps sampled on a {@value #GRID} × {@value #GRID} grid over the ranges. */
  static byte[] png(String title, String xName, String yName, double[] xRange,
      double[] yRange, DoubleBinaryOperator learned, DoubleBinaryOperator truth, String invariantName) {
    FigureInputs.requireRange("xRange", xRange);
    FigureInputs.requireRange("yRange", yRange);
    double[] xs = grid(xRange, GRID);
    double[] ys = grid(yRange, GRID);
    return png(title, xName, yName, xs, ys, evaluate(learned, xs, ys), evaluate(truth, xs, ys),
        invariantName);
  }

  /** The figure from maps already sampled on a grid, {@code [x][y]} at {@code (xs[i], ys[j])}. */
  static byte[] png(String title, String xName, String yName, double[] xs, double[] ys,
      double[][] learned, double[][] truth, String invariantName) {
    FigureInputs.requireGrid("xs", xs);
    FigureInputs.requireGrid("ys", ys);
    FigureInputs.requireGridValues("learned", learned, xs.length, ys.length);
    FigureInputs.requireGridValues("truth", truth, xs.length, ys.length);
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
    double[][] truthLines = LevelLines.levelLines(xs, ys, truthValues);
    JFreeChart left = contourPanel(flipped ? "learned H (as 1 − H), normalised" : "learned H, normalised",
        xName, yName, xs, ys, learnedValues, LevelLines.levelLines(xs, ys, learnedValues), truthLines);
    JFreeChart right = contourPanel("true " + invariantName + ", normalised", xName, yName, xs, ys,
        truthValues, truthLines, null);

    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g2.setPaint(Color.WHITE);
      g2.fillRect(0, 0, WIDTH, HEIGHT);
      double headingHeight = 44;
      g2.setFont(TITLE_FONT);
      g2.setPaint(Color.BLACK);
      FontMetrics metrics = g2.getFontMetrics();
      g2.drawString(title, (WIDTH - metrics.stringWidth(title)) / 2f, 12f + metrics.getAscent());
      double panelWidth = WIDTH / 2.0;
      double footHeight = 26;
      double panelHeight = HEIGHT - headingHeight - footHeight;
      String note = "Level lines at the deciles of each map on the grid: they coincide when H is a monotone "
          + "function of " + invariantName + ". White lines on the left: the true " + invariantName + "'s.";
      g2.setFont(SUBTITLE_FONT);
      metrics = g2.getFontMetrics();
      g2.setPaint(Color.DARK_GRAY);
      g2.drawString(note, (WIDTH - metrics.stringWidth(note)) / 2f,
          (float) (HEIGHT - footHeight / 2 + metrics.getAscent() / 2.0 - 2));
      left.draw(g2, new Rectangle2D.Double(0, headingHeight, panelWidth, panelHeight));
      right.draw(g2, new Rectangle2D.Double(panelWidth, headingHeight, panelWidth, panelHeight));
    } finally {
      g2.dispose();
    }
    return ChartStyle.png(image);
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

  /** The viridis colour map, interpolated between nine of its colours; grey where H is not finite. */
  private static final class Viridis implements PaintScale {
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
}
