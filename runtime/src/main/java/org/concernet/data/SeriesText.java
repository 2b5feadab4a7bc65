/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text handling of {@link MeasuredSeries}: splitting a line into cells (whitespace or commas),
 * finding a named column, parsing a number with an error that names file, line, column and value,
 * and formatting times for messages.
 */
final class SeriesText {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private SeriesText() {}

  static int find(String source, int headerLine, List<String> columns, String name, String role) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new InvalidDataException(source + ", line " + headerLine + ": no " + role + " column '" + name
          + "'; the columns are " + columns);
    }
    return index;
  }

  static double parse(String source, int line, String column, String text) {
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.equals("nan") || lower.endsWith("inf")) {
        value = Double.NaN;
      } else {
        throw new InvalidDataException(source + ", line " + line + ", column '" + column + "': '" + text
            + "' is not a number");
      }
    }
    if (!Double.isFinite(value)) {
      throw new InvalidDataException(source + ", line " + line + ", column '" + column + "': value " + text
          + " is not finite; remove or repair the row (a gap in time is fine: the series is split there)");
    }
    return value;
  }

  static List<String> split(String line, boolean csv) {
    if (csv) {
      List<String> cells = new ArrayList<>();
      for (String cell : line.split(",", -1)) {
        cells.add(cell.strip());
      }
      return cells;
    }
    return line.isEmpty() ? List.of() : List.of(WHITESPACE.split(line));
  }

  static String describeTrial(String trial) {
    return trial.isEmpty() ? "" : " of trial '" + trial + "'";
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.4g", value);
  }
}
