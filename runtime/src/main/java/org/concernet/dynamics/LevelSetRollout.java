/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.concernet.data.Rollout;
import org.concernet.nn.MlpWeights;

/**
 * Conservation that also holds between steps: a fixed-step RK4 rollout of a projected model in
 * double precision which, after every step, projects the state back onto the level set of the
 * learned invariants it started on, H(x) = H(x₀), with a few Newton steps (SciML's
 * ManifoldProjection). The projected field keeps H constant only to the integrator's order; the
 * Newton steps remove what each RK4 step drifts, so H holds to rounding over any horizon.
 *
 * <p>Each Newton step is the least-norm correction Δx = −G(GᵀG + λI)⁻¹ r with r = H(x) − H(x₀)
 * and G = ∂H/∂x at x, a damped solve (λ = {@value #DAMPING} · trace(GᵀG)), so nearly dependent
 * gradients cannot turn a tiny residual into a large step. Newton stops when every |r_k| is at
 * most {@value #TOLERANCE} · max(1, |H_k(x₀)|), or after {@link #newtonSteps} steps.
 *
 * @param model the projected model (its invariant is the H held)
 * @param newtonSteps the most Newton steps after each RK4 step, at least 1
 */
public record LevelSetRollout(LearnedDynamics model, int newtonSteps) {
  /** Relative damping of the Newton solve. */
  public static final double DAMPING = 1e-12;
  /** Relative residual at which Newton stops. */
  public static final double TOLERANCE = 1e-13;

  public LevelSetRollout {
    if (model.invariant().isEmpty()) {
      throw new IllegalArgumentException("a level-set rollout needs a projected model with a learned invariant, "
          + model + " has none");
    }
    if (newtonSteps < 1) {
      throw new IllegalArgumentException("newtonSteps must be at least 1, was " + newtonSteps);
    }
  }

  /**
   * Rolls the model out from each of {@code initial} over {@code times} with {@code substeps} RK4
   * steps per interval, projecting after each step. A state that turns non-finite stays so.
   */
  public Rollout rollout(double[][] initial, double[] times, int substeps) {
    MlpWeights h = model.invariant().orElseThrow();
    double[][] targets = new double[initial.length][];
    for (int i = 0; i < initial.length; i++) {
      targets[i] = h.apply(initial[i].clone());
    }
    return JavaRk4.rollout(model::vectorField, initial, times, substeps, (i, x) -> project(x, targets[i], h));
  }

  /** x moved back onto H = {@code target} by at most {@link #newtonSteps} Newton steps. */
  double[] project(double[] x, double[] target, MlpWeights h) {
    double[] y = x.clone();
    int n = y.length;
    int m = target.length;
    for (int step = 0; step < newtonSteps; step++) {
      double[] value = h.apply(y);
      double[] r = new double[m];
      boolean done = true;
      for (int k = 0; k < m; k++) {
        r[k] = value[k] - target[k];
        done &= Math.abs(r[k]) <= TOLERANCE * Math.max(1, Math.abs(target[k]));
      }
      if (done || !Double.isFinite(r[0])) {
        return y;
      }
      double[][] g = h.inputGradient(y); // [n][m]
      double[][] gram = new double[m][m];
      double trace = 0;
      for (int a = 0; a < m; a++) {
        for (int b = 0; b < m; b++) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            s += g[k][a] * g[k][b];
          }
          gram[a][b] = s;
        }
        trace += gram[a][a];
      }
      for (int a = 0; a < m; a++) {
        gram[a][a] += DAMPING * trace + Projection.TINY;
      }
      double[] c = solve(gram, r);
      for (int k = 0; k < n; k++) {
        double d = 0;
        for (int a = 0; a < m; a++) {
          d += g[k][a] * c[a];
        }
        y[k] -= d;
      }
    }
    return y;
  }

  /**
   * A small symmetric positive definite system (LU with partial pivoting, Commons Math). No
   * singularity threshold: the damped Gram matrix's pivots scale with |∇H|², which may be tiny.
   */
  static double[] solve(double[][] a, double[] b) {
    return new LUDecomposition(new Array2DRowRealMatrix(a, false), 0).getSolver()
        .solve(new ArrayRealVector(b, false)).toArray();
  }

  /**
   * The largest drift of the learned invariants over {@code rollout}: max over trajectories, times
   * and outputs k of |H_k(x_t) − H_k(x_0)| / max(1, |H_k(x_0)|).
   */
  public static double maxRelativeDrift(MlpWeights h, Rollout rollout) {
    double worst = 0;
    for (int i = 0; i < rollout.count(); i++) {
      double[] start = h.apply(rollout.state(i, 0));
      for (int t = 1; t < rollout.length(); t++) {
        double[] now = h.apply(rollout.state(i, t));
        for (int k = 0; k < start.length; k++) {
          double d = Math.abs(now[k] - start[k]) / Math.max(1, Math.abs(start[k]));
          worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
      }
    }
    return worst;
  }
}
