/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.List;

/**
 * The held-out states with each term's gradient stored sparsely and the span of the learned
 * gradients ({@link GradientSpan}), to measure a candidate φ = Σ ξ_k θ_k: its misalignment is the
 * mean over states of sin² of the angle between ∇φ and that span (for one output, ∇H's direction),
 * every state counting alike (a quadratic form Σ|P∇φ|² / Σ|∇φ|² would let φ put its gradient where
 * it aligns and stay nearly flat, and wrong, elsewhere: nearly cancelling q², q⁴ and cos(q) do
 * exactly that).
 */
final class HeldOutScore {
  private final double[][][] bases;
  private final int[][][] coordinates;
  private final double[][][] values;
  private final int n;

  /**
   * @param bases the span's orthonormal basis at each state, [N][r_i][n]; a state with r_i = 0 (every
   *     learned gradient vanishes) is skipped
   */
  HeldOutScore(TermLibrary library, double[][] states, double[][][] bases) {
    int count = states.length;
    int k = library.size();
    this.bases = bases;
    this.n = states.length == 0 ? 0 : states[0].length;
    coordinates = new int[count][k][];
    values = new double[count][k][];
    for (int i = 0; i < count; i++) {
      if (bases[i].length == 0) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        double[] gj = library.terms().get(j).gradient(states[i]);
        int nonzero = 0;
        for (double v : gj) {
          nonzero += v != 0 ? 1 : 0;
        }
        coordinates[i][j] = new int[nonzero];
        values[i][j] = new double[nonzero];
        int c = 0;
        for (int r = 0; r < gj.length; r++) {
          if (gj[r] != 0) {
            coordinates[i][j][c] = r;
            values[i][j][c++] = gj[r];
          }
        }
      }
    }
  }

  /** ∇φ at held-out state i. */
  double[] gradient(double[] xi, int i) {
    double[] grad = new double[n];
    for (int j = 0; j < xi.length; j++) {
      if (xi[j] != 0) {
        for (int c = 0; c < coordinates[i][j].length; c++) {
          grad[coordinates[i][j][c]] += xi[j] * values[i][j][c];
        }
      }
    }
    return grad;
  }

  /** {@link #misalignment(double[])} of φ = Σ_a coefficients[a]·θ_{support[a]}. */
  double misalignment(int[] support, double[] coefficients) {
    double sum = 0;
    int used = 0;
    double[] grad = new double[n];
    for (int i = 0; i < bases.length; i++) {
      if (bases[i].length == 0) {
        continue;
      }
      java.util.Arrays.fill(grad, 0);
      for (int a = 0; a < support.length; a++) {
        int j = support[a];
        for (int c = 0; c < coordinates[i][j].length; c++) {
          grad[coordinates[i][j][c]] += coefficients[a] * values[i][j][c];
        }
      }
      sum += GradientSpan.offSpan(grad, bases[i]);
      used++;
    }
    return used == 0 ? Double.NaN : sum / used;
  }

  /** Mean sin² of the angle between ∇φ and the learned span; a state where ∇φ vanishes counts as 1. */
  double misalignment(double[] xi) {
    double sum = 0;
    int used = 0;
    for (int i = 0; i < bases.length; i++) {
      if (bases[i].length == 0) {
        continue;
      }
      sum += GradientSpan.offSpan(gradient(xi, i), bases[i]);
      used++;
    }
    return used == 0 ? Double.NaN : sum / used;
  }

  /**
   * How far φ is from being a function of the formulas {@code chosen}: the mean over states of sin²
   * of the angle between ∇φ and the span of their gradients (rank-revealing at {@link
   * GradientSpan#DEPENDENCE_TOLERANCE}); 1 when nothing is chosen. A function of the chosen formulas
   * (L², or L plus a term of noise) scores near 0.
   */
  double independence(double[] xi, List<double[]> chosen) {
    if (chosen.isEmpty()) {
      return 1;
    }
    double sum = 0;
    int used = 0;
    for (int i = 0; i < bases.length; i++) {
      if (bases[i].length == 0) {
        continue;
      }
      double[][] grads = new double[chosen.size()][];
      for (int c = 0; c < grads.length; c++) {
        grads[c] = gradient(chosen.get(c), i);
      }
      sum += GradientSpan.offSpan(gradient(xi, i), GradientSpan.basis(grads, GradientSpan.DEPENDENCE_TOLERANCE));
      used++;
    }
    return used == 0 ? Double.NaN : sum / used;
  }
}
