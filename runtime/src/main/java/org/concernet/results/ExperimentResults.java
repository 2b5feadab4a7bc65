/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.concernet.eval.Statistics;

/**
 * The results of an experiment over all its seeds, and the figures (mean ± std over seeds) the
 * output contract and the paper's tables show.
 *
 * @param system the system's name
 * @param invariants names of the known invariants
 * @param config every setting actually used, as a JSON-ready ordered map
 * @param seeds per-seed results, in seed order
 */
public record ExperimentResults(String system, List<String> invariants, Map<String, Object> config,
    List<SeedResult> seeds) {
  public ExperimentResults {
    invariants = List.copyOf(invariants);
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("an experiment has at least one seed");
    }
  }

  /** The two models every seed has, in the order tables show them. */
  public static final List<String> MODELS = List.of(SeedResult.BASELINE, SeedResult.CONCERNET);

  /**
   * The models of the common figures (mse, violation): {@link #MODELS}, then the formula model
   * ({@link SeedResult#CONCERNET_FORMULA}) when every seed ran it. (A measured run's dissipative
   * model has its figures under {@code measured} only.)
   */
  public List<String> models() {
    List<String> models = new ArrayList<>(MODELS);
    if (seeds.stream().allMatch(s -> s.mse().containsKey(SeedResult.CONCERNET_FORMULA))) {
      models.add(SeedResult.CONCERNET_FORMULA);
    }
    return models;
  }

  /** The figure over seeds of one value of each seed's result. */
  public Statistics figure(Function<SeedResult, Double> value) {
    List<Double> values = new ArrayList<>();
    for (SeedResult seed : seeds) {
      values.add(value.apply(seed));
    }
    return Statistics.of(values);
  }

  /** R² by invariant (the paper's: a linear fit of the invariant on H). */
  public Map<String, Statistics> invariantR2() {
    return byInvariant(SeedResult::invariantR2);
  }

  /** R² by invariant of a cubic polynomial in H ({@link org.concernet.eval.RSquared#cubic}). */
  public Map<String, Statistics> invariantR2Cubic() {
    return byInvariant(SeedResult::invariantR2Cubic);
  }

  private Map<String, Statistics> byInvariant(Function<SeedResult, Map<String, Double>> values) {
    Map<String, Statistics> figures = new LinkedHashMap<>();
    for (String name : invariants) {
      figures.put(name, figure(s -> values.apply(s).get(name)));
    }
    return figures;
  }

  /**
   * By learned output, then by figure ("spread", "alignment"), how conserved H is on held-out
   * trajectories ({@link SeedResult#invariantQuality}); the outputs of the first seed, empty when it
   * has none (a result recorded before the figure was measured).
   */
  public Map<String, Map<String, Statistics>> invariantQuality() {
    Map<String, Map<String, Statistics>> figures = new LinkedHashMap<>();
    seeds.get(0).invariantQuality().forEach((output, byFigure) -> {
      Map<String, Statistics> stats = new LinkedHashMap<>();
      for (String name : byFigure.keySet()) {
        stats.put(name, figure(s -> s.invariantQuality().getOrDefault(output, Map.of()).getOrDefault(name, Double.NaN)));
      }
      figures.put(output, stats);
    });
    return figures;
  }

  /**
   * By learned output ("H1", …), each seed's formula ({@link SeedResult#symbolicInvariants}) in seed
   * order; outputs of the first seed that has any, empty when no seed has a read-out.
   */
  public Map<String, List<SymbolicInvariant>> symbolicInvariants() {
    Map<String, List<SymbolicInvariant>> byOutput = new LinkedHashMap<>();
    seeds.stream().filter(s -> !s.symbolicInvariants().isEmpty()).findFirst().ifPresent(first ->
        first.symbolicInvariants().keySet().forEach(output -> {
          List<SymbolicInvariant> perSeed = new ArrayList<>();
          seeds.forEach(s -> perSeed.add(s.symbolicInvariants().get(output)));
          byOutput.put(output, perSeed);
        }));
    return byOutput;
  }

  /** MSE by model (final time only when {@code finalTime}). */
  public Map<String, Statistics> mse(boolean finalTime) {
    Map<String, Statistics> figures = new LinkedHashMap<>();
    for (String model : models()) {
      figures.put(model, figure(s -> (finalTime ? s.mseFinal() : s.mse()).get(model)));
    }
    return figures;
  }

  /** Violation by model, then by invariant (final time only when {@code finalTime}). */
  public Map<String, Map<String, Statistics>> violation(boolean finalTime) {
    Map<String, Map<String, Statistics>> figures = new LinkedHashMap<>();
    for (String model : models()) {
      Map<String, Statistics> byInvariant = new LinkedHashMap<>();
      for (String name : invariants) {
        byInvariant.put(name, figure(s -> (finalTime ? s.violationFinal() : s.violation()).get(model).get(name)));
      }
      figures.put(model, byInvariant);
    }
    return figures;
  }

  /** Seconds by stage, summed over seeds. */
  public Map<String, Double> timings() {
    Map<String, Double> totals = new LinkedHashMap<>();
    for (SeedResult seed : seeds) {
      seed.timings().forEach((stage, seconds) -> totals.merge(stage, seconds, Double::sum));
    }
    return totals;
  }
}
