/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.concernet.data.Rollout;
import org.concernet.dynamics.JavaRk4;
import org.concernet.latent.StateSpace;
import org.concernet.results.SeedResult;
import org.concernet.results.SymbolicInvariant;
import org.concernet.symbolic.Formula;
import org.concernet.symbolic.SymbolicReadout;
import org.concernet.system.SystemSpec;

/**
 * The formula model: ConCerNet's trained field projected once more with the exact gradient of
 * the learned invariant read out as a formula (issue #18), so that the formula rather than the
 * network H is conserved exactly, rolled out in double precision with ConCerNet's own RK4 step.
 * The formula is held exactly, so its own coefficients' errors set the violation (which is why
 * the read-out refines them on the training derivatives: before that, a chemical kinetics read-out
 * of 0.6188·x1 + 0.6202·x2 let the mass drift by 0.2% of x2's change, more than ConCerNet's drift
 * at the evaluation's concentrations of up to 160). Where the formula is the true invariant up to its
 * coefficients' errors, its violation falls to the integrator's; where the formula is wrong, this
 * column shows it. It runs when every learned output was read out as a formula and the model works
 * in the system's own states (no autoencoder).
 */
final class FormulaModel {
  /** The model's name in results (beside {@code baseline} and {@code concernet}). */
  static final String NAME = SeedResult.CONCERNET_FORMULA;

  private FormulaModel() {}

  /** Why the model cannot run on these read-outs, or empty when it can. */
  static Optional<String> unavailable(TrainedModels models, Map<String, SymbolicInvariant> formulas) {
    if (models.autoencoder().isPresent()) {
      return Optional.of("the formula is in the system's states, but the models run in the autoencoder's latent space");
    }
    if (formulas.isEmpty()) {
      return Optional.of("there is no read-out");
    }
    List<String> missing = new ArrayList<>();
    formulas.forEach((output, f) -> {
      if (!f.found()) {
        missing.add(output);
      }
    });
    return missing.isEmpty() ? Optional.empty()
        : Optional.of("no sparse formula was found for " + String.join(", ", missing));
  }

  /**
   * ConCerNet's field projected with the gradients of {@code phi}, rolled out from {@code truth}'s
   * initial states over its times with {@code substeps} RK4 steps per interval; in the space the
   * models learned in (standardised states: φ's gradients are pushed forward to it), decoded.
   */
  static Rollout rollout(TrainedModels models, List<Formula> phi, Rollout truth, int substeps) {
    double[][] initial = new double[truth.count()][];
    for (int i = 0; i < initial.length; i++) {
      initial[i] = truth.state(i, 0);
    }
    StateSpace space = models.space();
    return space.decode(JavaRk4.rollout(
        models.concernet().projectedWith(z -> space.pushForward(z, gradients(phi, space.decode(z)))),
        space.encode(initial), truth.times(), substeps));
  }

  /** The read-outs as functions, in output order. */
  static List<Formula> formulas(SystemSpec system, Map<String, SymbolicInvariant> formulas) {
    var declared = SymbolicReadout.declaredTerms(system.candidateTermNames(), system::candidateTerms);
    List<Formula> phi = new ArrayList<>();
    formulas.values().forEach(f -> phi.add(Formula.of(f, system.stateNames(), declared)));
    return phi;
  }

  /** G = [∇φ_1 … ∇φ_m] at x, [n][m]. */
  private static double[][] gradients(List<Formula> phi, double[] x) {
    double[][] g = new double[x.length][phi.size()];
    for (int k = 0; k < phi.size(); k++) {
      double[] gk = phi.get(k).gradient(x);
      for (int r = 0; r < x.length; r++) {
        g[r][k] = gk[r];
      }
    }
    return g;
  }

  /**
   * The largest drift of the formulas over {@code rollout}: max over trajectories, times and
   * formulas of |φ(x_t) − φ(x_0)| / max(1, |φ(x_0)|).
   */
  static double maxRelativeDrift(List<Formula> phi, Rollout rollout) {
    double worst = 0;
    for (int i = 0; i < rollout.count(); i++) {
      for (Formula f : phi) {
        double start = f.value(rollout.state(i, 0));
        for (int t = 1; t < rollout.length(); t++) {
          double d = Math.abs(f.value(rollout.state(i, t)) - start) / Math.max(1, Math.abs(start));
          worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
      }
    }
    return worst;
  }

  /** The console line of the model's figures. */
  static String describe(int substeps, double mse, Map<String, Double> violation, double drift) {
    StringBuilder violations = new StringBuilder();
    violation.forEach((name, v) -> violations.append(String.format(Locale.ROOT, ", violation %s %.3e", name, v)));
    return String.format(Locale.ROOT, "formula model (ConCerNet's field projected onto the read-out formula's level"
        + " sets with its exact gradient, RK4 in double precision, %d substeps): MSE %.3e%s; the formula's largest relative drift %.1e",
        substeps, mse, violations, drift);
  }
}
