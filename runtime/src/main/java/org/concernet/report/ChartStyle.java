/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look every figure shares: fonts, axes, the chart frame with its notes and legend, and the
 * PNG encoding. It lives in one place so that the contour map, the trajectories and the curves over
 * time read as one set of figures, and so that a change of font or margin changes all of them.
 * Number formats use {@link Locale#ROOT}, so the figures do not depend on the machine's locale.
 */
final class ChartStyle {
  /** Size of the single-panel figures, in pixels. */
  static final int WIDTH = 900;
  static final int HEIGHT = 600;

  private static final String FONT = Font.SANS_SERIF;
  static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 20);
  static final Font PANEL_TITLE_FONT = new Font(FONT, Font.BOLD, 16);
  static final Font SUBTITLE_FONT = new Font(FONT, Font.ITALIC, 13);
  static final Font LABEL_FONT = new Font(FONT, Font.PLAIN, 16);
  static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 13);
  private static final Font LEGEND_FONT = new Font(FONT, Font.PLAIN, 14);

  private ChartStyle() {}

  /** A numeric axis in the figures' fonts, not forced to include zero, with locale-free ticks. */
  static NumberAxis axis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
    axis.setAutoRangeIncludesZero(false);
    axis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    return axis;
  }

  /** The time axis: it spans the times exactly, without margins. */
  static NumberAxis timeAxis() {
    return timeAxis("time");
  }

  /** An axis like the time axis (spanning its values exactly) with another label. */
  static NumberAxis timeAxis(String label) {
    NumberAxis axis = axis(label);
    axis.setLowerMargin(0);
    axis.setUpperMargin(0);
    return axis;
  }

  /** A chart around the plot: its title, one subtitle per note, the legend at the bottom. */
  static JFreeChart chart(String title, XYPlot plot, List<String> notes) {
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

  /** The chart drawn at the given size, as PNG bytes. */
  static byte[] png(JFreeChart chart, int width, int height) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(out, chart, width, height);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An image already drawn (a figure of several charts), as PNG bytes. */
  static byte[] png(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ChartUtils.writeBufferedImageAsPNG(out, image);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
