/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.util.Map;

/**
 * What one seed of an experiment measured.
 *
 * @param seed the seed
 * @param invariantR2 R² of the learned invariant against each known invariant
 * @param invariantR2Cubic the same for a cubic polynomial in the learned outputs
 *     ({@link org.concernet.eval.RSquared#cubic}): blind to a smooth reparametrisation of H
 * @param mse MSE of the rollouts by model ("baseline", "concernet")
 * @param mseFinal MSE at the final time only, by model
 * @param violation by model, then by invariant: mean squared drift of the invariant
 * @param violationFinal the same at the final time only
 * @param timings seconds by stage ("data", "contrastive", "dynamics", "evaluation", "total")
 * @param rates other speed figures (seconds per epoch, steps per second)
 * @param notes facts worth reporting (e.g. chosen rollout substeps, blown-up rollouts)
 */
public record SeedResult(
    long seed,
    Map<String, Double> invariantR2,
    Map<String, Double> invariantR2Cubic,
    Map<String, Double> mse,
    Map<String, Double> mseFinal,
    Map<String, Map<String, Double>> violation,
    Map<String, Map<String, Double>> violationFinal,
    Map<String, Double> timings,
    Map<String, Double> rates,
    Map<String, String> notes) {
  /** Names of the two dynamics models, in the order tables show them. */
  public static final String BASELINE = "baseline";
  public static final String CONCERNET = "concernet";
}
