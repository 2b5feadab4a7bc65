/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concernet.data.Rollout;
import org.concernet.eval.InvariantCount;
import org.concernet.eval.InvariantQuality;
import org.concernet.eval.Mse;
import org.concernet.report.Figures;
import org.concernet.report.HtmlReport;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.system.SystemSpec;
import org.concernet.training.LibraryVersion;

/**
 * The figures of a run, like the paper's Figures 3 and 4, and the report that embeds them: the
 * learned invariant's contour map beside the true one (2-D systems), a typical trajectory, and
 * violation and MSE over time across seeds, baseline against ConCerNet.
 */
final class ExperimentFigures {
  private static final int CONTOUR_GRID = 81;

  private ExperimentFigures() {}

  /** Writes the PNGs and report.html into the run's folder; returns the report's path. */
  static Path write(ExperimentConfig config, ExperimentResults results, List<SeedRun> runs) {
    SystemSpec system = config.system();
    Path folder = config.out();
    List<HtmlReport.Figure> figures = new ArrayList<>();
    SeedRun first = runs.get(0);
    double[] times = first.truth().times();
    String[] names = system.stateNames().toArray(String[]::new);

    if (system.dimension() == 2) {
      for (int k = 0; k < system.invariantNames().size(); k++) {
        String invariant = system.invariantNames().get(k);
        Path png = folder.resolve("invariant-" + invariant + ".png");
        contour(png, system, first, k);
        figures.add(new HtmlReport.Figure(png, "Learned invariant H (first output, seed " + first.result().seed()
            + ") beside the true " + invariant + ", both normalised to [0, 1] (paper Figure 3)"));
      }
    }

    if (first.models().autoencoder().isPresent() && system.dimension() > 4) {
      // paper Figure 5: a 101-node trajectory is no picture; the conserved quantities over time are
      for (int k = 0; k < system.invariantNames().size(); k++) {
        String invariant = system.invariantNames().get(k);
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("truth", invariantOverTime(system, first.truth(), k));
        series.put(SeedResult.BASELINE, invariantOverTime(system, first.baselineRollout(), k));
        series.put(SeedResult.CONCERNET, invariantOverTime(system, first.concernetRollout(), k));
        Path png = folder.resolve("invariant-over-time-" + invariant + ".png");
        Figures.overTime(png, system.name() + ": " + invariant + " over time, evaluation trajectory 1, seed "
            + first.result().seed(), invariant, times, series, false);
        figures.add(new HtmlReport.Figure(png, invariant + " of the true and the decoded simulated states over"
            + " time, evaluation trajectory 1 (paper Figure 5)"));
      }
    } else {
      Path trajectory = folder.resolve("trajectory.png");
      Figures.trajectory(trajectory, system.name() + ": evaluation trajectory 1, seed " + first.result().seed(),
          times, names, first.truth().states()[0], first.baselineRollout().states()[0],
          first.concernetRollout().states()[0]);
      figures.add(new HtmlReport.Figure(trajectory, "A typical evaluation trajectory: truth, baseline and ConCerNet"));
    }
    if (system.dimension() >= 2 && system.dimension() <= 4) {
      Path phase = folder.resolve("phase.png");
      Figures.phasePortrait(phase, system.name() + ": phase portrait, trajectory 1", names[0], names[1],
          first.truth().states()[0], first.baselineRollout().states()[0], first.concernetRollout().states()[0]);
      figures.add(new HtmlReport.Figure(phase, "Phase portrait of the same trajectory"));
    }

    for (int k = 0; k < system.invariantNames().size(); k++) {
      String invariant = system.invariantNames().get(k);
      int[] which = {k};
      Map<String, double[][]> series = new LinkedHashMap<>();
      series.put(SeedResult.BASELINE, perSeed(runs, r -> violationOverTime(system, r.truth(), r.baselineRollout(), which)));
      series.put(SeedResult.CONCERNET, perSeed(runs, r -> violationOverTime(system, r.truth(), r.concernetRollout(), which)));
      Path png = folder.resolve("violation-" + invariant + ".png");
      Figures.overTimeAcrossSeeds(png, system.name() + ": violation of " + invariant,
          "(" + invariant + "(simulated) − " + invariant + "(true))²", times, series, true);
      figures.add(new HtmlReport.Figure(png, "Violation of " + invariant
          + " over time, mean over evaluation trajectories; median and range over seeds (paper Figure 4)"));
    }
    countFigure(folder, system, runs).ifPresent(figures::add);
    Map<String, double[][]> mse = new LinkedHashMap<>();
    mse.put(SeedResult.BASELINE, perSeed(runs, r -> Mse.overTime(r.truth(), r.baselineRollout())));
    mse.put(SeedResult.CONCERNET, perSeed(runs, r -> Mse.overTime(r.truth(), r.concernetRollout())));
    Path msePng = folder.resolve("mse.png");
    Figures.overTimeAcrossSeeds(msePng, system.name() + ": MSE over time", "MSE", times, mse, true);
    figures.add(new HtmlReport.Figure(msePng, "MSE over time; median and range over seeds (paper Figure "
        + (first.models().autoencoder().isPresent() ? "5, of the decoded states" : "4") + ")"));

    Path report = folder.resolve("report.html");
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("library", LibraryVersion.get());
    provenance.put("java", System.getProperty("java.version"));
    provenance.put("tensorflow", org.tensorflow.TensorFlow.version());
    provenance.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    provenance.put("models", folder.resolve("models").toString());
    HtmlReport.write(report, results, provenance, figures);
    return report;
  }

