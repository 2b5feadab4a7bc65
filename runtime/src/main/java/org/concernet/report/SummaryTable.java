/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.eval.InvariantQuality;
import org.concernet.eval.Statistics;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;

/**
 * The console summary of an experiment, laid out like the paper's Tables 2 (R² of the learned
 * invariant) and 3 (MSE and violation, baseline beside ConCerNet), then the timings; the headings
 * do not cite the paper's tables, as most systems a user runs are not the paper's. Between them,
 * how conserved the learned H is on held-out trajectories, and a warning under the dynamics table when that
 * says the projection is likely to hurt.
 */
public final class SummaryTable {
  private SummaryTable() {}

  public static String render(ExperimentResults results) {
    StringBuilder out = new StringBuilder();
    int n = results.seeds().size();
    out.append(String.format(Locale.ROOT, "%n%s — %s%n", results.system(), n == 1 ? "1 seed" : n + " seeds (mean ± std)"));

    List<String[]> r2 = new ArrayList<>();
    r2.add(new String[] {"Invariant R²", "R²", "R², cubic in H"});
    Map<String, Statistics> cubic = results.invariantR2Cubic();
    results.invariantR2().forEach((name, f) -> r2.add(new String[] {name, f.format("%.5f"),
        cubic.get(name).format("%.5f")}));
    out.append(table(r2));
    String warning = appendQuality(out, results);

    List<String[]> dyn = new ArrayList<>();
    List<String> models = results.models();
    List<String> header = new ArrayList<>(List.of("Dynamics"));
    models.forEach(model -> header.add(modelLabel(model)));
    dyn.add(header.toArray(String[]::new));
    for (DynamicsRow row : DynamicsRow.of(results)) {
      String label = row.invariant() == null ? "MSE" + (row.finalTime() ? ", final time" : "")
          : "violation " + row.invariant() + (row.finalTime() ? ", final" : "");
      List<String> cells = new ArrayList<>(List.of(label));
      models.forEach(model -> cells.add(row.byModel().get(model).format("%.3e")));
      dyn.add(cells.toArray(String[]::new));
    }
    out.append('\n').append(table(dyn));
    out.append(warning);

    StringBuilder timings = new StringBuilder("\nSeconds (all seeds):");
    results.timings().forEach((stage, s) -> timings.append(String.format(Locale.ROOT, " %s %.1f,", stage, s)));
    timings.setLength(timings.length() - 1);
    out.append(timings).append('\n');
    return out.toString();
  }

  /** How tables head a model's column: "baseline", "ConCerNet", "ConCerNet, formula H" (the formula model). */
  public static String modelLabel(String model) {
    return switch (model) {
      case SeedResult.BASELINE -> "baseline";
      case SeedResult.CONCERNET -> "ConCerNet";
      case SeedResult.CONCERNET_FORMULA -> "ConCerNet, formula H";
      default -> model;
    };
  }

  /**
   * Appends the table of how conserved each learned output is on held-out trajectories ({@link
   * InvariantQuality}), when the results have it; returns the warning to print under the dynamics
   * table ({@link #qualityWarning}), with its blank line, or "".
   */
  private static String appendQuality(StringBuilder out, ExperimentResults results) {
    Map<String, Map<String, Statistics>> quality = results.invariantQuality();
    if (quality.isEmpty()) {
      return "";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Learned H, held out (no known invariant)", "spread", "alignment"});
    quality.forEach((output, f) -> rows.add(new String[] {output, f.get(InvariantQuality.SPREAD).format("%.2e"),
        f.get(InvariantQuality.ALIGNMENT).format("%.3f")}));
    out.append('\n').append(table(rows));
    String warning = qualityWarning(results);
    return warning.isEmpty() ? "" : "\n" + warning + "\n";
  }

  /**
   * The warning a run prints when the mean {@link InvariantQuality} of a learned output says
   * projecting onto H is likely to hurt (the data may conserve nothing), else "": the evaluation
   * still shows both models, and this says not to read ConCerNet's column as an improvement.
   */
  public static String qualityWarning(ExperimentResults results) {
    List<String> poor = new ArrayList<>();
    results.invariantQuality().forEach((output, f) -> {
      if (new InvariantQuality(f.get(InvariantQuality.SPREAD).mean(), f.get(InvariantQuality.ALIGNMENT).mean())
          .likelyHurts()) {
        poor.add(output);
      }
    });
    return poor.isEmpty() ? "" : String.format(Locale.ROOT, "WARNING: the learned %s %s not conserved on held-out"
        + " trajectories (spread above %.2f or alignment above %.2f): the data may conserve nothing, or H is not"
        + " accurate enough. Projecting onto it is likely to hurt; do not read ConCerNet's column as an improvement.",
        String.join(", ", poor), poor.size() == 1 ? "is" : "are", InvariantQuality.SPREAD_THRESHOLD,
        InvariantQuality.ALIGNMENT_THRESHOLD);
  }

  /**
   * Columns padded to their widest cell (the first left-aligned, the others right-aligned); the
   * first row is the header, underlined.
   */
  public static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = rows.get(r)[c];
        line.append(c == 0 ? String.format("%-" + width[c] + "s", cell) : String.format("  %" + width[c] + "s", cell));
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) {
        out.append("-".repeat(line.toString().stripTrailing().length())).append('\n');
      }
    }
    return out.toString();
  }
}
