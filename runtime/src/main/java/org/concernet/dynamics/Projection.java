/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * The projection layer of ConCerNet (paper eq. 3): f̃ = f − G(GᵀG)⁻¹Gᵀf, which removes from f its
 * components along the gradients G = ∂H/∂x (n × m) of the invariant H, so that Gᵀf̃ = 0 and H is
 * constant along f̃. (GᵀG)⁻¹ is never formed: the columns of G are orthonormalised into U, then
 * f̃ = f − Σ_k w_k (u_k·f) u_k, one direction at a time.
 *
 * <p><b>One output (m = 1)</b>: u = g/|g|, w = 1; a gradient whose squared norm is at most
 * {@link #TINY} is dropped (w = 0), so nothing is removed and no NaN appears.
 *
 * <p><b>Several outputs (m &gt; 1)</b>: rank-revealing Gram–Schmidt with column pivoting (QR with
 * column pivoting, as COMET orthogonalises against its constants' gradients). Each step takes the
 * remaining column whose remainder, relative to its own norm, is largest: s_j = |r_j| / |g_j|, the
 * sine of its angle to the span of the directions already taken. Its direction u_k = r_j/|r_j| is
 * removed from every remaining column; it is kept in f̃ with the weight
 * w_k = clamp((s − δ)/δ, 0, 1), with δ = {@link #DEPENDENCE_TOLERANCE} by default: w = 1 (the exact
 * projection, Gᵀf̃ = 0 to rounding) for s ≥ 2δ, nothing removed for s ≤ δ, and a linear ramp
 * between, so the field stays continuous in G. A nearly dependent column (∇E and ∇L of Kepler on
 * near-circular orbits, s &lt; 0.006 at 10% of the training points) has a remainder made of the
 * learned gradients' errors; the exact projection would remove f's component along that noise
 * (an error of order ε/s for gradients with relative error ε). Here the error is at most of order
 * ε/δ: a near-singular Gram matrix never amplifies noise into the field.
 *
 * <p>Graph forms take f shaped [batch, n] and G shaped [batch, n, m] (as {@code
 * Mlp.inputGradient}); Java forms take f [n] and G [n][m]. No op here needs a gradient of a
 * gradient, and the basis needs none at all when G is constant with respect to the trained weights.
 */
public final class Projection {
  /** Absolute floor on squared norms; a column below it is treated as zero. */
  public static final double TINY = 1e-30;

  /**
   * δ of the rank-revealing threshold for m &gt; 1: a direction whose relative remainder s (the
   * sine of its angle to the directions already taken) is at most δ is not removed, one with
   * s ≥ 2δ is removed exactly. 0.01: a learned gradient with a relative error of 1% turns its
   * nearly dependent remainder into noise of order one.
   */
  public static final double DEPENDENCE_TOLERANCE = 1e-2;

  private Projection() {}

  /** Relative threshold for a dependent column of the m = 1 path's Gram–Schmidt: 1e-10 in float64, 1e-5 in float32. */
  public static double relativeEps(Class<? extends TNumber> type) {
    return type == TFloat64.class ? 1e-10 : 1e-5;
  }

  /** f̃ = f − G(GᵀG)⁻¹Gᵀf for f [batch, n] and G [batch, n, m]: [batch, n], with δ = {@link #DEPENDENCE_TOLERANCE}. */
  public static <T extends TNumber> Operand<T> project(Ops tf, Operand<T> f, Operand<T> g) {
    return removeComponents(tf, f, orthonormalBasis(tf, g));
  }

  /** {@link #project(Ops, Operand, Operand)} with the dependence tolerance δ. */
  public static <T extends TNumber> Operand<T> project(Ops tf, Operand<T> f, Operand<T> g, double delta) {
    return removeComponents(tf, f, orthonormalBasis(tf, g, delta));
  }

  /** {@link #orthonormalBasis(Ops, Operand, double)} with δ = {@link #DEPENDENCE_TOLERANCE}. */
  public static <T extends TNumber> Operand<T> orthonormalBasis(Ops tf, Operand<T> g) {
    return orthonormalBasis(tf, g, DEPENDENCE_TOLERANCE);
  }

  /**
   * The weighted orthonormal basis of the columns of G [batch, n, m]: [batch, n, m], whose column k
   * is √w_k u_k (see the class comment); zero where a column of G is zero or dependent on the
   * directions taken before it.
   */
  public static <T extends TNumber> Operand<T> orthonormalBasis(Ops tf, Operand<T> g, double delta) {
    long m = g.shape().size(2);
    if (m < 1) {
      throw new IllegalArgumentException("G must be shaped [batch, n, m] with a known m >= 1, found " + g.shape());
    }
    checkDelta(delta);
    List<Operand<T>> columns = new ArrayList<>(tf.unstack(g, m, Unstack.axis(2L)).output());
    if (m == 1) {
      return tf.stack(List.of(singleDirection(tf, columns.get(0))), Stack.axis(2L));
    }
    Class<T> type = g.type();
    Operand<T> tiny = tf.constant(type, TINY);
    Operand<T> one = tf.constant(type, 1.0);
    Operand<T> zero = tf.constant(type, 0.0);
    Operand<T> d = tf.constant(type, delta);
    List<Operand<T>> norms = new ArrayList<>();
    for (Operand<T> column : columns) {
      norms.add(tf.math.add(dot(tf, column, column), tiny));
    }
    List<Operand<T>> residual = new ArrayList<>(columns);
    List<Operand<T>> basis = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      List<Operand<T>> relative = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        relative.add(tf.math.div(dot(tf, residual.get(j), residual.get(j)), norms.get(j)));
      }
      Operand<T> s2 = tf.concat(relative, tf.constant(1)); // [batch, m]
      Operand<T> pick = tf.oneHot(tf.math.argMax(s2, tf.constant(1)), tf.constant((int) m), one, zero); // [batch, m]
      Operand<T> chosen = zero;
      for (int j = 0; j < m; j++) {
        Operand<T> weight = tf.slice(pick, tf.constant(new int[] {0, j}), tf.constant(new int[] {-1, 1}));
        chosen = tf.math.add(chosen, tf.math.mul(weight, residual.get(j)));
      }
      Operand<T> s = tf.math.sqrt(tf.reduceSum(tf.math.mul(pick, s2), tf.constant(1), ReduceSum.keepDims(true)));
      Operand<T> keep = tf.math.minimum(one, tf.math.maximum(zero, tf.math.div(tf.math.sub(s, d), d)));
      Operand<T> u = tf.math.mul(chosen, tf.math.rsqrt(tf.math.maximum(dot(tf, chosen, chosen), tiny)));
      basis.add(tf.math.mul(u, tf.math.sqrt(keep)));
      for (int j = 0; j < m; j++) {
        residual.set(j, tf.math.sub(residual.get(j), tf.math.mul(dot(tf, u, residual.get(j)), u)));
      }
    }
    return tf.stack(basis, Stack.axis(2L));
  }

  /** u = g/|g| for one gradient g [batch, n], zero where |g|² is (relatively) zero: the paper's m = 1 layer. */
  private static <T extends TNumber> Operand<T> singleDirection(Ops tf, Operand<T> column) {
    Class<T> type = column.type();
    Operand<T> eps = tf.constant(type, relativeEps(type));
    Operand<T> tiny = tf.constant(type, TINY);
    Operand<T> zero = tf.constant(type, 0.0);
    Operand<T> vv = dot(tf, column, column);
    Operand<T> threshold = tf.math.add(tf.math.mul(eps, vv), tiny);
    Operand<T> inverseNorm = tf.math.reciprocal(tf.math.sqrt(tf.math.maximum(vv, tiny)));
    Operand<T> scale = tf.select(tf.math.greater(vv, threshold), inverseNorm, tf.math.mul(zero, inverseNorm));
    return tf.math.mul(column, scale);
  }

  private static void checkDelta(double delta) {
    if (!(delta > 0 && delta < 0.5)) {
      throw new IllegalArgumentException("the dependence tolerance δ must lie in (0, 0.5), was " + delta);
    }
  }

  /** f − Σ_i (u_i·f) u_i for f [batch, n] and a (weighted) orthonormal basis U [batch, n, m]. */
  public static <T extends TNumber> Operand<T> removeComponents(Ops tf, Operand<T> f, Operand<T> basis) {
    long m = basis.shape().size(2);
    Operand<T> out = f;
    for (Operand<T> u : tf.unstack(basis, m, Unstack.axis(2L)).output()) {
      out = tf.math.sub(out, tf.math.mul(dot(tf, u, out), u));
    }
    return out;
  }

  /** Row-wise dot product of two [batch, n] operands: [batch, 1]. */
  private static <T extends TNumber> Operand<T> dot(Ops tf, Operand<T> a, Operand<T> b) {
    return tf.reduceSum(tf.math.mul(a, b), tf.constant(1), ReduceSum.keepDims(true));
  }

  // ---- Java, double precision ----

  /** {@link #orthonormalBasis(double[][], double)} with δ = {@link #DEPENDENCE_TOLERANCE}. */
  public static double[][] orthonormalBasis(double[][] g) {
    return orthonormalBasis(g, DEPENDENCE_TOLERANCE);
  }

  /**
   * The weighted orthonormal basis of the columns of G [n][m], as m rows √w_k u_k of length n (zero
   * rows for dropped directions), in double precision: the graph form's algorithm.
   */
  public static double[][] orthonormalBasis(double[][] g, double delta) {
    checkDelta(delta);
    int n = g.length;
    int m = g[0].length;
    double[][] basis = new double[m][n];
    double[][] residual = new double[m][n];
    double[] norms = new double[m];
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < n; k++) {
        residual[i][k] = g[k][i];
      }
      norms[i] = dot(residual[i], residual[i]);
    }
    if (m == 1) {
      double vv = norms[0];
      if (vv > relativeEps(TFloat64.class) * vv + TINY) {
        double s = 1.0 / Math.sqrt(vv);
        for (int k = 0; k < n; k++) {
          basis[0][k] = residual[0][k] * s;
        }
      }
      return basis;
    }
    for (int step = 0; step < m; step++) {
      int best = 0;
      double bestS2 = -1;
      for (int j = 0; j < m; j++) {
        double s2 = dot(residual[j], residual[j]) / (norms[j] + TINY);
        if (s2 > bestS2) {
          bestS2 = s2;
          best = j;
        }
      }
      double[] r = residual[best];
      double inverse = 1.0 / Math.sqrt(Math.max(dot(r, r), TINY));
      double[] u = new double[n];
      for (int k = 0; k < n; k++) {
        u[k] = r[k] * inverse;
      }
      double keep = Math.min(1.0, Math.max(0.0, (Math.sqrt(bestS2) - delta) / delta));
      double root = Math.sqrt(keep);
      for (int k = 0; k < n; k++) {
        basis[step][k] = u[k] * root;
      }
      for (int j = 0; j < m; j++) {
        double d = dot(u, residual[j]);
        for (int k = 0; k < n; k++) {
          residual[j][k] -= d * u[k];
        }
      }
    }
    return basis;
  }

  /** f̃ = f − G(GᵀG)⁻¹Gᵀf for f [n] and G [n][m], in double precision, with δ = {@link #DEPENDENCE_TOLERANCE}. */
  public static double[] project(double[] f, double[][] g) {
    return project(f, g, DEPENDENCE_TOLERANCE);
  }

  /** {@link #project(double[], double[][])} with the dependence tolerance δ. */
  public static double[] project(double[] f, double[][] g, double delta) {
    if (g.length != f.length) {
      throw new IllegalArgumentException("G has " + g.length + " rows for a field of " + f.length + " components");
    }
    return removeComponents(f, orthonormalBasis(g, delta));
  }

  /** f − Σ_i (u_i·f) u_i for a (weighted) orthonormal basis given as rows. */
  public static double[] removeComponents(double[] f, double[][] basis) {
    double[] out = f.clone();
    for (double[] u : basis) {
      double d = dot(u, out);
      for (int k = 0; k < out.length; k++) {
        out[k] -= d * u[k];
      }
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
