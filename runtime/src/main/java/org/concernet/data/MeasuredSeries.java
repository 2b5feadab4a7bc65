/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measured time series as they come from an experiment: columns of a text file, one row per
 * sample, states without derivatives, and samples that are sometimes missing. It reads the file,
 * splits it into gap-free {@link Segment}s, and cuts those into the equal-length {@link
 * Trajectories} that training needs, with derivatives estimated by a {@link SavitzkyGolay} fit.
 *
 * <h2>Files</h2>
 * <ul>
 *   <li><b>Whitespace-separated</b> with a first header line that starts with {@code %} (or
 *       {@code #}), as in the Schmidt–Lipson data ({@code % x v}). These headers name only the
 *       state columns: when the header names exactly two columns fewer than the rows have, the two
 *       leading columns are {@code trial} and {@code time} (the Schmidt–Lipson layout). Any other
 *       count is an error unless the column names are given ({@link Options#columns()}).
 *   <li><b>CSV</b>: a header line of comma-separated names, then comma-separated rows (no
 *       derivative columns needed; any column not selected is ignored).
 * </ul>
 * Blank lines are ignored; Windows line ends are fine. Columns are selected by name: the time
 * column, the state columns (in the order given, which is the order of the states), and an optional
 * trial column whose value (as text) labels the trial each row belongs to; the rows of a trial must
 * be contiguous.
 *
 * <h2>Gaps</h2>
 * Within a trial, times must strictly increase. A step longer than {@link Options#gapFactor()}
 * (default {@value #DEFAULT_GAP_FACTOR}) times the trial's median step is a gap: the trial is split
 * there into two segments, and nothing ever bridges it (no interpolation, no derivative across it,
 * no window spanning it). {@link #gaps()} and {@link #summary()} report where.
 *
 * <h2>From segments to trajectories</h2>
 * {@code Trajectories} needs equal lengths, and contrastive learning wants points that share the
 * invariant, so {@link #windows(int, SavitzkyGolay)} cuts every segment into consecutive,
 * non-overlapping windows of a fixed number of points, from the segment's start; each window is one
 * trajectory. What does not fill a window (a segment shorter than it, the last points of a
 * segment) is left out and reported by {@link #windowSummary(int)}. Derivatives are estimated over
 * the whole segment before it is cut, so a window's first and last points get centred fits where
 * the segment goes on. A window short compared with how fast the system loses its "conserved"
 * quantity (a damped pendulum) keeps that quantity nearly constant within each trajectory.
 *
 * <h2>Use</h2>
 * The real pendulum (header {@code %o v}), its columns renamed to a system's states, in
 * trajectories of 16 points (about 2.5 s) with derivatives:
 *
 * <pre>{@code
 * MeasuredSeries series = MeasuredSeries.read(Path.of("real_pend_h_1.txt"),
 *     MeasuredSeries.Options.of(List.of("theta", "omega"))
 *         .withColumns(List.of("trial", "time", "theta", "omega")));
 * SavitzkyGolay differentiator = series.chooseDifferentiator(16, SavitzkyGolay.DEFAULT_DEGREE);
 * Trajectories data = series.windows(16, differentiator);  // 33 trajectories; window 5, degree 2
 * System.out.println(series.summary());                      // the gaps and segments
 * System.out.println(series.windowSummary(16));              // what the windows leave out
 * }</pre>
 *
 * <p>Every problem is an {@link InvalidDataException} naming the file, the line and the value.
 */
public final class MeasuredSeries {
  /** A step longer than this many median steps is a gap. */
  public static final double DEFAULT_GAP_FACTOR = 1.5;

  /** The default name of the time column. */
  public static final String TIME = "time";

  /** The default name of the trial column, used when the file has one. */
  public static final String TRIAL = "trial";


  /**
   * What to read from a file.
   *
   * @param states the names of the state columns, in state order
   * @param time the name of the time column
   * @param trial the name of the trial column; {@code null} for none
   * @param trialRequired whether a missing trial column is an error (otherwise the whole file is
   *     one trial)
   * @param columns names for all columns, replacing the file's header; {@code null} to use it
   * @param gapFactor a step longer than this many median steps is a gap (greater than 1)
   */
  public record Options(List<String> states, String time, String trial, boolean trialRequired,
      List<String> columns, double gapFactor) {
    public Options {
      states = List.copyOf(states);
      columns = columns == null ? null : List.copyOf(columns);
      if (states.isEmpty()) {
        throw new IllegalArgumentException("no state columns selected");
      }
      if (!(gapFactor > 1)) {
        throw new IllegalArgumentException("gap factor " + gapFactor + " must be greater than 1");
      }
    }

    /** The states {@code states}, time column {@code time}, trial column {@code trial} if present. */
    public static Options of(List<String> states) {
      return new Options(states, TIME, TRIAL, false, null, DEFAULT_GAP_FACTOR);
    }

    /** The time column called {@code name}. */
    public Options withTime(String name) {
      return new Options(states, name, trial, trialRequired, columns, gapFactor);
    }

    /** The trial column called {@code name}, which must exist; {@code null} for none. */
    public Options withTrial(String name) {
      return new Options(states, time, name, name != null, columns, gapFactor);
    }

    /** All column names, replacing the file's header line. */
    public Options withColumns(List<String> names) {
      return new Options(states, time, trial, trialRequired, names, gapFactor);
    }

    /** Gaps at steps longer than {@code factor} median steps. */
    public Options withGapFactor(double factor) {
      return new Options(states, time, trial, trialRequired, columns, factor);
    }
  }

  /**
   * A run of samples with no gap: one trial's points from {@code firstLine} to {@code lastLine}
   * (1-based lines of the file).
   *
   * @param states {@code states[t][k]}: state k at point t
   */
  public record Segment(String trial, int firstLine, int lastLine, double[] times, double[][] states) {
    public Segment {
      times = times.clone();
      states = deepCopy(states);
    }

    /** The times (a copy). */
    @Override
    public double[] times() {
      return times.clone();
    }

    /** The states, {@code states[t][k]} (a copy). */
    @Override
    public double[][] states() {
      return deepCopy(states);
    }

    private static double[][] deepCopy(double[][] values) {
      double[][] copy = new double[values.length][];
      for (int t = 0; t < values.length; t++) {
        copy[t] = values[t].clone();
      }
      return copy;
    }

    /** The number of points. */
    public int points() {
      return times.length;
    }

    /** "lines 2-6 (5 points, t = 5.0 to 5.667)". */
    public String describe() {
      return "lines " + firstLine + "-" + lastLine + " (" + points() + " points, t = " + SeriesText.format(times[0]) + " to "
          + SeriesText.format(times[times.length - 1]) + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Segment other && trial.equals(other.trial) && firstLine == other.firstLine
          && lastLine == other.lastLine && Arrays.equals(times, other.times) && Arrays.deepEquals(states, other.states);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * trial.hashCode() + firstLine) + Arrays.hashCode(times);
    }

    @Override
    public String toString() {
      return "Segment[trial '" + trial + "', " + describe() + "]";
    }
  }

  /**
   * A gap: in {@code trial}, the step from time {@code before} to time {@code after} (on line
   * {@code line}) is {@code after - before}, longer than the gap factor times the median step.
   */
  public record Gap(String trial, int line, double before, double after) {
    /** The step across the gap. */
    public double step() {
      return after - before;
    }
  }

  private final String source;
  private final Options options;
  private final List<Segment> segments;
  private final List<Gap> gaps;
  private final int trials;
  private final int points;
  private final double medianStep;
  private final String layoutNote;

  private MeasuredSeries(String source, Options options, List<Segment> segments, List<Gap> gaps, int trials,
      int points, double medianStep, String layoutNote) {
    this.source = source;
    this.options = options;
    this.segments = List.copyOf(segments);
    this.gaps = List.copyOf(gaps);
    this.trials = trials;
    this.points = points;
    this.medianStep = medianStep;
    this.layoutNote = layoutNote;
  }

  /** Reads {@code file} with the state columns {@code states} and the default options. */
  public static MeasuredSeries read(Path file, List<String> states) throws IOException {
    return read(file, Options.of(states));
  }

  /**
   * Reads {@code file} (whitespace-separated with a {@code %} header, or CSV) and splits it at gaps.
   *
   * @throws InvalidDataException naming the file, line and value: a value that is not a finite
   *     number, a selected column that is not there (with the columns that are), a row of the wrong
   *     width, times that do not increase, a trial that reappears, an empty file
   * @throws IOException when the file cannot be read
   */
  public static MeasuredSeries read(Path file, Options options) throws IOException {
    String source = String.valueOf(file.getFileName());
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int headerIndex = 0;
    while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
      headerIndex++;
    }
    if (headerIndex == lines.size()) {
      throw new InvalidDataException(source + ": the file is empty; expected a header line naming the columns and one row per sample");
    }
    String header = lines.get(headerIndex).strip();
    boolean commented = header.startsWith("%") || header.startsWith("#");
    if (commented) {
      header = header.substring(1).strip();
    }
    boolean csv = header.contains(",");
    List<String> named = SeriesText.split(header, csv);
    int headerLine = headerIndex + 1;

    // the rows
    List<String[]> rows = new ArrayList<>();
    List<Integer> rowLines = new ArrayList<>();
    for (int i = headerIndex + 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      rows.add(SeriesText.split(line, csv).toArray(String[]::new));
      rowLines.add(i + 1);
    }
    if (rows.isEmpty()) {
      throw new InvalidDataException(source + ": no data rows after the header (line " + headerLine + ")");
    }
    int width = rows.get(0).length;

    // the column names
    List<String> columns;
    String layoutNote = "";
    if (options.columns() != null) {
      columns = options.columns();
      layoutNote = "columns named by the caller " + columns;
    } else if (named.size() == width) {
      columns = named;
    } else if (commented && !csv && named.size() == width - 2) {
      columns = new ArrayList<>(List.of(TRIAL, TIME));
      columns.addAll(named);
      layoutNote = "header '" + lines.get(headerIndex).strip() + "' names the last " + named.size()
          + " columns; the first two are trial and time (Schmidt–Lipson layout)";
    } else {
      throw new InvalidDataException(source + ", line " + headerLine + ": the header names " + named.size() + " columns "
          + named + " but the rows have " + width + " (line " + rowLines.get(0) + "); give the column names explicitly");
    }
    if (columns.size() != width) {
      throw new InvalidDataException(source + ": " + columns.size() + " column names " + columns + " given but the rows have "
          + width + " columns (line " + rowLines.get(0) + ")");
    }
    int timeColumn = SeriesText.find(source, headerLine, columns, options.time(), "time");
    int[] stateColumns = new int[options.states().size()];
    for (int k = 0; k < stateColumns.length; k++) {
      stateColumns[k] = SeriesText.find(source, headerLine, columns, options.states().get(k), "state");
    }
    int trialColumn = -1;
    if (options.trial() != null) {
      trialColumn = columns.indexOf(options.trial());
      if (trialColumn < 0 && options.trialRequired()) {
        SeriesText.find(source, headerLine, columns, options.trial(), "trial");
      }
    }

    // parse, split into trials and at gaps
    List<Segment> segments = new ArrayList<>();
    List<Gap> gaps = new ArrayList<>();
    List<String> seenTrials = new ArrayList<>();
    List<Double> allSteps = new ArrayList<>();
    int n = stateColumns.length;
    int start = 0;
    while (start < rows.size()) {
      String trial = trialColumn < 0 ? "" : rows.get(start)[Math.min(trialColumn, rows.get(start).length - 1)];
      int end = start;
      double[] times = new double[rows.size() - start];
      double[][] states = new double[rows.size() - start][];
      while (end < rows.size()) {
        String[] row = rows.get(end);
        int line = rowLines.get(end);
        if (row.length != width) {
          throw new InvalidDataException(source + ", line " + line + ": " + row.length + " columns found, expected " + width
              + " " + columns);
        }
        if (trialColumn >= 0 && !row[trialColumn].equals(trial)) {
          break;
        }
        int t = end - start;
        times[t] = SeriesText.parse(source, line, columns.get(timeColumn), row[timeColumn]);
        if (t > 0 && !(times[t] > times[t - 1])) {
          throw new InvalidDataException(source + ", line " + line + ": time " + row[timeColumn] + SeriesText.describeTrial(trial)
              + " does not increase (previous " + SeriesText.format(times[t - 1]) + " on line " + rowLines.get(end - 1)
              + "); times must strictly increase within a trial");
        }
        states[t] = new double[n];
        for (int k = 0; k < n; k++) {
          states[t][k] = SeriesText.parse(source, line, columns.get(stateColumns[k]), row[stateColumns[k]]);
        }
        end++;
      }
      if (seenTrials.contains(trial)) {
        throw new InvalidDataException(source + ", line " + rowLines.get(start) + ": trial '" + trial
            + "' appears again; the rows of a trial must be contiguous");
      }
      seenTrials.add(trial);
      int count = end - start;
      times = Arrays.copyOf(times, count);
      states = Arrays.copyOf(states, count);
      splitAtGaps(trial, times, states, rowLines.subList(start, end), options.gapFactor(), segments, gaps, allSteps);
      start = end;
    }
    double median = allSteps.isEmpty() ? Double.NaN : SeriesText.median(allSteps.stream().mapToDouble(Double::doubleValue).toArray());
    return new MeasuredSeries(source, options, segments, gaps, seenTrials.size(), rows.size(), median, layoutNote);
  }

  private static void splitAtGaps(String trial, double[] times, double[][] states, List<Integer> lines, double factor,
      List<Segment> segments, List<Gap> gaps, List<Double> allSteps) {
    if (times.length < 2) {
      segments.add(new Segment(trial, lines.get(0), lines.get(0), times, states));
      return;
    }
    double[] steps = new double[times.length - 1];
    for (int t = 0; t < steps.length; t++) {
      steps[t] = times[t + 1] - times[t];
      allSteps.add(steps[t]);
    }
    double limit = factor * SeriesText.median(steps);
    int from = 0;
    for (int t = 1; t <= times.length; t++) {
      boolean gap = t < times.length && steps[t - 1] > limit;
      if (gap || t == times.length) {
        segments.add(new Segment(trial, lines.get(from), lines.get(t - 1), Arrays.copyOfRange(times, from, t),
            Arrays.copyOfRange(states, from, t)));
        from = t;
      }
      if (gap) {
        gaps.add(new Gap(trial, lines.get(t), times[t - 1], times[t]));
      }
    }
  }

  /** This series' file and options with other segments (a part of it, {@link TimeSplit}). */
  MeasuredSeries part(List<Segment> partSegments, List<Gap> partGaps, int partPoints) {
    int partTrials = (int) partSegments.stream().map(Segment::trial).distinct().count();
    return new MeasuredSeries(source, options, partSegments, partGaps, partTrials, partPoints, medianStep, layoutNote);
  }

  // ------------------------------------------------------------------------------ what was read

  /** The file name. */
  public String source() {
    return source;
  }

  /** The state names, in order (the selected columns). */
  public List<String> stateNames() {
    return options.states();
  }

  /** The gap-free segments, in file order. */
  public List<Segment> segments() {
    return segments;
  }

  /** The gaps found, in file order. */
  public List<Gap> gaps() {
    return gaps;
  }

  /** The number of trials (1 without a trial column). */
  public int trials() {
    return trials;
  }

  /** The number of samples read. */
  public int points() {
    return points;
  }

  /** The median time step over all trials. */
  public double medianStep() {
    return medianStep;
  }

  /**
   * What was read, in one paragraph: "real_pend_h_1.txt: 1 trial, 556 points, median step 0.1667;
   * 10 gaps (steps over 1.5 median steps, at lines …) split it into 11 segments of 5, 17, … points".
   */
  public String summary() {
    StringBuilder b = new StringBuilder(source).append(": ").append(trials).append(trials == 1 ? " trial, " : " trials, ")
        .append(points).append(" points, median step ").append(SeriesText.format(medianStep)).append("; ");
    if (gaps.isEmpty()) {
      b.append("no gaps");
    } else {
      b.append(gaps.size()).append(gaps.size() == 1 ? " gap" : " gaps").append(" (steps over ")
          .append(options.gapFactor()).append(" median steps) at lines ");
      for (int g = 0; g < gaps.size(); g++) {
        Gap gap = gaps.get(g);
        b.append(g == 0 ? "" : ", ").append(gap.line()).append(" (").append(SeriesText.format(gap.before())).append(" → ")
            .append(SeriesText.format(gap.after())).append(")");
      }
    }
    b.append("; ").append(segments.size()).append(segments.size() == 1 ? " segment of " : " segments of ");
    for (int s = 0; s < segments.size(); s++) {
      b.append(s == 0 ? "" : ", ").append(segments.get(s).points());
    }
    b.append(" points");
    if (!layoutNote.isEmpty()) {
      b.append(" (").append(layoutNote).append(")");
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------ trajectories

  /** The segments with at least {@code points} points: those that yield a window. */
  public List<Segment> segmentsOfAtLeast(int points) {
    return segments.stream().filter(s -> s.points() >= points).toList();
  }

  /**
   * Trajectories of {@code points} points each, cut from the segments (see the class comment),
   * without derivatives.
   *
   * @throws InvalidDataException when fewer than two windows result (contrastive learning compares
   *     trajectories), naming the segments
   */
  public Trajectories windows(int points) {
    return windows(points, null);
  }

  /**
   * Trajectories of {@code points} points each, cut from the segments (see the class comment), with
   * derivatives estimated by {@code differentiator} over each whole segment (never across a gap).
   *
   * @param differentiator the derivative estimate, or {@code null} for none; its window must not be
   *     longer than {@code points}
   * @throws InvalidDataException when fewer than two windows result, naming the segments
   * @throws IllegalArgumentException when {@code points < 2} or the differentiator's window is
   *     longer than {@code points}
   */
  public Trajectories windows(int points, SavitzkyGolay differentiator) {
    if (points < 2) {
      throw new IllegalArgumentException("a window needs at least 2 points, got " + points);
    }
    if (differentiator != null && differentiator.window() > points) {
      throw new IllegalArgumentException(differentiator + " is longer than the windows of " + points + " points");
    }
    List<Segment> usable = segmentsOfAtLeast(points);
    int count = countWindows(points);
    int n = options.states().size();
    double[] times = new double[count * points];
    double[] states = new double[count * points * n];
    double[] derivatives = differentiator == null ? null : new double[count * points * n];
    int i = 0;
    for (Segment s : usable) {
      double[] segmentTimes = s.times();
      double[][] segmentStates = s.states();
      double[][] dx = null;
      if (differentiator != null) {
        dx = new double[n][];
        for (int k = 0; k < n; k++) {
          dx[k] = differentiator.derivative(segmentTimes, SavitzkyGolay.column(segmentStates, k));
        }
      }
      for (int w = 0; w < s.points() / points; w++, i++) {
        for (int t = 0; t < points; t++) {
          int at = w * points + t;
          times[i * points + t] = segmentTimes[at];
          for (int k = 0; k < n; k++) {
            states[(i * points + t) * n + k] = segmentStates[at][k];
            if (dx != null) {
              derivatives[(i * points + t) * n + k] = dx[k][at];
            }
          }
        }
      }
    }
    return Trajectories.ofFlat(source, options.states(), count, points, times, states, derivatives);
  }

  /** The number of windows of {@code points} points, at least 2 or an error naming the segments. */
  private int countWindows(int points) {
    int count = 0;
    for (Segment s : segmentsOfAtLeast(points)) {
      count += s.points() / points;
    }
    if (count < 2) {
      throw new InvalidDataException(source + ": windows of " + points + " points give " + count
          + (count == 1 ? " trajectory" : " trajectories") + ", contrastive learning compares trajectories and needs at least 2; "
          + summary() + "; use shorter windows or more data");
    }
    return count;
  }

  /**
   * The differentiator chosen from this series (see {@link SavitzkyGolay}), over the segments of
   * at least {@code points} points, with windows of at most {@code points} points.
   *
   * @throws InvalidDataException when fewer than two windows of {@code points} points result
   */
  public SavitzkyGolay chooseDifferentiator(int points, int degree) {
    countWindows(points);
    List<Segment> usable = segmentsOfAtLeast(points);
    return SavitzkyGolay.choose(usable.stream().map(Segment::times).toList(),
        usable.stream().map(Segment::states).toList(), degree, Math.min(points, SavitzkyGolay.DEFAULT_MAX_WINDOW));
  }

  /**
   * What {@link #windows(int)} keeps and leaves out: "33 trajectories of 16 points from 10 of 11
   * segments; left out: lines 2-6 (5 points, shorter than a window), the last 1 point of lines …".
   */
  public String windowSummary(int points) {
    List<Segment> usable = segmentsOfAtLeast(points);
    int count = 0;
    List<String> left = new ArrayList<>();
    for (Segment s : segments) {
      if (s.points() < points) {
        left.add(s.describe() + ", shorter than a window");
      } else {
        count += s.points() / points;
        int rest = s.points() % points;
        if (rest > 0) {
          left.add("the last " + rest + (rest == 1 ? " point of " : " points of ") + "lines " + s.firstLine() + "-"
              + s.lastLine());
        }
      }
    }
    return count + " trajectories of " + points + " points from " + usable.size() + " of " + segments.size()
        + " segments" + (left.isEmpty() ? "" : "; left out: " + String.join(", ", left));
  }

  @Override
  public String toString() {
    return summary();
  }
}
