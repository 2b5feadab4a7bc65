/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.concernet.data.MeasuredSeries;
import org.concernet.data.Rollout;
import org.concernet.data.TimeSplit;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.eval.EnergyForm;
import org.concernet.protocol.Protocol;
import org.concernet.report.SummaryTable;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.SeedResult;

/**
 * One seed's evaluation on held-out measurements ({@link MeasuredExperiment}): both models rolled
 * out from the first held-out state of every trial, compared with the measured states at the
 * measured times; H along the measured series and along both rollouts; the energy-form fit.
 *
 * @param trials per held-out trial, what was measured and predicted there
 * @param mse by model: mean over every held-out point (all trials) and state of the squared error
 * @param mseFinal by model: the same at each trial's last held-out point only
 * @param drift by learned output ("H1", …), then by series ("measured", "baseline", "concernet"):
 *     the RMS over held-out points of H(x(t)) − H(x(t0)), relative to H's standard deviation over
 *     the training points, so 0 is perfectly conserved and 1 is as much change as across the data
 * @param energy the energy form over every measured point (training and held out), its constant fitted
 *     to the training windows' motion, or {@code null} when none is declared
 */
record MeasuredEvaluation(List<Trial> trials, Map<String, Double> mse, Map<String, Double> mseFinal,
    Map<String, Map<String, Double>> drift, EnergyForm.Fit energy) {
  static final List<String> MODELS = List.of(SeedResult.BASELINE, SeedResult.CONCERNET);
  /** The key of the third, dissipative model ({@code dissipation} ≠ none): not the paper's ConCerNet. */
  static final String DISSIPATIVE = "dissipative";

  /** The models evaluated, in order: baseline, concernet and, when trained, dissipative. */
  List<String> models() {
    return List.copyOf(mse.keySet());
  }

  /**
   * One held-out trial: measured times and states, both models' states at those times (file
   * units), H along each, and the rollout substeps the step rule chose.
   */
  record Trial(TimeSplit.HeldOut heldOut, Map<String, double[][]> predicted, Map<String, double[][]> h,
      Map<String, Integer> substeps) {}

  /** Rolls out {@code models} over every held-out trial of {@code prepared} and measures. */
  static MeasuredEvaluation of(TrainedModels models, MeasuredExperiment.Prepared prepared, double medianStep) {
    return of(models, null, prepared, medianStep);
  }

  /** As {@link #of(TrainedModels, MeasuredExperiment.Prepared, double)}, with the dissipative model too when not null. */
  static MeasuredEvaluation of(TrainedModels models, LearnedDynamics dissipative, MeasuredExperiment.Prepared prepared,
      double medianStep) {
    List<String> names = new ArrayList<>(MODELS);
    if (dissipative != null) {
      names.add(DISSIPATIVE);
    }
    List<Trial> trials = new ArrayList<>();
    for (TimeSplit.HeldOut heldOut : prepared.split().heldOut()) {
      double[] times = heldOut.times();
      double span = times[times.length - 1] - times[0];
      int gridPoints = (int) Math.ceil(span / (medianStep / MeasuredExperiment.GRID_PER_STEP)) + 1;
      double[] grid = Protocol.linspace(0, span, gridPoints);
      Map<String, double[][]> predicted = new LinkedHashMap<>();
      Map<String, Integer> substeps = new LinkedHashMap<>();
      Map<String, double[][]> h = new LinkedHashMap<>();
      h.put(MeasuredExperiment.MEASURED, values(models, heldOut.states()));
      for (String model : names) {
        LearnedDynamics dynamics = model.equals(SeedResult.BASELINE) ? models.baseline()
            : model.equals(SeedResult.CONCERNET) ? models.concernet() : dissipative;
        var choice = models.converged(dynamics, new double[][] {heldOut.states()[0]}, grid, null);
        double[][] at = interpolate(choice.rollout(), times[0], times);
        predicted.put(model, at);
        substeps.put(model, choice.substeps());
        h.put(model, values(models, at));
      }
      trials.add(new Trial(heldOut, predicted, h, substeps));
    }
    Map<String, Double> mse = new LinkedHashMap<>();
    Map<String, Double> mseFinal = new LinkedHashMap<>();
    for (String model : names) {
      double sum = 0;
      double finalSum = 0;
      long count = 0;
      for (Trial trial : trials) {
        double[][] measured = trial.heldOut().states();
        double[][] p = trial.predicted().get(model);
        for (int t = 0; t < measured.length; t++) {
          double e = squaredError(measured[t], p[t]);
          sum += e;
          count += measured[t].length;
          if (t == measured.length - 1) {
            finalSum += e / measured[t].length;
          }
        }
      }
      mse.put(model, sum / count);
      mseFinal.put(model, finalSum / trials.size());
    }
    double[][] trainingH = values(models, prepared.windows().pointStates());  // file units: H encodes
    Map<String, Map<String, Double>> drift = new LinkedHashMap<>();
    for (int k = 0; k < trainingH[0].length; k++) {
      double scale = std(trainingH, k);
      Map<String, Double> bySeries = new LinkedHashMap<>();
      List<String> series = new ArrayList<>(List.of(MeasuredExperiment.MEASURED));
      series.addAll(names);
      for (String name : series) {
        double sum = 0;
        long count = 0;
        for (Trial trial : trials) {
          double[][] values = trial.h().get(name);
          for (double[] v : values) {
            double d = v[k] - values[0][k];
            sum += Double.isFinite(d) ? d * d : Double.POSITIVE_INFINITY;
            count++;
          }
        }
        bySeries.put(name, Math.sqrt(sum / count) / scale);
      }
      drift.put(SeedResult.learnedOutput(k), bySeries);
    }
    EnergyForm.Fit energy = null;
    if (prepared.energyForm() != null) {
      List<double[]> states = new ArrayList<>();
      for (MeasuredSeries.Segment segment : prepared.series().segments()) {
        states.addAll(List.of(segment.states()));
      }
      double[][] all = states.toArray(double[][]::new);
      energy = prepared.energyForm().fit(values(models, all), all, prepared.energyConstant());
    }
    return new MeasuredEvaluation(trials, mse, mseFinal, drift, energy);
  }

  private static double[][] values(TrainedModels models, double[][] states) {
    double[][] out = new double[states.length][];
    for (int t = 0; t < states.length; t++) {
      boolean finite = true;
      for (double v : states[t]) {
        finite &= Double.isFinite(v);
      }
      out[t] = finite ? models.invariant(states[t]) : nan(models.learnedInvariant().outputSize());
    }
    return out;
  }

  private static double[] nan(int m) {
    double[] v = new double[m];
    java.util.Arrays.fill(v, Double.NaN);
    return v;
  }

  /** The rollout (times from 0 on its grid) at {@code times} − {@code start}, linearly interpolated. */
  static double[][] interpolate(Rollout rollout, double start, double[] times) {
    double[] grid = rollout.times();
    double[][] out = new double[times.length][];
    int j = 0;
    for (int t = 0; t < times.length; t++) {
      double at = times[t] - start;
      while (j < grid.length - 2 && grid[j + 1] < at) {
        j++;
      }
      double w = Math.min(1, Math.max(0, (at - grid[j]) / (grid[j + 1] - grid[j])));
      double[] a = rollout.state(0, j);
      double[] b = rollout.state(0, j + 1);
      out[t] = new double[a.length];
      for (int k = 0; k < a.length; k++) {
        out[t][k] = w == 0 ? a[k] : w == 1 ? b[k] : (1 - w) * a[k] + w * b[k];
      }
    }
    return out;
  }

  private static double squaredError(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      double d = a[k] - b[k];
      sum += Double.isFinite(d) ? d * d : Double.POSITIVE_INFINITY;
    }
    return sum;
  }

  private static double std(double[][] values, int k) {
    double mean = 0;
    for (double[] v : values) {
      mean += v[k] / values.length;
    }
    double sq = 0;
    for (double[] v : values) {
      sq += (v[k] - mean) * (v[k] - mean) / values.length;
    }
    return Math.sqrt(sq);
  }

  /** The seed's result in the common form: held-out MSE as {@code mse}, no R², no violation. */
  SeedResult seedResult(long seed, StageClock clock, Map<String, String> dataNotes) {
    Map<String, String> notes = new LinkedHashMap<>(dataNotes);
    StringBuilder sub = new StringBuilder();
    for (Trial trial : trials) {
      sub.append(sub.length() == 0 ? "" : "; ").append(trial.substeps());
    }
    notes.put("rolloutSubsteps", sub.toString());
    if (energy != null) {
      notes.put("energyForm", energy.toString());
    }
    List<EvaluationTrajectory> perTrial = new ArrayList<>();
    for (Trial trial : trials) {
      List<Double> x0 = new ArrayList<>();
      for (double v : trial.heldOut().states()[0]) {
        x0.add(v);
      }
      Map<String, Double> byModel = new LinkedHashMap<>();
      for (String model : models()) {
        double sum = 0;
        double[][] measured = trial.heldOut().states();
        for (int t = 0; t < measured.length; t++) {
          sum += squaredError(measured[t], trial.predicted().get(model)[t]);
        }
        byModel.put(model, sum / (measured.length * measured[0].length));
      }
      perTrial.add(new EvaluationTrajectory(x0, byModel));
    }
    Map<String, Map<String, Double>> noViolation = new LinkedHashMap<>();
    models().forEach(m -> noViolation.put(m, Map.of()));
    return new SeedResult(seed, Map.of(), Map.of(), mse, mseFinal, noViolation, noViolation, clock.total(),
        clock.rates(), notes, perTrial, Map.of());
  }

  /** The line printed after a seed. */
  String line(long seed) {
    return String.format(Locale.ROOT, "seed %d: held-out MSE baseline %.3e / ConCerNet %.3e%s; H1 drift along the"
        + " measured series %.3f%s", seed, mse.get(SeedResult.BASELINE), mse.get(SeedResult.CONCERNET),
        mse.containsKey(DISSIPATIVE) ? String.format(Locale.ROOT, " / dissipative %.3e", mse.get(DISSIPATIVE)) : "",
        drift.get(SeedResult.learnedOutput(0)).get(MeasuredExperiment.MEASURED),
        energy == null ? "" : "; " + energy);
  }

  /** The console table over seeds. */
  static String table(String system, List<MeasuredEvaluation> runs, EnergyForm form, Map<String, Double> timings) {
    StringBuilder out = new StringBuilder();
    int n = runs.size();
    out.append(String.format(Locale.ROOT, "%n%s — measured, held-out last %d%% — %s%n", system,
        100 - MeasuredExperiment.FRACTION_PERCENT, n == 1 ? "1 seed" : n + " seeds (mean ± std)"));
    List<String> models = runs.get(0).models();
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("Held out", "baseline", "ConCerNet"));
    if (models.contains(DISSIPATIVE)) {
      header.add("dissipative (not ConCerNet)");
    }
    rows.add(header.toArray(String[]::new));
    rows.add(row("MSE", runs, models, (r, m) -> r.mse.get(m), "%.3e"));
    rows.add(row("MSE, last point", runs, models, (r, m) -> r.mseFinal.get(m), "%.3e"));
    for (String output : runs.get(0).drift.keySet()) {
      rows.add(row(output + " drift along the rollout", runs, models, (r, m) -> r.drift.get(output).get(m), "%.3e"));
    }
    out.append(SummaryTable.table(rows));
    for (String output : runs.get(0).drift.keySet()) {
      out.append(String.format(Locale.ROOT, "%s drift along the measured held-out series: %s%n", output,
          format(runs, r -> r.drift.get(output).get(MeasuredExperiment.MEASURED), "%.3e")));
    }
    if (form != null) {
      out.append(String.format(Locale.ROOT, "Energy form %s, k fitted: R², cubic in H %s (k %s)%n", form.formula(),
          format(runs, r -> r.energy.r2Cubic(), "%.5f"), format(runs, r -> r.energy.k(), "%.4g")));
    }
    StringBuilder t = new StringBuilder("Seconds (all seeds):");
    timings.forEach((stage, s) -> t.append(String.format(Locale.ROOT, " %s %.1f,", stage, s)));
    t.setLength(t.length() - 1);
    out.append(t).append('\n');
    return out.toString();
  }

  private static String[] row(String label, List<MeasuredEvaluation> runs, List<String> models,
      java.util.function.ToDoubleBiFunction<MeasuredEvaluation, String> value, String pattern) {
    List<String> cells = new ArrayList<>(List.of(label));
    for (String model : models) {
      cells.add(format(runs, r -> value.applyAsDouble(r, model), pattern));
    }
    return cells.toArray(String[]::new);
  }

  /** "1.234e-02 ± 5.000e-03" (mean ± sample std), one seed without "± …". */
  static String format(List<MeasuredEvaluation> runs, ToDoubleFunction<MeasuredEvaluation> f, String pattern) {
    double[] v = runs.stream().mapToDouble(f).toArray();
    double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
    if (v.length == 1) {
      return String.format(Locale.ROOT, pattern, mean);
    }
    double sq = 0;
    for (double x : v) {
      sq += (x - mean) * (x - mean);
    }
    return String.format(Locale.ROOT, pattern + " ± " + pattern, mean, Math.sqrt(sq / (v.length - 1)));
  }

  /** Adds the held-out figures over seeds to the {@code measured} node of results.json. */
  static void json(ObjectNode node, List<MeasuredEvaluation> runs, EnergyForm form) {
    ObjectNode heldOut = node.putObject("heldOut");
    ObjectNode mse = heldOut.putObject("mse");
    ObjectNode mseFinal = heldOut.putObject("mseFinal");
    for (String model : runs.get(0).models()) {
      figure(mse.putObject(model), runs, r -> r.mse.get(model));
      figure(mseFinal.putObject(model), runs, r -> r.mseFinal.get(model));
    }
    ObjectNode drift = heldOut.putObject("drift");
    for (String output : runs.get(0).drift.keySet()) {
      ObjectNode byOutput = drift.putObject(output);
      for (String series : runs.get(0).drift.get(output).keySet()) {
        figure(byOutput.putObject(series), runs, r -> r.drift.get(output).get(series));
      }
    }
    if (form != null) {
      ObjectNode energy = node.putObject("energyForm");
      energy.put("form", form.key());
      energy.put("formula", form.formula());
      energy.put("kFittedTo", "the training windows' motion: least squares of v' = -k * force(q), independent of H");
      figure(energy.putObject("r2Cubic"), runs, r -> r.energy.r2Cubic());
      figure(energy.putObject("k"), runs, r -> r.energy.k());
    }
  }

  private static void figure(ObjectNode node, List<MeasuredEvaluation> runs, ToDoubleFunction<MeasuredEvaluation> f) {
    double[] v = runs.stream().mapToDouble(f).toArray();
    double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
    double sq = 0;
    for (double x : v) {
      sq += (x - mean) * (x - mean);
    }
    node.put("mean", mean);
    node.put("std", v.length > 1 ? Math.sqrt(sq / (v.length - 1)) : 0.0);
    ArrayNode perSeed = node.putArray("perSeed");
    for (double x : v) {
      perSeed.add(x);
    }
  }
}
