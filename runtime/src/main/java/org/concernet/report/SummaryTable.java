/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.eval.Statistics;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;

/**
 * The console summary of an experiment, laid out like the paper's Tables 2 (R² of the learned
 * invariant) and 3 (MSE and violation, baseline beside ConCerNet), then the timings. The headings
 * do not cite the paper's tables: most systems a user runs are not the paper's.
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

    List<String[]> dyn = new ArrayList<>();
    dyn.add(new String[] {"Dynamics", "baseline", "ConCerNet"});
    for (DynamicsRow row : DynamicsRow.of(results)) {
      String label = row.invariant() == null ? "MSE" + (row.finalTime() ? ", final time" : "")
          : "violation " + row.invariant() + (row.finalTime() ? ", final" : "");
      dyn.add(new String[] {label, row.byModel().get(SeedResult.BASELINE).format("%.3e"),
          row.byModel().get(SeedResult.CONCERNET).format("%.3e")});
    }
    out.append('\n').append(table(dyn));

    StringBuilder timings = new StringBuilder("\nSeconds (all seeds):");
    results.timings().forEach((stage, s) -> timings.append(String.format(Locale.ROOT, " %s %.1f,", stage, s)));
    timings.setLength(timings.length() - 1);
    out.append(timings).append('\n');
    return out.toString();
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
