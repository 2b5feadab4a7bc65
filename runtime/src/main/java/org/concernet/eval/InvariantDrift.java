/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.concernet.data.Trajectories;
import org.concernet.system.SystemSpec;

/**
 * Whether the invariants a system declares are conserved by the equations it declares: each
 * invariant's largest change along noise-free reference trajectories, relative to how much it
 * differs between trajectories. A true invariant changes by the integrator's error (~1e-9 of its
 * spread); a mistyped one ({@code s + i} for {@code s + i + r}) by a sizeable fraction of it. Run
 * before training, so a typo stops the run at once instead of surfacing as a poor R².
 */
public final class InvariantDrift {
  /** The relative drift above which a declared invariant is taken as not conserved. */
  public static final double DEFAULT_TOLERANCE = 1e-4;

  private InvariantDrift() {}

  /**
   * Each declared invariant's relative drift on {@code clean}: max over trajectories and times of
   * |C(x(t)) − C(x(0))|, over the standard deviation of C(x(0)) across the trajectories (or, when
   * every trajectory starts on the same level, over the mean |C(x(0))|).
   */
  public static Map<String, Double> of(SystemSpec system, Trajectories clean) {
    int m = system.invariantNames().size();
    double[] maxChange = new double[m];
    double[][] initial = new double[m][clean.count()];
    for (int i = 0; i < clean.count(); i++) {
      double[] start = system.invariants(clean.state(i, 0));
      for (int k = 0; k < m; k++) {
        initial[k][i] = start[k];
      }
      for (int t = 1; t < clean.length(); t++) {
        double[] c = system.invariants(clean.state(i, t));
        for (int k = 0; k < m; k++) {
          double change = Math.abs(c[k] - start[k]);
          maxChange[k] = Double.isNaN(change) ? Double.POSITIVE_INFINITY : Math.max(maxChange[k], change);
        }
      }
    }
    Map<String, Double> drift = new LinkedHashMap<>();
    for (int k = 0; k < m; k++) {
      drift.put(system.invariantNames().get(k), maxChange[k] / scale(initial[k]));
    }
    return drift;
  }

  /**
   * The invariants of {@code drift} above {@code tolerance}, as one sentence per invariant for an
   * error message; empty when all are conserved.
   */
  public static String violations(String systemName, Map<String, Double> drift, double tolerance) {
    StringBuilder s = new StringBuilder();
    drift.forEach((name, d) -> {
      if (!(d <= tolerance)) {
        s.append(s.length() == 0 ? "" : "\n").append(String.format(Locale.ROOT,
            "@Invariant %s of %s is not conserved by the declared equations: along noise-free reference"
                + " trajectories it changes by %.3g of its spread between trajectories (at most %.0e is"
                + " integration error); check its formula and the @Derivative methods", name, systemName, d,
            tolerance));
      }
    });
    return s.toString();
  }

  private static double scale(double[] values) {
    double mean = 0;
    double meanAbs = 0;
    for (double v : values) {
      mean += v / values.length;
      meanAbs += Math.abs(v) / values.length;
    }
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean) / values.length;
    }
    double std = Math.sqrt(var);
    if (std > 1e-9 * meanAbs) {
      return std;
    }
    return meanAbs > 0 ? meanAbs : Double.MIN_NORMAL;
  }
}
