/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.concernet.report.ChartStyle.LABEL_FONT;
import static org.concernet.report.ChartStyle.TICK_FONT;
import static org.concernet.report.ChartStyle.axis;
import static org.concernet.report.ChartStyle.chart;
import static org.concernet.report.ChartStyle.png;
import static org.concernet.report.ChartStyle.timeAxis;
import static org.concernet.report.LinePlots.displayName;
import static org.concernet.report.LinePlots.linePlot;

import java.awt.BasicStroke;
import java.awt.Stroke;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.report.LinePlots.Curve;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The paper's Figure 4, rows 2-3, and Figure 5: quantities over time, one line per model, such as
 * an invariant's violation or the MSE against the truth, for one run or as the median and range
 * over seeds. These quantities span decades and a blown-up model makes them infinite, so the
 * figure takes a logarithmic axis when asked (falling back to a linear one, with a note, when
 * nothing is positive), leaves out what is not finite, and notes how many seeds had such values.
 */
final class OverTimeFigure {
  private OverTimeFigure() {}

  /** One line per series; see {@link Figures#overTime}. */
  static byte[] overTimePng(String title, String yLabel, double[] times, Map<String, double[]> series,
      boolean logScale) {
    return chartPng(title, "time", yLabel, times, series, null, logScale, new ArrayList<>());
  }

  /** The median over seeds as a line, their range as a band; see {@link Figures#overTimeAcrossSeeds}. */
  static byte[] acrossSeedsPng(String title, String yLabel, double[] times,
      Map<String, double[][]> series, boolean logScale) {
    return acrossSeedsPng(title, "time", yLabel, times, series, logScale);
  }

  /** {@link #acrossSeedsPng(String, String, double[], Map, boolean)} against x values labelled {@code xLabel}. */
  static byte[] acrossSeedsPng(String title, String xLabel, String yLabel, double[] times,
      Map<String, double[][]> series, boolean logScale) {
    FigureInputs.requireRuns(series, times.length);
    boolean anyPositive = false;
    int seeds = 0;
    for (double[][] runs : series.values()) {
      seeds = Math.max(seeds, runs.length);
      for (double[] run : runs) {
        for (double v : run) {
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
    List<String> notes = new ArrayList<>(List.of(seedsNote(seeds)));
    if (seeds == 1) {
      bands = null;
    }
    if (!leftOut.isEmpty()) {
      leftOut.sort(Comparator.naturalOrder());
      notes.add("seeds with values that are not finite (left out where they are): " + String.join(", ", leftOut));
    }
    return chartPng(title, xLabel, yLabel, times, medians, bands, logScale, notes);
  }

  /** What the lines and bands of a figure over {@code seeds} seeds show; one seed has no range. */
  static String seedsNote(int seeds) {
    return seeds == 1 ? "one seed: no range to show" : String.format(Locale.ROOT, "lines: median over %d seeds;"
        + " shaded, between thin dashed lines: their range (min to max)", seeds);
  }

  private static byte[] chartPng(String title, String xLabel, String yLabel, double[] times,
      Map<String, double[]> series,
      Map<String, double[][]> bands, boolean logScale, List<String> notes) {
    List<String> names = new ArrayList<>(series.keySet());
    names.sort(Comparator.comparingInt(LinePlots::modelRank).thenComparing(Comparator.naturalOrder()));
    FigureInputs.requireSeries(series, names, times.length);
    boolean anyPositive = false;
    List<Curve> curves = new ArrayList<>();
    for (String name : names) {
      double[] values = series.get(name);
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
        for (int t = 0; t < c.ys().length; t++) {
          if (!(c.ys()[t] > 0)) {
            c.ys()[t] = Double.NaN;
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
    XYPlot plot = linePlot(curves, timeAxis(xLabel), yAxis);
    if (bands != null) {
      addBands(plot, curves, times, bands);
    }
    return png(chart(title, plot, notes), ChartStyle.WIDTH, ChartStyle.HEIGHT);
  }

  /**
   * Shaded bands under the lines, in the lines' colours, edged by thin dashed lines in the same
   * colour, so that where two models' bands overlap each is still told by its edges (a fill alone
   * mixes into grey): one band series per stretch of times where the band is defined, so that a
   * gap never joins two stretches.
   */
  private static void addBands(XYPlot plot, List<Curve> curves, double[] times, Map<String, double[][]> bands) {
    YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    XYSeriesCollection edges = new XYSeriesCollection();
    XYLineAndShapeRenderer edgeRenderer = new XYLineAndShapeRenderer(true, false);
    edgeRenderer.setDefaultSeriesVisibleInLegend(false);
    edgeRenderer.setDrawSeriesLineAsPath(true);  // one path per edge, so the dashes run along it
    Stroke dashed = new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f);
    DeviationRenderer renderer = new DeviationRenderer(false, false);
    renderer.setAlpha(0.12f);
    renderer.setDefaultSeriesVisibleInLegend(false);
    renderer.setAutoPopulateSeriesFillPaint(false);
    XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int s = 0; s < curves.size(); s++) {
      Curve c = curves.get(s);
      double[][] band = bands.get(c.name());
      YIntervalSeries stretch = null;
      XYSeries low = null;
      XYSeries high = null;
      for (int t = 0; t < times.length; t++) {
        boolean defined = Double.isFinite(c.ys()[t]) && Double.isFinite(band[0][t]) && Double.isFinite(band[1][t]);
        if (!defined) {
          stretch = null;
          continue;
        }
        if (stretch == null) {
          stretch = new YIntervalSeries("band " + s + "." + dataset.getSeriesCount(), false, true);
          renderer.setSeriesFillPaint(dataset.getSeriesCount(), lines.getSeriesPaint(s));
          renderer.setSeriesPaint(dataset.getSeriesCount(), lines.getSeriesPaint(s));
          dataset.addSeries(stretch);
          low = new XYSeries("low " + s + "." + edges.getSeriesCount(), false, true);
          high = new XYSeries("high " + s + "." + edges.getSeriesCount(), false, true);
          for (XYSeries edge : List.of(low, high)) {
            edgeRenderer.setSeriesPaint(edges.getSeriesCount(), lines.getSeriesPaint(s));
            edgeRenderer.setSeriesStroke(edges.getSeriesCount(), dashed);
            edges.addSeries(edge);
          }
        }
        stretch.add(times[t], c.ys()[t], band[0][t], band[1][t]);
        low.add(times[t], band[0][t]);
        high.add(times[t], band[1][t]);
      }
    }
    plot.setDataset(1, dataset);
    plot.setRenderer(1, renderer);
    plot.setDataset(2, edges);
    plot.setRenderer(2, edgeRenderer);
    plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE); // bands under the lines
  }
}
