/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.concernet.report.ChartStyle.axis;
import static org.concernet.report.ChartStyle.chart;
import static org.concernet.report.ChartStyle.png;
import static org.concernet.report.ChartStyle.timeAxis;
import static org.concernet.report.FigureInputs.requireStates;
import static org.concernet.report.LinePlots.displayName;
import static org.concernet.report.LinePlots.linePlot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.concernet.report.LinePlots.Curve;
import org.concernet.results.SeedResult;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;

/**
 * The paper's Figure 4, first row: one rollout against the truth, as state coordinates over time
 * and as a phase portrait. Both draw whole states ({@code [time][coordinate]}) that a model may
 * have blown up, so both share how that is shown: values that are not finite are left out and
 * noted with the time they start, and when a rollout leaves the truth's range far behind, the axis
 * keeps to the truth's neighbourhood and a note says so, rather than squashing the truth flat.
 */
final class TrajectoryFigures {
  /** A trajectory figure shows at most this many coordinates, one panel each. */
  static final int MAX_PANELS = 6;

  private TrajectoryFigures() {}

  /** Coordinates over time, one panel each (the first {@value #MAX_PANELS}); see {@link Figures#trajectory}. */
  static byte[] trajectoryPng(String title, double[] times, String[] stateNames, double[][] truth,
      double[][] baseline, double[][] concernet) {
    int dims = stateNames.length;
    requireStates("truth", truth, times.length, dims);
    requireStates("baseline", baseline, times.length, dims);
    requireStates("concernet", concernet, times.length, dims);
    NumberAxis timeAxis = timeAxis();
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(timeAxis);
    combined.setGap(8);
    int panels = Math.min(dims, MAX_PANELS);
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
    return png(chart(title, combined, notes), ChartStyle.WIDTH, Math.max(ChartStyle.HEIGHT, 120 + 160 * panels));
  }

  /** The first two coordinates against each other; see {@link Figures#phasePortrait}. */
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
      for (int t = 0; t < c.xs().length; t++) {
        if (!Double.isFinite(c.xs()[t]) || !Double.isFinite(c.ys()[t])) {
          c.xs()[t] = Double.NaN;
          c.ys()[t] = Double.NaN;
        }
      }
    }
    NumberAxis xAxis = axis(xName);
    NumberAxis yAxis = axis(yName);
    List<Curve> swapped = new ArrayList<>();
    for (Curve c : curves) {
      swapped.add(new Curve(c.name(), c.ys(), c.xs()));
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
    return png(chart(title, plot, notes), ChartStyle.WIDTH, ChartStyle.HEIGHT);
  }

  /**
   * Sets the axis to the curves' range, but no farther than one truth span beyond the truth's
   * range (the first curve is the truth); values that are not finite become NaN and values far
   * outside are pulled in (the line still leaves the plot where it did). Returns whether the axis
   * was narrowed.
   */
  private static boolean keepNearTruth(NumberAxis axis, List<Curve> curves) {
    double[] truthRange = range(curves.get(0).ys());
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Curve c : curves) {
      for (int t = 0; t < c.ys().length; t++) {
        if (!Double.isFinite(c.ys()[t])) {
          c.ys()[t] = Double.NaN;
        } else {
          lo = Math.min(lo, c.ys()[t]);
          hi = Math.max(hi, c.ys()[t]);
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
        for (int t = 0; t < c.ys().length; t++) {
          c.ys()[t] = Double.isNaN(c.ys()[t]) ? Double.NaN : Math.max(farLo, Math.min(farHi, c.ys()[t]));
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
    BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7 || v == 0 ? d.toPlainString() : d.toString();
  }

  /** Notes where a model's rollout first has a coordinate that is not finite. */
  private static void notFinite(List<String> notes, String model, double[][] states, int dims,
      IntFunction<String> when) {
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
}