  /**
   * With {@code --latent auto}, the invariant count's evidence (COMET's figure against the number
   * of constants): for the k-th best output (by spread) of each seed, its spread, its alignment with
   * ẋ and the alignment of the direction it adds to the better ones, with the thresholds; the count
   * is how many outputs stay under both.
   */
  private static Optional<HtmlReport.Figure> countFigure(Path folder, SystemSpec system, List<SeedRun> runs) {
    String prefix = InvariantCount.KEY + ".H";
    if (!runs.stream().allMatch(r -> r.result().rates().containsKey(prefix + "1.spread"))) {
      return Optional.empty();
    }
    int probed = 0;
    while (runs.get(0).result().rates().containsKey(prefix + (probed + 1) + ".spread")) {
      probed++;
    }
    int outputs = probed;
    Map<String, String> figures = new LinkedHashMap<>();
    figures.put("spread", "spread along trajectories");
    figures.put("alignment", "alignment of the gradient with ẋ");
    figures.put("newDirection", "alignment of the new direction with ẋ");
    Map<String, double[][]> series = new LinkedHashMap<>();
    figures.values().forEach(label -> series.put(label, new double[runs.size()][outputs]));
    double[][] spreadThreshold = new double[runs.size()][outputs];
    double[][] alignmentThreshold = new double[runs.size()][outputs];
    for (int s = 0; s < runs.size(); s++) {
      Map<String, Double> rates = runs.get(s).result().rates();
      List<Integer> order = new ArrayList<>();
      for (int k = 0; k < outputs; k++) {
        order.add(k);
      }
      order.sort(Comparator.comparingDouble(k -> rates.get(prefix + (k + 1) + ".spread")));
      for (Map.Entry<String, String> figure : figures.entrySet()) {
        for (int r = 0; r < outputs; r++) {
          series.get(figure.getValue())[s][r] = rates.get(prefix + (order.get(r) + 1) + "." + figure.getKey());
        }
      }
      Arrays.fill(spreadThreshold[s], InvariantQuality.SPREAD_THRESHOLD);
      Arrays.fill(alignmentThreshold[s], InvariantQuality.ALIGNMENT_THRESHOLD);
    }
    series.put("threshold of the spread", spreadThreshold);
    series.put("threshold of the alignments", alignmentThreshold);
    double[] ranks = new double[outputs];
    for (int r = 0; r < outputs; r++) {
      ranks[r] = r + 1;
    }
    Path png = folder.resolve("invariant-count.png");
    Figures.acrossSeeds(png, system.name() + ": how many invariants", "k-th best learned output (by spread)",
        "spread, alignment", ranks, series, true);
    return Optional.of(new HtmlReport.Figure(png, "The invariant count's evidence: for the k-th best learned"
        + " output, its spread along held-out trajectories, its gradient's alignment with ẋ, and the alignment of"
        + " the direction it adds to the better ones; the count is how many stay under both thresholds"));
  }

