/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concernet.eval.Statistics;
import org.concernet.results.ExperimentResults;

/**
 * One row of the paper's Table 3: the MSE or one invariant's violation, over the whole rollout or
 * at its final time, with each model's figure. The console table and the HTML report show the same
 * rows in the same order; listing them once keeps the two from drifting apart, while each keeps
 * its own wording of the label.
 *
 * @param invariant the invariant whose violation this is, or {@code null} for the MSE
 * @param byModel each model's figure, keyed as {@link ExperimentResults#models()}
 */
record DynamicsRow(String invariant, boolean finalTime, Map<String, Statistics> byModel) {
  /** MSE, MSE at the final time, then for each invariant its violation and its final violation. */
  static List<DynamicsRow> of(ExperimentResults results) {
    List<DynamicsRow> rows = new ArrayList<>();
    rows.add(new DynamicsRow(null, false, results.mse(false)));
    rows.add(new DynamicsRow(null, true, results.mse(true)));
    Map<String, Map<String, Statistics>> violation = results.violation(false);
    Map<String, Map<String, Statistics>> violationFinal = results.violation(true);
    for (String name : results.invariants()) {
      rows.add(new DynamicsRow(name, false, byModel(violation, name)));
      rows.add(new DynamicsRow(name, true, byModel(violationFinal, name)));
    }
    return rows;
  }

  private static Map<String, Statistics> byModel(Map<String, Map<String, Statistics>> figures, String invariant) {
    Map<String, Statistics> byModel = new LinkedHashMap<>();
    for (String model : figures.keySet()) {
      byModel.put(model, figures.get(model).get(invariant));
    }
    return byModel;
  }
}
