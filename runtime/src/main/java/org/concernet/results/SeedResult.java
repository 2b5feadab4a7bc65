/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.results;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

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
 * @param trajectories each evaluation trajectory's initial state and per-model MSE, in evaluation
 *     order; empty for a result recorded before these were kept
 * @param invariantQuality by learned output ("H1", "H2", …), how conserved it is on the held-out
 *     trajectories without any known invariant: {@code spread} and {@code alignment} ({@link
 *     org.concernet.eval.InvariantQuality}); empty for a result recorded before it was measured
 * @param symbolicInvariants H read out as a formula ({@code org.concernet.symbolic}): "H1" for one
 *     learned output; for m &gt; 1, "C1" … "Cm", a basis of formulas for what the outputs conserve
 *     together (not one per output); empty when the read-out was not run or the result predates it
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
    Map<String, String> notes,
    List<EvaluationTrajectory> trajectories,
    Map<String, Map<String, Double>> invariantQuality,
    Map<String, SymbolicInvariant> symbolicInvariants) {
  /** Names of the dynamics models, in the order tables show them. */
  public static final String BASELINE = "baseline";
  public static final String CONCERNET = "concernet";
  /** The formula model's name: ConCerNet projected with the read-out formula (present only where it ran). */
  public static final String CONCERNET_FORMULA = "concernetFormula";
  private static final String BLEW_UP = "blew up";

  public SeedResult {
    trajectories = trajectories == null ? List.of() : List.copyOf(trajectories);
    invariantQuality = invariantQuality == null ? Map.of() : invariantQuality;
    symbolicInvariants = symbolicInvariants == null ? Map.of() : symbolicInvariants;
  }

  /** A result without {@link #symbolicInvariants}, as recorded before the read-out existed. */
  public SeedResult(long seed, Map<String, Double> invariantR2, Map<String, Double> invariantR2Cubic,
      Map<String, Double> mse, Map<String, Double> mseFinal, Map<String, Map<String, Double>> violation,
      Map<String, Map<String, Double>> violationFinal, Map<String, Double> timings, Map<String, Double> rates,
      Map<String, String> notes, List<EvaluationTrajectory> trajectories,
      Map<String, Map<String, Double>> invariantQuality) {
    this(seed, invariantR2, invariantR2Cubic, mse, mseFinal, violation, violationFinal, timings, rates, notes,
        trajectories, invariantQuality, Map.of());
  }

  /** This result with {@code formulas} as its {@link #symbolicInvariants}. */
  public SeedResult withSymbolicInvariants(Map<String, SymbolicInvariant> formulas) {
    return new SeedResult(seed, invariantR2, invariantR2Cubic, mse, mseFinal, violation, violationFinal, timings,
        rates, notes, trajectories, invariantQuality, formulas);
  }

  /** A result without {@link #invariantQuality}, as recorded before it was measured. */
  public SeedResult(long seed, Map<String, Double> invariantR2, Map<String, Double> invariantR2Cubic,
      Map<String, Double> mse, Map<String, Double> mseFinal, Map<String, Map<String, Double>> violation,
      Map<String, Map<String, Double>> violationFinal, Map<String, Double> timings, Map<String, Double> rates,
      Map<String, String> notes, List<EvaluationTrajectory> trajectories) {
    this(seed, invariantR2, invariantR2Cubic, mse, mseFinal, violation, violationFinal, timings, rates, notes,
        trajectories, Map.of(), Map.of());
  }

  /** The name of learned output {@code k} (0-based) in {@link #invariantQuality}: "H1", "H2", …. */
  public static String learnedOutput(int k) {
    return "H" + (k + 1);
  }

  /**
   * The fraction of {@code model}'s summed per-trajectory MSE that trajectory {@code index}
   * carries: 1 / count when all are alike, near 1 when one dominates. NaN when the sum is 0 or
   * infinite.
   */
  public double mseShare(int index, String model) {
    double sum = trajectories.stream().mapToDouble(t -> t.mse().get(model)).sum();
    return sum > 0 && Double.isFinite(sum) ? trajectories.get(index).mse().get(model) / sum : Double.NaN;
  }

  /** The trajectory with the largest MSE of {@code model}, or empty when none was kept. */
  public OptionalInt worstTrajectory(String model) {
    int worst = -1;
    for (int i = 0; i < trajectories.size(); i++) {
      if (worst < 0 || trajectories.get(i).mse().get(model) > trajectories.get(worst).mse().get(model)) {
        worst = i;
      }
    }
    return worst < 0 ? OptionalInt.empty() : OptionalInt.of(worst);
  }

  /**
   * The line a run prints after the seed: which evaluation trajectory carries the largest part of
   * ConCerNet's MSE, where it started, and how the baseline did on it. Empty with fewer than two
   * trajectories, where there is nothing to single out.
   */
  public Optional<String> worstTrajectoryLine() {
    if (trajectories.size() < 2) {
      return Optional.empty();
    }
    int worst = worstTrajectory(CONCERNET).getAsInt();
    EvaluationTrajectory t = trajectories.get(worst);
    String own = mseAndShare(t.mse().get(CONCERNET), mseShare(worst, CONCERNET));
    return Optional.of(String.format(Locale.ROOT, "seed %d: ConCerNet's largest error is on evaluation trajectory %d"
        + " of %d, x0 = %s: ConCerNet %s, baseline %s", seed, worst + 1, trajectories.size(),
        t.describeInitialState(), own.equals(BLEW_UP) ? own : "MSE " + own,
        mseAndShare(t.mse().get(BASELINE), mseShare(worst, BASELINE))));
  }

  /** "1.800e-02 (90% of the seed's)", without the share when there is none, or "blew up". */
  private static String mseAndShare(double mse, double share) {
    if (!Double.isFinite(mse)) {
      return BLEW_UP;
    }
    String value = String.format(Locale.ROOT, "%.3e", mse);
    return Double.isNaN(share) ? value : value + String.format(Locale.ROOT, " (%.0f%% of the seed's)", 100 * share);
  }
}
