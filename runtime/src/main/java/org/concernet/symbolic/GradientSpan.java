/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.List;

/**
 * An orthonormal basis of the span of a few gradients at one state, rank-revealing as {@code
 * dynamics.Projection} is for m &gt; 1: Gram–Schmidt with column pivoting, each step taking the
 * remaining gradient whose remainder, relative to its own norm (s, the sine of its angle to the
 * directions already taken), is largest, and stopping when that s is at most the relative threshold
 * δ. A gradient that vanishes (squared norm ≤ {@value #TINY}) or is not finite adds nothing.
 */
final class GradientSpan {
  /** Absolute floor on squared norms, as {@code Projection.TINY}. */
  static final double TINY = 1e-30;

  /** δ, as {@code Projection.DEPENDENCE_TOLERANCE}: a gradient less than 0.01 rad off the span adds nothing. */
  static final double DEPENDENCE_TOLERANCE = 1e-2;

  private GradientSpan() {}

  /**
   * The orthonormal basis (rows) of the span of {@code gradients} (each of length n), at most as many
   * rows as gradients, none when every gradient vanishes.
   */
  static double[][] basis(double[][] gradients, double delta) {
    int m = gradients.length;
    double[][] rest = new double[m][];
    double[] norms = new double[m];
    boolean[] open = new boolean[m];
    for (int j = 0; j < m; j++) {
      rest[j] = gradients[j].clone();
      norms[j] = dot(rest[j], rest[j]);
      open[j] = norms[j] > TINY && Double.isFinite(norms[j]);
    }
    List<double[]> out = new ArrayList<>();
    while (true) {
      int pick = -1;
      double largest = 0;
      for (int j = 0; j < m; j++) {
        if (open[j]) {
          double s2 = dot(rest[j], rest[j]) / norms[j];
          if (pick < 0 || s2 > largest) {
            pick = j;
            largest = s2;
          }
        }
      }
      if (pick < 0 || !(largest > delta * delta)) {
        break;
      }
      double length = Math.sqrt(dot(rest[pick], rest[pick]));
      double[] u = new double[rest[pick].length];
      for (int r = 0; r < u.length; r++) {
        u[r] = rest[pick][r] / length;
      }
      out.add(u);
      open[pick] = false;
      for (int j = 0; j < m; j++) {
        if (open[j]) {
          double along = dot(u, rest[j]);
          for (int r = 0; r < u.length; r++) {
            rest[j][r] -= along * u[r];
          }
        }
      }
    }
    return out.toArray(new double[0][]);
  }

  /** The number of directions {@link #basis} keeps: the numerical rank of {@code gradients} at relative δ. */
  static int rank(double[][] gradients, double delta) {
    return basis(gradients, delta).length;
  }

  /**
   * sin² of the angle between {@code v} and the span of the orthonormal rows of {@code basis}: 1 −
   * |Qv|²/|v|²; 1 for a vanishing v (a φ that is flat at a state tells nothing there).
   */
  static double offSpan(double[] v, double[][] basis) {
    double norm2 = dot(v, v);
    if (!(norm2 > 0) || !Double.isFinite(norm2)) {
      return 1;
    }
    double inside = 0;
    for (double[] q : basis) {
      double a = dot(q, v);
      inside += a * a;
    }
    return Math.max(0, 1 - inside / norm2);
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int r = 0; r < a.length; r++) {
      s += a[r] * b[r];
    }
    return s;
  }
}
