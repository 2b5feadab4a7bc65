/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;

/** A small, made-up experiment: a 2-D system with one invariant, two seeds, and its figures. */
final class ReportFixtures {
  private ReportFixtures() {}

  static ExperimentResults results(String system, String invariant) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("preset", "quick");
    config.put("trajectories", 40);
    config.put("noise", 0.01);
    config.put("hidden", List.of(64, 64));
    config.put("optimizer", Map.of("name", "adam"));
    return new ExperimentResults(system, List.of(invariant), config, List.of(
        seed(1, invariant, 0.9991, 1.2e-2, 3.0e-4, 4.0e-3, 1.0e-5, 12.5),
        seed(2, invariant, 0.9995, 1.8e-2, 5.0e-4, 6.0e-3, 3.0e-5, 13.5)));
  }

  static ExperimentResults results() {
    return results("ideal_spring_mass", "energy");
  }

  /** The results of a run with the first seed only. */
  static ExperimentResults oneSeed() {
    ExperimentResults two = results();
    return new ExperimentResults(two.system(), two.invariants(), two.config(), List.of(two.seeds().get(0)));
  }

  private static SeedResult seed(long seed, String invariant, double r2, double mseBaseline, double mseConcernet,
      double violationBaseline, double violationConcernet, double seconds) {
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("data", 0.5);
    timings.put("contrastive", seconds / 2);
    timings.put("dynamics", seconds / 2 - 1);
    timings.put("evaluation", 0.5);
    timings.put("total", seconds);
    Map<String, String> notes = new LinkedHashMap<>();
    notes.put("rolloutSubsteps", "baseline 4, concernet 4");
    return new SeedResult(seed,
        Map.of(invariant, r2),
        Map.of(invariant, Math.min(1, r2 + 0.001)),
        models(mseBaseline, mseConcernet),
        models(mseBaseline * 3, mseConcernet * 2),
        Map.of(SeedResult.BASELINE, Map.of(invariant, violationBaseline),
            SeedResult.CONCERNET, Map.of(invariant, violationConcernet)),
        Map.of(SeedResult.BASELINE, Map.of(invariant, violationBaseline * 5),
            SeedResult.CONCERNET, Map.of(invariant, violationConcernet * 2)),
        timings,
        Map.of("contrastive seconds per epoch", seconds / 100),
        notes,
        List.of(new EvaluationTrajectory(List.of(0.8, 0.1), models(0.2 * mseBaseline, 0.1 * mseConcernet)),
            new EvaluationTrajectory(List.of(-0.3, 1.1), models(1.8 * mseBaseline, 1.9 * mseConcernet))));
  }

  private static Map<String, Double> models(double baseline, double concernet) {
    Map<String, Double> byModel = new LinkedHashMap<>();
    byModel.put(SeedResult.BASELINE, baseline);
    byModel.put(SeedResult.CONCERNET, concernet);
    return byModel;
  }

  static Map<String, Object> provenance() {
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("concernet-java", "0.1.0-SNAPSHOT");
    provenance.put("java", "17");
    provenance.put("device", "cpu");
    return provenance;
  }

  /** The figures of the made-up experiment, written into {@code folder}. */
  static List<HtmlReport.Figure> figures(Path folder) {
    return List.of(
        new HtmlReport.Figure(FiguresTest.contour(folder.resolve("invariant.png")),
            "Learned invariant beside the true energy (normalised to [0, 1])"),
        new HtmlReport.Figure(FiguresTest.trajectory(folder.resolve("trajectory.png")),
            "A typical trajectory: truth, baseline and ConCerNet"),
        new HtmlReport.Figure(FiguresTest.violation(folder.resolve("violation-energy.png")),
            "Violation of the energy over time"));
  }
}
