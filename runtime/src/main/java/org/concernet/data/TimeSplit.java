/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A measured series split in time order: in every trial, the first {@code fraction} of its points
 * (the training part, a {@link MeasuredSeries} of its own, so windows and derivatives come from it
 * alone) and the rest (the held-out part, one {@link HeldOut} series per trial). Nothing of the
 * held-out part reaches training: a segment that spans the cut is cut, and derivatives are estimated
 * on the training segments only. The held-out part keeps its gaps: it is compared with a rollout at
 * its measured times only, so a gap there is simply a stretch without comparison.
 *
 * @param training the first part of every trial
 * @param heldOut the last part of every trial, in file order
 * @param fraction the fraction of each trial's points in the training part
 */
public record TimeSplit(MeasuredSeries training, List<HeldOut> heldOut, double fraction) {
  /** The training fraction of the paper's real-pendulum protocol (HNN): 80% in time order. */
  public static final double DEFAULT_FRACTION = 0.8;

  public TimeSplit {
    heldOut = List.copyOf(heldOut);
  }

  /**
   * One trial's held-out points: measured times and states from the first point after the cut to
   * the trial's end, across any gaps.
   *
   * @param states {@code states[t][k]}
   * @param gaps the number of gaps inside it
   */
  public record HeldOut(String trial, int firstLine, int lastLine, double[] times, double[][] states, int gaps) {
    /** The number of points. */
    public int points() {
      return times.length;
    }

    /** "trial '0', lines 447-557 (111 points, t = 80.5 to 99.5, 2 gaps)". */
    public String describe() {
      return (trial.isEmpty() ? "" : "trial '" + trial + "', ") + "lines " + firstLine + "-" + lastLine + " ("
          + points() + " points, t = " + SeriesText.format(times[0]) + " to " + SeriesText.format(times[points() - 1])
          + (gaps == 0 ? "" : ", " + gaps + (gaps == 1 ? " gap" : " gaps")) + ")";
    }
  }

  /**
   * Splits {@code series}: in every trial the first {@code round(fraction · points)} points train.
   *
   * @throws InvalidDataException naming the file and the trial when a trial's held-out part would
   *     have fewer than 2 points (nothing to compare a rollout with)
   * @throws IllegalArgumentException when {@code fraction} is not in (0, 1)
   */
  public static TimeSplit of(MeasuredSeries series, double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("training fraction " + fraction + " must be between 0 and 1");
    }
    List<MeasuredSeries.Segment> trainingSegments = new ArrayList<>();
    List<MeasuredSeries.Gap> trainingGaps = new ArrayList<>();
    List<HeldOut> heldOut = new ArrayList<>();
    int trainingPoints = 0;
    List<MeasuredSeries.Segment> all = series.segments();
    int s = 0;
    while (s < all.size()) {
      String trial = all.get(s).trial();
      int end = s;
      int points = 0;
      while (end < all.size() && all.get(end).trial().equals(trial)) {
        points += all.get(end).points();
        end++;
      }
      int cut = (int) Math.round(fraction * points);
      if (points - cut < 2) {
        throw new InvalidDataException(series.source() + ": " + describeTrial(trial) + " has " + points
            + " points; its last " + percent(1 - fraction) + " (" + (points - cut) + " point) cannot be held out"
            + " to compare a rollout with; it needs at least " + pointsNeeded(fraction) + " points");
      }
      double cutTime = Double.NaN;
      List<Double> times = new ArrayList<>();
      List<double[]> states = new ArrayList<>();
      int firstLine = -1;
      int lastLine = -1;
      int gaps = 0;
      int seen = 0;
      for (int i = s; i < end; i++) {
        MeasuredSeries.Segment segment = all.get(i);
        double[] t = segment.times();
        double[][] x = segment.states();
        int keep = Math.max(0, Math.min(t.length, cut - seen));
        if (keep > 0) {
          trainingSegments.add(new MeasuredSeries.Segment(trial, segment.firstLine(), segment.firstLine() + keep - 1,
              Arrays.copyOf(t, keep), Arrays.copyOf(x, keep)));
          trainingPoints += keep;
        }
        if (keep < t.length) {
          if (firstLine < 0) {
            firstLine = segment.firstLine() + keep;
            cutTime = t[keep];
          } else {
            gaps++;
          }
          for (int j = keep; j < t.length; j++) {
            times.add(t[j]);
            states.add(x[j]);
          }
          lastLine = segment.lastLine();
        }
        seen += t.length;
      }
      for (MeasuredSeries.Gap gap : series.gaps()) {
        if (gap.trial().equals(trial) && gap.after() < cutTime) {
          trainingGaps.add(gap);
        }
      }
      heldOut.add(new HeldOut(trial, firstLine, lastLine, times.stream().mapToDouble(Double::doubleValue).toArray(),
          states.toArray(double[][]::new), gaps));
      s = end;
    }
    return new TimeSplit(series.part(trainingSegments, trainingGaps, trainingPoints), heldOut, fraction);
  }

  /** "80% of each trial in time order trains (…); held out: trial '0', lines …". */
  public String summary() {
    StringBuilder b = new StringBuilder(percent(fraction)).append(" of each trial in time order trains (")
        .append(training.points()).append(" points in ").append(training.segments().size())
        .append(" segments); held out: ");
    for (int i = 0; i < heldOut.size(); i++) {
      b.append(i == 0 ? "" : "; ").append(heldOut.get(i).describe());
    }
    return b.toString();
  }

  /** The fewest points whose held-out part has 2 points. */
  private static int pointsNeeded(double fraction) {
    int n = 2;
    while (n - (int) Math.round(fraction * n) < 2) {
      n++;
    }
    return n;
  }

  private static String describeTrial(String trial) {
    return trial.isEmpty() ? "the series" : "trial '" + trial + "'";
  }

  private static String percent(double f) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * f);
  }
}
