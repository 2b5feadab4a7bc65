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
 * constant along f̃. Computed as in the paper with (modified) Gram–Schmidt: the m columns of G are
 * orthonormalised into U, then f̃ = f − Σ_i (u_i·f) u_i, one column at a time.
 *
 * <p>A column whose remainder after Gram–Schmidt is (numerically) zero — a vanishing gradient, or
 * one linearly dependent on earlier columns — is dropped: its basis vector is zero, so nothing is
 * removed along it and no NaN appears. "Numerically zero" means a squared norm at most
 * {@code relativeEps(dtype) · (g_i·g_i) + TINY}.
 *
 * <p>Graph forms take f shaped [batch, n] and G shaped [batch, n, m] (as {@code
 * Mlp.inputGradient}); Java forms take f [n] and G [n][m]. No op here needs a gradient of a
 * gradient, and the basis needs none at all when G is constant with respect to the trained weights.
 */
public final class Projection {
  /** Absolute floor on squared norms; a column below it is treated as zero. */
  public static final double TINY = 1e-30;

  private Projection() {}

  /** Relative threshold for a dependent column: 1e-10 in float64, 1e-5 in float32. */
  public static double relativeEps(Class<? extends TNumber> type) {
    return type == TFloat64.class ? 1e-10 : 1e-5;
  }

  /** f̃ = f − G(GᵀG)⁻¹Gᵀf for f [batch, n] and G [batch, n, m]: [batch, n]. */
  public static <T extends TNumber> Operand<T> project(Ops tf, Operand<T> f, Operand<T> g) {
    return removeComponents(tf, f, orthonormalBasis(tf, g));
  }

  /**
   * The Gram–Schmidt orthonormalisation of the columns of G [batch, n, m]: [batch, n, m], with
   * zero columns where a column of G is zero or dependent on earlier ones.
   */
  public static <T extends TNumber> Operand<T> orthonormalBasis(Ops tf, Operand<T> g) {
    long m = g.shape().size(2);
    if (m < 1) {
      throw new IllegalArgumentException("G must be shaped [batch, n, m] with a known m >= 1, found " + g.shape());
    }
    Class<T> type = g.type();
    Operand<T> eps = tf.constant(type, relativeEps(type));
    Operand<T> tiny = tf.constant(type, TINY);
    Operand<T> zero = tf.constant(type, 0.0);
    List<Operand<T>> columns = new ArrayList<>(tf.unstack(g, m, Unstack.axis(2L)).output());
    List<Operand<T>> basis = new ArrayList<>();
    for (Operand<T> column : columns) {
      Operand<T> v = column;
      for (Operand<T> u : basis) {
        v = tf.math.sub(v, tf.math.mul(dot(tf, u, v), u));
      }
      Operand<T> vv = dot(tf, v, v);
      Operand<T> gg = dot(tf, column, column);
      Operand<T> threshold = tf.math.add(tf.math.mul(eps, gg), tiny);
      Operand<T> inverseNorm = tf.math.reciprocal(tf.math.sqrt(tf.math.maximum(vv, tiny)));
      Operand<T> scale = tf.select(tf.math.greater(vv, threshold), inverseNorm, tf.math.mul(zero, inverseNorm));
      basis.add(tf.math.mul(v, scale));
    }
    return tf.stack(basis, Stack.axis(2L));
  }

  /** f − Σ_i (u_i·f) u_i for f [batch, n] and an orthonormal (or zero-column) basis U [batch, n, m]. */
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

  /**
   * The orthonormal basis of the columns of G [n][m], as m rows of length n (zero rows for
   * dropped columns), in double precision.
   */
  public static double[][] orthonormalBasis(double[][] g) {
    int n = g.length;
    int m = g[0].length;
    double eps = relativeEps(TFloat64.class);
    double[][] basis = new double[m][n];
    for (int i = 0; i < m; i++) {
      double[] v = new double[n];
      double gg = 0;
      for (int k = 0; k < n; k++) {
        v[k] = g[k][i];
        gg += v[k] * v[k];
      }
      for (int j = 0; j < i; j++) {
        double d = dot(basis[j], v);
        for (int k = 0; k < n; k++) {
          v[k] -= d * basis[j][k];
        }
      }
      double vv = dot(v, v);
      if (vv > eps * gg + TINY) {
        double s = 1.0 / Math.sqrt(vv);
        for (int k = 0; k < n; k++) {
          basis[i][k] = v[k] * s;
        }
      }
    }
    return basis;
  }

  /** f̃ = f − G(GᵀG)⁻¹Gᵀf for f [n] and G [n][m], in double precision. */
  public static double[] project(double[] f, double[][] g) {
    if (g.length != f.length) {
      throw new IllegalArgumentException("G has " + g.length + " rows for a field of " + f.length + " components");
    }
    return removeComponents(f, orthonormalBasis(g));
  }

  /** f − Σ_i (u_i·f) u_i for an orthonormal basis given as rows. */
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
