/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Lines coloured by the model they show, the palette of every line figure: the truth black and
 * widest, the baseline orange, ConCerNet blue (Okabe-Ito colours, distinguishable with colour
 * blindness), anything else in further Okabe-Ito colours; several lines of one colour get different
 * dashes. A line's model is read from its name, so the trajectory, the phase portrait and the
 * curves over time colour a model alike without being told.
 */
final class LinePlots {
  private static final Color TRUTH_COLOR = Color.BLACK;
  private static final Color BASELINE_COLOR = new Color(0xD5, 0x5E, 0x00);
  private static final Color CONCERNET_COLOR = new Color(0x00, 0x72, 0xB2);
  private static final Color[] OTHER_COLORS = {
      new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9),
      new Color(0xE6, 0x9F, 0x00), new Color(0x7F, 0x7F, 0x7F)};
  private static final float[][] DASHES = {null, {10f, 6f}, {3f, 4f}, {12f, 4f, 3f, 4f}};
  private static final Color GRID_COLOR = new Color(0xDD, 0xDD, 0xDD);

  private LinePlots() {}

  /** One line: its name (which decides its colour) and its points. */
  record Curve(String name, double[] xs, double[] ys) {}

  /** A plot of the curves, in their order (the first drawn first, under the others). */
  static XYPlot linePlot(List<Curve> curves, NumberAxis xAxis, ValueAxis yAxis) {
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

  /**
   * 0 truth, 1 baseline, 2 ConCerNet, 3 anything else: names containing "concernet" or
   * "baseline" (any case) are that model's, "truth", "ground truth" and "true …" the truth's.
   */
  static int modelRank(String name) {
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

  /** The name as a legend or note shows it: "concernet" in any case becomes "ConCerNet". */
  static String displayName(String name) {
    return name.replaceAll("(?i)concernet", "ConCerNet");
  }
}