  private interface Series {
    double[] of(SeedRun run);
  }

  private static double[][] perSeed(List<SeedRun> runs, Series series) {
    double[][] values = new double[runs.size()][];
    for (int s = 0; s < runs.size(); s++) {
      values[s] = series.of(runs.get(s));
    }
    return values;
  }

  /** Invariant k of trajectory 0 of {@code rollout} at every time. */
  static double[] invariantOverTime(SystemSpec system, Rollout rollout, int k) {
    double[] out = new double[rollout.length()];
    for (int t = 0; t < rollout.length(); t++) {
      out[t] = system.invariants(rollout.state(0, t))[k];
    }
    return out;
  }

  /** Mean over trajectories of (C(simulated) − C(true))² at every time, for invariant k[0]. */
  static double[] violationOverTime(SystemSpec system, Rollout truth, Rollout simulated, int[] k) {
    double[] out = new double[truth.length()];
    for (int t = 0; t < truth.length(); t++) {
      double sum = 0;
      for (int i = 0; i < truth.count(); i++) {
        double d = system.invariants(simulated.state(i, t))[k[0]] - system.invariants(truth.state(i, t))[k[0]];
        sum += d * d;
      }
      out[t] = sum / truth.count();
    }
    return out;
  }

  /** The contour comparison over the box the evaluation truth spans, padded by a tenth. */
  private static void contour(Path png, SystemSpec system, SeedRun run, int invariant) {
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (double[][] trajectory : run.truth().states()) {
      for (double[] x : trajectory) {
        for (int d = 0; d < 2; d++) {
          lo[d] = Math.min(lo[d], x[d]);
          hi[d] = Math.max(hi[d], x[d]);
        }
      }
    }
    double[][] axes = new double[2][CONTOUR_GRID];
    for (int d = 0; d < 2; d++) {
      double pad = 0.1 * Math.max(hi[d] - lo[d], 1e-6);
      for (int i = 0; i < CONTOUR_GRID; i++) {
        axes[d][i] = lo[d] - pad + (hi[d] - lo[d] + 2 * pad) * i / (CONTOUR_GRID - 1);
      }
    }
    double[][] points = new double[CONTOUR_GRID * CONTOUR_GRID][];
    for (int i = 0; i < CONTOUR_GRID; i++) {
      for (int j = 0; j < CONTOUR_GRID; j++) {
        points[i * CONTOUR_GRID + j] = new double[] {axes[0][i], axes[1][j]};
      }
    }
    double[][] h = run.models().learnedInvariant().values(points);
    double[][] learned = new double[CONTOUR_GRID][CONTOUR_GRID];
    double[][] truth = new double[CONTOUR_GRID][CONTOUR_GRID];
    for (int i = 0; i < CONTOUR_GRID; i++) {
      for (int j = 0; j < CONTOUR_GRID; j++) {
        learned[i][j] = h[i * CONTOUR_GRID + j][0];
        truth[i][j] = system.invariants(points[i * CONTOUR_GRID + j])[invariant];
      }
    }
    String name = system.invariantNames().get(invariant);
    Figures.contourComparison(png, system.name() + ": learned invariant vs " + name,
        system.stateNames().get(0), system.stateNames().get(1), axes[0], axes[1], learned, truth, name);
  }
}
