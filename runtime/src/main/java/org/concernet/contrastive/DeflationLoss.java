/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Deflation: the square ratio loss for m &gt; 1 outputs that cannot be met by repeating one
 * conserved quantity. Any smooth function of a conserved quantity is conserved, so the square
 * ratio loss on all outputs at once is as low for (L, L³) as for (L, E). Here output k is judged
 * only on what outputs 1 … k−1 do not already say:
 *
 * <pre>
 *   z_j   = (H_j − mean H_j) / std H_j  over the batch, j &lt; k, held constant (no gradient)
 *   Φ_k   = every monomial of total degree ≤ d in z_1 … z_{k−1}, the constant included
 *   r_k   = H_k − Φ_k β,  β the least-squares fit of H_k on Φ_k within the batch
 *   loss  = mean over k of SquareRatio(r_k)      (r_1 = H_1: the paper's loss of one output)
 * </pre>
 *
 * If H_k is (to degree d) a function of the outputs before it across the batch's trajectories,
 * r_k is only what varies along each trajectory and its ratio is near 1, the worst value; it is
 * low only when H_k separates trajectories that H_1 … H_{k−1} do not tell apart, and is conserved
 * along each. The ratio does not see H_k's part that is a function of the others, so true invariants
 * whose gradients are nearly parallel (Kepler's E and L on near-circular orbits) are not pushed
 * apart, unlike the gradient-cosine term of {@link IndependenceLoss}.
 *
 * <p>The fit is an orthogonal projection: the columns of Φ_k are orthonormalised over the batch by
 * modified Gram–Schmidt (a column whose squared remainder is below {@link #RIDGE} times the batch size, {@link
 * #RIDGE_FLOAT64} in float64, is damped away, not divided by zero), and r_k = H_k − Σ_c (q_c·H_k) q_c. Φ_k carries
 * no gradient, so the training gradient of r_k is linear in that of H_k; every op is first order.
 */
public final class DeflationLoss {
  /** Damps the Gram–Schmidt normalisation in float32: q = v / sqrt(|v|² + RIDGE·P). */
  public static final double RIDGE = 1e-6;
  /** The same in float64. */
  public static final double RIDGE_FLOAT64 = 1e-14;
  /** Guards the standardisation of an output that is constant over the batch. */
  public static final double EPSILON = 1e-12;

  private DeflationLoss() {}

  /**
   * The loss for latent values {@code h} shaped [N·T, m] (trajectory-major, m known) with monomials
   * of total degree ≤ {@code degree} (≥ 1).
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> h, int points, int degree) {
    if (h.shape().numDimensions() != 2 || h.shape().size(1) < 1) {
      throw new IllegalArgumentException("deflation: expected latent values shaped [N·T, m] with m known, found "
          + h.shape());
    }
    if (degree < 1) {
      throw new IllegalArgumentException("deflation: degree must be at least 1, was " + degree);
    }
    int m = (int) h.shape().size(1);
    Class<T> type = h.type();
    List<Operand<T>> columns = new ArrayList<>(tf.unstack(h, (long) m, Unstack.axis(1L)).output()); // each [P]
    Operand<TInt32> rows = tf.constant(0);
    Operand<T> size = tf.dtypes.cast(tf.gather(tf.shape(h), tf.constant(0), tf.constant(0)), type);
    double damping = type == org.tensorflow.types.TFloat64.class ? RIDGE_FLOAT64 : RIDGE;
    Operand<T> ridge = tf.math.mul(tf.dtypes.cast(tf.constant(damping), type), size);
    Operand<T> eps = tf.dtypes.cast(tf.constant(EPSILON), type);
    List<Operand<T>> losses = new ArrayList<>();
    List<Operand<T>> standardised = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      Operand<T> target = columns.get(k);
      Operand<T> residual = target;
      if (k > 0) {
        List<Operand<T>> basis = monomials(tf, standardised, degree);
        List<Operand<T>> orthonormal = new ArrayList<>();
        for (Operand<T> v : basis) {
          Operand<T> w = v;
          for (Operand<T> q : orthonormal) {
            w = tf.math.sub(w, tf.math.mul(tf.reduceSum(tf.math.mul(q, w), rows), q));
          }
          orthonormal.add(tf.math.div(w, tf.math.sqrt(tf.math.add(tf.reduceSum(tf.math.square(w), rows), ridge))));
        }
        for (Operand<T> q : orthonormal) {
          residual = tf.math.sub(residual, tf.math.mul(tf.reduceSum(tf.math.mul(q, residual), rows), q));
        }
      }
      losses.add(SquareRatioLoss.build(tf, tf.expandDims(residual, tf.constant(1)), points));
      Operand<T> fixed = tf.stopGradient(target);
      Operand<T> centred = tf.math.sub(fixed, tf.math.mean(fixed, rows));
      Operand<T> std = tf.math.sqrt(tf.math.add(tf.math.mean(tf.math.square(centred), rows), eps));
      standardised.add(tf.math.div(centred, std));
    }
    return losses.size() == 1 ? losses.get(0) : tf.math.mean(tf.stack(losses), tf.constant(0));
  }

  /** Every monomial of total degree 1 … d in {@code z} (products in a fixed order), the constant first. */
  private static <T extends TNumber> List<Operand<T>> monomials(Ops tf, List<Operand<T>> z, int degree) {
    List<Operand<T>> all = new ArrayList<>();
    // the constant as z·0 + 1: OnesLike has no gradient in TensorFlow Java, and this column sits on a
    // path from the variables (through StopGradient) that the gradient builder walks
    all.add(tf.math.add(tf.math.mul(z.get(0), tf.dtypes.cast(tf.constant(0), z.get(0).type())),
        tf.dtypes.cast(tf.constant(1), z.get(0).type())));
    List<Operand<T>> previous = new ArrayList<>();
    List<Integer> lastIndex = new ArrayList<>();
    for (int j = 0; j < z.size(); j++) {
      previous.add(z.get(j));
      lastIndex.add(j);
    }
    all.addAll(previous);
    for (int d = 2; d <= degree; d++) {
      List<Operand<T>> next = new ArrayList<>();
      List<Integer> nextIndex = new ArrayList<>();
      for (int a = 0; a < previous.size(); a++) {
        for (int j = lastIndex.get(a); j < z.size(); j++) {
          next.add(tf.math.mul(previous.get(a), z.get(j)));
          nextIndex.add(j);
        }
      }
      all.addAll(next);
      previous = next;
      lastIndex = nextIndex;
    }
    return all;
  }

  /** The number of monomials of total degree ≤ d in v variables, the constant included: C(v + d, d). */
  public static int terms(int variables, int degree) {
    long c = 1;
    for (int i = 1; i <= degree; i++) {
      c = c * (variables + i) / i;
    }
    return (int) c;
  }

  /**
   * The loss in double precision, as the definition reads (standardise, least squares by normal
   * equations, pairwise square ratio): the reference the graph form is tested against.
   *
   * @param h latent values h[i][t][k] of N trajectories × T points × m outputs
   */
  public static double reference(double[][][] h, int degree) {
    int count = h.length;
    int points = h[0].length;
    int m = h[0][0].length;
    int size = count * points;
    double[][] flat = new double[size][];
    for (int i = 0; i < count; i++) {
      for (int t = 0; t < points; t++) {
        flat[i * points + t] = h[i][t];
      }
    }
    double sum = 0;
    double[][] z = new double[m][size];
    for (int k = 0; k < m; k++) {
      double[] r = new double[size];
      for (int p = 0; p < size; p++) {
        r[p] = flat[p][k];
      }
      if (k > 0) {
        double[][] basis = referenceMonomials(z, k, degree, size);
        r = leastSquaresResidual(basis, r);
      }
      double[][][] one = new double[count][points][1];
      for (int p = 0; p < size; p++) {
        one[p / points][p % points][0] = r[p];
      }
      sum += SquareRatioLoss.reference(one);
      double mean = 0;
      for (int p = 0; p < size; p++) {
        mean += flat[p][k] / size;
      }
      double var = 0;
      for (int p = 0; p < size; p++) {
        var += (flat[p][k] - mean) * (flat[p][k] - mean) / size;
      }
      for (int p = 0; p < size; p++) {
        z[k][p] = (flat[p][k] - mean) / Math.sqrt(var + EPSILON);
      }
    }
    return sum / m;
  }

  private static double[][] referenceMonomials(double[][] z, int variables, int degree, int size) {
    List<double[]> all = new ArrayList<>();
    double[] one = new double[size];
    java.util.Arrays.fill(one, 1.0);
    all.add(one);
    List<double[]> previous = new ArrayList<>();
    List<Integer> lastIndex = new ArrayList<>();
    for (int j = 0; j < variables; j++) {
      previous.add(z[j]);
      lastIndex.add(j);
    }
    all.addAll(previous);
    for (int d = 2; d <= degree; d++) {
      List<double[]> next = new ArrayList<>();
      List<Integer> nextIndex = new ArrayList<>();
      for (int a = 0; a < previous.size(); a++) {
        for (int j = lastIndex.get(a); j < variables; j++) {
          double[] c = new double[size];
          for (int p = 0; p < size; p++) {
            c[p] = previous.get(a)[p] * z[j][p];
          }
          next.add(c);
          nextIndex.add(j);
        }
      }
      all.addAll(next);
      previous = next;
      lastIndex = nextIndex;
    }
    return all.toArray(new double[0][]);
  }

  /** y minus its least-squares fit on the columns {@code basis[c]} (Householder QR, Commons Math). */
  private static double[] leastSquaresResidual(double[][] basis, double[] y) {
    RealMatrix columns = new Array2DRowRealMatrix(basis).transpose();
    RealVector fit = columns.operate(new QRDecomposition(columns).getSolver().solve(new ArrayRealVector(y)));
    return new ArrayRealVector(y).subtract(fit).toArray();
  }
}
