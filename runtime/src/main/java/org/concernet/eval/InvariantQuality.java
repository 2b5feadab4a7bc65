/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.Locale;
import java.util.function.Function;
import org.concernet.data.Trajectories;

/**
 * How conserved one learned output H_k is on held-out trajectories, measured without any known
 * invariant — what a user with measured data can check. Two figures, both small for a good H:
 *
 * <ul>
 *   <li>{@code spread}: the mean over trajectories of H_k's variance along each trajectory, divided
 *       by H_k's variance over all points. 0 for an exact invariant; near 1 for a quantity that
 *       changes along trajectories as much as it differs between them. Blind to any rescaling of H.
 *   <li>{@code alignment}: the mean over points of |∇H_k·ẋ| / (|∇H_k||ẋ|), the cosine between H's
 *       gradient and the flow. 0 for an exact invariant (∇H ⊥ ẋ is the other half of what
 *       "conserved" means); about 0.64 for directions drawn at random in 2-D. Points where either
 *       vector vanishes are skipped.
 * </ul>
 *
 * Projecting the dynamics onto the level sets of H removes the flow's component along ∇H: when
 * the alignment is large that component is part of the true flow, and the projection removes
 * motion the system really has. {@link #likelyHurts()} says when the figures are past the
 * thresholds measured on the generality suite (docs/generality.md).
 *
 * @param spread mean within-trajectory variance over total variance
 * @param alignment mean |cos| between ∇H and ẋ
 */
public record InvariantQuality(double spread, double alignment) {
  /**
   * Spread above which projecting is likely to hurt. Measured on the generality suite (defaults, 3
   * seeds each, docs/generality.md): learned invariants with R² ≥ 0.84 spread 9e-5 … 0.026 per seed,
   * the damped oscillator's H (nothing conserved) 0.098 … 0.13; 0.05 is about their geometric middle.
   * Hénon–Heiles' H (R² 0.3, ConCerNet's MSE 6-9× the baseline's) spreads 0.055 … 0.068.
   */
  public static final double SPREAD_THRESHOLD = 0.05;

  /**
   * Alignment above which projecting is likely to hurt, measured as {@link #SPREAD_THRESHOLD}: good
   * invariants 0.006 … 0.072 per seed, the damped oscillator 0.13 … 0.23; 0.1 lies between.
   */
  public static final double ALIGNMENT_THRESHOLD = 0.1;

  /** Key of {@link #spread} in results.json. */
  public static final String SPREAD = "spread";
  /** Key of {@link #alignment} in results.json. */
  public static final String ALIGNMENT = "alignment";

  /**
   * The quality of each of H's m outputs on {@code data}, which must carry derivatives.
   *
   * @param h H at a state: m values
   * @param gradient ∂H/∂x at a state, shaped [n][m]
   * @throws IllegalArgumentException if {@code data} has no derivatives
   */
  public static InvariantQuality[] of(Function<double[], double[]> h, Function<double[], double[][]> gradient,
      Trajectories data) {
    if (!data.hasDerivatives()) {
      throw new IllegalArgumentException("invariant quality needs trajectories with derivatives, " + data
          + " has none");
    }
    int count = data.count();
    int length = data.length();
    double[][][] values = new double[count][length][];
    int m = -1;
    double[] alignmentSum = null;
    long[] alignmentPoints = null;
    for (int i = 0; i < count; i++) {
      for (int t = 0; t < length; t++) {
        double[] x = data.state(i, t);
        values[i][t] = h.apply(x);
        if (m < 0) {
          m = values[i][t].length;
          alignmentSum = new double[m];
          alignmentPoints = new long[m];
        }
        double[] v = data.derivative(i, t);
        double[][] g = gradient.apply(x);
        for (int k = 0; k < m; k++) {
          double dot = 0;
          double gg = 0;
          double vv = 0;
          for (int d = 0; d < v.length; d++) {
            dot += g[d][k] * v[d];
            gg += g[d][k] * g[d][k];
            vv += v[d] * v[d];
          }
          double norm = Math.sqrt(gg * vv);
          if (norm > 0) {
            alignmentSum[k] += Math.abs(dot) / norm;
            alignmentPoints[k]++;
          }
        }
      }
    }
    InvariantQuality[] out = new InvariantQuality[m];
    for (int k = 0; k < m; k++) {
      out[k] = new InvariantQuality(spread(values, k),
          alignmentPoints[k] == 0 ? Double.NaN : alignmentSum[k] / alignmentPoints[k]);
    }
    return out;
  }

  /** Mean within-trajectory variance of output k over its variance over all points; NaN if that is 0. */
  static double spread(double[][][] values, int k) {
    int count = values.length;
    int length = values[0].length;
    double grand = 0;
    for (double[][] trajectory : values) {
      for (double[] point : trajectory) {
        grand += point[k];
      }
    }
    grand /= (double) count * length;
    double total = 0;
    double within = 0;
    for (double[][] trajectory : values) {
      double mean = 0;
      for (double[] point : trajectory) {
        mean += point[k];
      }
      mean /= length;
      for (double[] point : trajectory) {
        within += (point[k] - mean) * (point[k] - mean);
        total += (point[k] - grand) * (point[k] - grand);
      }
    }
    return total > 0 ? within / total : Double.NaN;
  }

  /**
   * Whether projecting onto this H is likely to make the dynamics worse: either figure past its
   * threshold, or not a number (H constant on the data).
   */
  public boolean likelyHurts() {
    return !(spread <= SPREAD_THRESHOLD) || !(alignment <= ALIGNMENT_THRESHOLD);
  }

  /** "spread 1.2e-03, alignment 0.031". */
  public String describe() {
    return String.format(Locale.ROOT, "spread %.2e, alignment %.3f", spread, alignment);
  }
}
