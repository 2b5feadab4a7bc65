/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes {@link Trajectories} as CSV and as NumPy {@code .npz}, so data can come from
 * measurements or from Python, with no equations at all.
 *
 * <h2>CSV</h2>
 * A header {@code trajectory,time,<state names…>[,<state name>_dot…]} and one row per point. The
 * derivative columns are optional; when present there is one per state, in the same order. The
 * {@code trajectory} column is a label (written as 0, 1, …); the rows of one trajectory must be
 * contiguous and their times strictly increasing, and all trajectories must have the same number of
 * points. Values are written with {@link Double#toString(double)}, so a write-read round trip is
 * exact. Blank lines are ignored; cells may be surrounded by spaces; quoting is not supported (state
 * names must not contain commas). Without expected state names, the first column ending in
 * {@code _dot} starts the derivative columns; with them, the header is split after the expected
 * names, so state names may themselves end in {@code _dot}. A file with a single trajectory reads fine, but training needs at
 * least two trajectories (the contrastive loss compares trajectories).
 *
 * <h2>NPZ</h2>
 * A zip of {@code .npy} arrays as written by {@code np.savez}: {@code states.npy} [N, T, n],
 * {@code times.npy} [N, T] (on read also [T], shared by all trajectories), optional
 * {@code derivatives.npy} [N, T, n], and optional {@code names.npy}, a 1-D string array of the n
 * state names. From Python: {@code np.savez("data.npz", states=x, times=t, derivatives=dx,
 * names=np.array(["q", "p"]))}. Float32 and big-endian arrays are read too (see {@link Npy}).
 *
 * <p>Every problem is an {@link InvalidDataException} naming the file, and the line (CSV) or entry
 * and shape (NPZ), and the offending value.
 */
public final class TrajectoryIO {
  /** Suffix of derivative columns in CSV headers. */
  public static final String DERIVATIVE_SUFFIX = "_dot";

  private TrajectoryIO() {}

  // ------------------------------------------------------------------------------ by extension

  /** Writes {@code data} as CSV ({@code .csv}) or NPZ ({@code .npz}) by the file's extension. */
  public static void write(Trajectories data, Path file) throws IOException {
    switch (extension(file)) {
      case "csv" -> writeCsv(data, file);
      case "npz" -> writeNpz(data, file);
      default -> throw new IllegalArgumentException(file + ": unknown extension; use .csv or .npz");
    }
  }

  /**
   * Reads CSV ({@code .csv}) or NPZ ({@code .npz}) by the file's extension.
   *
   * @param expectedStateNames the state names the data must have, or {@code null} to take them
   *     from the file
   */
  public static Trajectories read(Path file, List<String> expectedStateNames) throws IOException {
    return switch (extension(file)) {
      case "csv" -> readCsv(file, expectedStateNames);
      case "npz" -> readNpz(file, expectedStateNames);
      default -> throw new InvalidDataException(file + ": unknown extension; expected .csv or .npz");
    };
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------------------------- CSV

  /** Writes {@code data} as CSV (see the class comment), creating or replacing {@code file}. */
  public static void writeCsv(Trajectories data, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> names = data.stateNames();
      for (String name : names) {
        if (name.contains(",") || name.contains("\n")) {
          throw new IllegalArgumentException("state name '" + name + "' contains a comma or a line break; CSV cannot hold it");
        }
      }
      out.write("trajectory,time");
      for (String name : names) {
        out.write(',');
        out.write(name);
      }
      if (data.hasDerivatives()) {
        for (String name : names) {
          out.write(',');
          out.write(name + DERIVATIVE_SUFFIX);
        }
      }
      out.write('\n');
      double[] states = data.statesFlat();
      double[] derivatives = data.hasDerivatives() ? data.derivativesFlat() : null;
      int n = data.dimension();
      StringBuilder row = new StringBuilder();
      for (int i = 0; i < data.count(); i++) {
        for (int t = 0; t < data.length(); t++) {
          row.setLength(0);
          row.append(i).append(',').append(Double.toString(data.time(i, t)));
          int at = (i * data.length() + t) * n;
          for (int k = 0; k < n; k++) {
            row.append(',').append(Double.toString(states[at + k]));
          }
          if (derivatives != null) {
            for (int k = 0; k < n; k++) {
              row.append(',').append(Double.toString(derivatives[at + k]));
            }
          }
          row.append('\n');
          out.append(row);
        }
      }
    }
  }

  /** Reads a CSV file, taking the state names from its header. */
  public static Trajectories readCsv(Path file) throws IOException {
    return readCsv(file, null);
  }

  /**
   * Reads a CSV file (see the class comment).
   *
   * @param expectedStateNames the state columns the header must list, in order, or {@code null}
   * @throws InvalidDataException naming the file, line and value of the first problem
   */
  public static Trajectories readCsv(Path file, List<String> expectedStateNames) throws IOException {
    String source = file.toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new CsvReader(source, expectedStateNames).read(in);
    }
  }

  private static final class CsvReader {
    private final String source;
    private final List<String> expected;
    private List<String> columns;
    private List<String> names;
    private boolean withDerivatives;

    CsvReader(String source, List<String> expected) {
      this.source = source;
      this.expected = expected == null ? null : List.copyOf(expected);
    }

    private InvalidDataException error(int line, String message) {
      return new InvalidDataException(source + ", line " + line + ": " + message);
    }

    Trajectories read(BufferedReader in) throws IOException {
      String headerLine = in.readLine();
      int lineNumber = 1;
      while (headerLine != null && headerLine.strip().replace("\uFEFF", "").isEmpty()) {
        headerLine = in.readLine();
        lineNumber++;
      }
      if (headerLine == null) {
        throw new InvalidDataException(source + ": the file is empty; expected a header line "
            + "'trajectory,time,<state names…>[,<state name>_dot…]' and one row per point");
      }
      int headerLineNumber = lineNumber;
      parseHeader(headerLine.replace("\uFEFF", ""), lineNumber);
      int n = names.size();
      int width = columns.size();
      DoubleList times = new DoubleList();
      DoubleList states = new DoubleList();
      DoubleList derivatives = new DoubleList();
      List<String> labels = new ArrayList<>();
      List<int[]> spans = new ArrayList<>(); // per trajectory: first line, last line, points
      Map<String, Integer> seen = new LinkedHashMap<>();
      double previousTime = Double.NaN;
      int previousLine = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (cells.length != width) {
          throw error(lineNumber, "trajectory '" + cells[0].strip() + "': " + cells.length + " columns found, expected "
              + width + " (" + String.join(",", columns) + ")");
        }
        String label = cells[0].strip();
        if (label.isEmpty()) {
          throw error(lineNumber, "empty trajectory label");
        }
        boolean newTrajectory = labels.isEmpty() || !labels.get(labels.size() - 1).equals(label);
        if (newTrajectory) {
          Integer before = seen.get(label);
          if (before != null) {
            throw error(lineNumber, "trajectory '" + label + "' appears again (it began on line "
                + spans.get(before)[0] + ", other trajectories followed); the rows of one trajectory must be contiguous");
          }
          seen.put(label, labels.size());
          labels.add(label);
          spans.add(new int[] {lineNumber, lineNumber, 0});
        }
        int[] span = spans.get(spans.size() - 1);
        String where = "trajectory '" + label + "', point " + span[2];
        double time = number(cells[1], 1, lineNumber, where);
        if (!newTrajectory && !(time > previousTime)) {
          throw error(lineNumber, "time " + cells[1].strip() + " of trajectory '" + label + "', point " + span[2]
              + ", does not increase "
              + "(previous " + previousTime + " on line " + previousLine + ")");
        }
        times.add(time);
        for (int k = 0; k < n; k++) {
          states.add(number(cells[2 + k], 2 + k, lineNumber, where));
        }
        if (withDerivatives) {
          for (int k = 0; k < n; k++) {
            derivatives.add(number(cells[2 + n + k], 2 + n + k, lineNumber, where));
          }
        }
        previousTime = time;
        previousLine = lineNumber;
        span[1] = lineNumber;
        span[2]++;
      }
      if (labels.isEmpty()) {
        throw new InvalidDataException(source + ": no data rows after the header (line " + headerLineNumber + ")");
      }
      int length = spans.get(0)[2];
      for (int i = 1; i < spans.size(); i++) {
        int[] span = spans.get(i);
        if (span[2] != length) {
          throw error(span[0], "trajectory '" + labels.get(i) + "' (lines " + span[0] + "-" + span[1] + ") has "
              + span[2] + " points but trajectory '" + labels.get(0) + "' (lines " + spans.get(0)[0] + "-"
              + spans.get(0)[1] + ") has " + length + "; all trajectories must have the same number of points");
        }
      }
      double[] flatStates = states.toArray();
      if (length > 1) {
        for (int i = 0; i < spans.size(); i++) {
          int from = i * length * n;
          if (Trajectories.isConstant(flatStates, from, length, n)) {
            int[] span = spans.get(i);
            throw error(span[0], "trajectory '" + labels.get(i) + "' (lines " + span[0] + "-" + span[1] + "): all "
                + length + " states are identical, " + Trajectories.describe(names, flatStates, from)
                + "; a constant trajectory shows no motion to learn from (a stuck sensor?); remove it");
          }
        }
      }
      return Trajectories.ofFlat(source, names, labels.size(), length, times.toArray(), flatStates,
          withDerivatives ? derivatives.toArray() : null);
    }

    private void parseHeader(String header, int line) {
      columns = new ArrayList<>();
      for (String cell : header.split(",", -1)) {
        columns.add(cell.strip());
      }
      if (columns.size() < 3 || !columns.get(0).equalsIgnoreCase("trajectory") || !columns.get(1).equalsIgnoreCase("time")) {
        throw error(line, "header '" + header.strip() + "' found, expected 'trajectory,time,<state names…>"
            + "[,<state name>_dot…]'" + (expected == null ? "" : " with state names " + expected));
      }
      List<String> rest = columns.subList(2, columns.size());
      int firstDot = rest.size();
      for (int j = 0; j < rest.size(); j++) {
        if (rest.get(j).endsWith(DERIVATIVE_SUFFIX)) {
          firstDot = j;
          break;
        }
      }
      List<String> stateColumns = List.copyOf(rest.subList(0, firstDot));
      List<String> derivativeColumns = List.copyOf(rest.subList(firstDot, rest.size()));
      if (expected != null && rest.size() >= expected.size()) {
        // Split where the expected names end (state names may themselves end in _dot).
        firstDot = expected.size();
        stateColumns = List.copyOf(rest.subList(0, Math.min(firstDot, rest.size())));
        derivativeColumns = List.copyOf(rest.subList(Math.min(firstDot, rest.size()), rest.size()));
      }
      for (int j = 0; j < stateColumns.size(); j++) {
        if (stateColumns.get(j).isEmpty()) {
          throw error(line, "state column " + (j + 3) + " has an empty name");
        }
      }
      if (stateColumns.isEmpty()) {
        throw error(line, "no state columns in header '" + header.strip() + "'");
      }
      if (expected != null && !stateColumns.equals(expected)) {
        throw error(line, "state columns " + stateColumns + " found, expected the system's state names " + expected
            + "; the header must be 'trajectory,time," + String.join(",", expected) + "[,"
            + String.join(",", expected.stream().map(s -> s + DERIVATIVE_SUFFIX).toList()) + "]'");
      }
      List<String> surplus = derivativeColumns.stream().filter(c -> !c.endsWith(DERIVATIVE_SUFFIX)).toList();
      if (!surplus.isEmpty()) {
        throw error(line, "column" + (surplus.size() == 1 ? " " : "s ") + surplus + " after the state columns "
            + stateColumns + (surplus.size() == 1 ? " is" : " are") + " neither a state of the system nor a derivative"
            + " column (" + String.join(", ", stateColumns.stream().map(s -> s + DERIVATIVE_SUFFIX).toList())
            + "); remove " + (surplus.size() == 1 ? "it" : "them") + " from the file");
      }
      if (!derivativeColumns.isEmpty()) {
        List<String> wanted = stateColumns.stream().map(s -> s + DERIVATIVE_SUFFIX).toList();
        if (!derivativeColumns.equals(wanted)) {
          throw error(line, "derivative columns " + derivativeColumns + " found, expected none or " + wanted
              + " (one per state column, in the same order)");
        }
      }
      names = stateColumns;
      withDerivatives = !derivativeColumns.isEmpty();
      if (new java.util.HashSet<>(names).size() != names.size()) {
        throw error(line, "duplicate state column names in " + names);
      }
    }

    private double number(String cell, int column, int line, String where) {
      String text = cell.strip();
      String lower = text.toLowerCase(Locale.ROOT);
      // NumPy and pandas write nan, inf, -inf; Java writes NaN, Infinity: all are refused alike
      boolean nonFiniteWord = lower.matches("[+-]?(nan|inf|infinity)");
      double value;
      try {
        if (text.isEmpty() || nonFiniteWord) {
          throw new NumberFormatException();
        }
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        if (nonFiniteWord) {
          throw error(line, where + ", column '" + columns.get(column) + "': value " + text + " is not finite;"
              + " remove or repair the row (every value must be a finite number)");
        }
        throw error(line, where + ", column '" + columns.get(column) + "': '" + text + "' is not a number");
      }
      if (!Double.isFinite(value)) {
        throw error(line, where + ", column '" + columns.get(column) + "': value " + text + " is not finite;"
            + " remove or repair the row (every value must be a finite number)");
      }
      return value;
    }
  }

  /** A growable double array. */
  private static final class DoubleList {
    private double[] values = new double[1024];
    private int size;

    void add(double v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = v;
    }

    double[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  // ------------------------------------------------------------------------------------- NPZ

  /** Writes {@code data} as {@code .npz} (see the class comment), creating or replacing {@code file}. */
  public static void writeNpz(Trajectories data, Path file) throws IOException {
    long n = data.count();
    long t = data.length();
    long d = data.dimension();
    try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
      zip.putNextEntry(new ZipEntry("states.npy"));
      Npy.write(zip, data.statesFlat(), n, t, d);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("times.npy"));
      Npy.write(zip, data.timesFlat(), n, t);
      zip.closeEntry();
      if (data.hasDerivatives()) {
        zip.putNextEntry(new ZipEntry("derivatives.npy"));
        Npy.write(zip, data.derivativesFlat(), n, t, d);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry("names.npy"));
      Npy.writeStrings(zip, data.stateNames());
      zip.closeEntry();
    }
  }

  /** Reads a {@code .npz}, with the state names of its {@code names.npy} (else x0, x1, …). */
  public static Trajectories readNpz(Path file) throws IOException {
    return readNpz(file, null);
  }

  /**
   * Reads a {@code .npz} (see the class comment).
   *
   * @param stateNames the state names; when the file has {@code names.npy} it must hold the same;
   *     {@code null} to take them from the file (else x0, x1, …)
   * @throws InvalidDataException naming the file, the entry, and the shape found and expected
   */
  public static Trajectories readNpz(Path file, List<String> stateNames) throws IOException {
    String source = file.toString();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      var e = zip.entries();
      while (e.hasMoreElements()) {
        ZipEntry entry = e.nextElement();
        try (var in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new InvalidDataException(source + ": not a readable .npz (zip) file: " + e.getMessage(), e);
    }
    byte[] statesBytes = entries.get("states.npy");
    byte[] timesBytes = entries.get("times.npy");
    if (statesBytes == null || timesBytes == null) {
      throw new InvalidDataException(source + ": expected entries states.npy and times.npy (and optionally "
          + "derivatives.npy, names.npy); found " + entries.keySet());
    }
    Npy.NpyArray states = Npy.read(statesBytes, source + " (states.npy)");
    long[] shape = states.shape();
    if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
      throw new InvalidDataException(source + " (states.npy): shape " + states.shapeString()
          + " found, expected [N, T, n] (trajectories, points, state dimension), all at least 1");
    }
    int count = (int) shape[0];
    int length = (int) shape[1];
    int n = (int) shape[2];
    Npy.NpyArray times = Npy.read(timesBytes, source + " (times.npy)");
    long[] ts = times.shape();
    double[] flatTimes;
    if (ts.length == 2 && ts[0] == count && ts[1] == length) {
      flatTimes = times.data();
    } else if (ts.length == 1 && ts[0] == length) {
      flatTimes = new double[count * length];
      for (int i = 0; i < count; i++) {
        System.arraycopy(times.data(), 0, flatTimes, i * length, length);
      }
    } else {
      throw new InvalidDataException(source + " (times.npy): shape " + times.shapeString() + " found, expected ["
          + count + ", " + length + "] or [" + length + "] to match states.npy " + states.shapeString());
    }
    double[] derivatives = null;
    byte[] derivativeBytes = entries.get("derivatives.npy");
    if (derivativeBytes != null) {
      Npy.NpyArray d = Npy.read(derivativeBytes, source + " (derivatives.npy)");
      if (!Arrays.equals(d.shape(), shape)) {
        throw new InvalidDataException(source + " (derivatives.npy): shape " + d.shapeString() + " found, expected "
            + states.shapeString() + " like states.npy");
      }
      derivatives = d.data();
    }
    List<String> names = null;
    byte[] nameBytes = entries.get("names.npy");
    if (nameBytes != null) {
      names = Npy.readStrings(nameBytes, source + " (names.npy)");
      if (names.size() != n) {
        throw new InvalidDataException(source + " (names.npy): " + names.size() + " names found, expected " + n
            + " (the last dimension of states.npy " + states.shapeString() + ")");
      }
    }
    if (stateNames != null) {
      if (stateNames.size() != n) {
        throw new InvalidDataException(source + " (states.npy): shape " + states.shapeString() + " found, expected "
            + "[N, T, " + stateNames.size() + "] for the state names " + stateNames);
      }
      if (names != null && !names.equals(stateNames)) {
        throw new InvalidDataException(source + " (names.npy): state names " + names + " found, expected " + stateNames);
      }
      names = stateNames;
    }
    if (names == null) {
      names = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        names.add("x" + k);
      }
    }
    return Trajectories.ofFlat(source, names, count, length, flatTimes, states.data(), derivatives);
  }
}
