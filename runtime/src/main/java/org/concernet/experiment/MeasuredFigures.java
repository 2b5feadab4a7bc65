/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concernet.data.TimeSplit;
import org.concernet.report.Figures;
import org.concernet.results.SeedResult;
import org.concernet.system.SystemSpec;

/**
 * The figures of a measured run, from its first seed: for the first held-out trial, the measured
 * states against both rollouts over time ({@code heldout-trajectory.png}) and in the phase plane
 * ({@code heldout-phase.png}), and H along the measured series and both rollouts ({@code
 * heldout-h.png}).
 */
final class MeasuredFigures {
  private MeasuredFigures() {}

  static void write(Path folder, SystemSpec system, MeasuredExperiment.Prepared prepared,
      List<MeasuredEvaluation> runs) {
    MeasuredEvaluation first = runs.get(0);
    MeasuredEvaluation.Trial trial = first.trials().get(0);
    TimeSplit.HeldOut heldOut = trial.heldOut();
    String[] names = system.stateNames().toArray(String[]::new);
    String title = system.name() + ": measured (held-out " + (100 - MeasuredExperiment.FRACTION_PERCENT)
        + "%) vs rollouts from its first point";
    double[][] b = trial.predicted().get(SeedResult.BASELINE);
    double[][] c = trial.predicted().get(SeedResult.CONCERNET);
    Figures.trajectory(folder.resolve("heldout-trajectory.png"), title, heldOut.times(), names, heldOut.states(), b, c);
    if (names.length >= 2) {
      Figures.phasePortrait(folder.resolve("heldout-phase.png"), title, names[0], names[1], heldOut.states(), b, c);
    }
    Map<String, double[]> h = new LinkedHashMap<>();
    h.put("true (measured)", column(trial.h().get(MeasuredExperiment.MEASURED)));
    h.put(SeedResult.BASELINE, column(trial.h().get(SeedResult.BASELINE)));
    h.put(SeedResult.CONCERNET, column(trial.h().get(SeedResult.CONCERNET)));
    double[][] d = trial.predicted().get(MeasuredEvaluation.DISSIPATIVE);
    if (d != null) {
      h.put(MeasuredEvaluation.DISSIPATIVE, column(trial.h().get(MeasuredEvaluation.DISSIPATIVE)));
      // the first state, measured against ConCerNet and the dissipative model (not ConCerNet)
      Map<String, double[]> states = new LinkedHashMap<>();
      states.put("measured", column(heldOut.states()));
      states.put(SeedResult.CONCERNET, column(c));
      states.put(MeasuredEvaluation.DISSIPATIVE + " (learned dH/dt ≤ 0)", column(d));
      Figures.overTime(folder.resolve("heldout-dissipative.png"), system.name() + ": " + names[0]
          + " held out, ConCerNet and the dissipative model", names[0], heldOut.times(), states, false);
    }
    Figures.overTime(folder.resolve("heldout-h.png"), system.name() + ": learned H1 along the held-out span",
        "H1", heldOut.times(), h, false);
  }

  private static double[] column(double[][] values) {
    double[] out = new double[values.length];
    for (int t = 0; t < values.length; t++) {
      out[t] = values[t][0];
    }
    return out;
  }
}
