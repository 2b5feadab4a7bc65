/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * A volume barrier against m &gt; 1 learned outputs that repeat one another: −log of the batch mean
 * of det Ĝ_p, the Gram determinant of the normalised output gradients ∇H_k/|∇H_k| at each point p
 * (the squared volume they span; 1 for orthogonal gradients, 0 for dependent ones):
 *
 * <pre>
 *   volume = −log( mean_p det Ĝ_p + ε )
 * </pre>
 *
 * Unlike the mean cos² of {@link IndependenceLoss}, which pushes every pair of gradients towards
 * orthogonal with the same force, this term is nearly flat for any independent set and grows without
 * bound only as the set becomes dependent everywhere (a function g(H_1) has det Ĝ = 0 at every
 * point). The mean is taken before the log, so true invariants whose gradients are nearly parallel
 * at some points only (Kepler's E and L on circular orbits) cost little. det Ĝ_p is the product of
 * the squared remainders of modified Gram–Schmidt on the normalised gradients, for any m.
 */
public final class VolumeLoss {
  /** Guards the log and each normalisation; far below any det of an independent set. */
  public static final double EPSILON = 1e-12;

  private VolumeLoss() {}

  /** The term for input gradients {@code g} shaped [P, n, m], m ≥ 2. */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> g) {
    long m = g.shape().size(2);
    if (g.shape().numDimensions() != 3 || m < 2) {
      throw new IllegalArgumentException("volume: expected gradients shaped [P, n, m] with m >= 2 known, found "
          + g.shape());
    }
    Class<T> type = g.type();
    Operand<TInt32> inputs = tf.constant(1);
    Operand<T> eps = tf.dtypes.cast(tf.constant(EPSILON), type);
    List<Operand<T>> done = new ArrayList<>();
    Operand<T> det = null;
    for (Operand<T> column : tf.unstack(g, m, Unstack.axis(2L)).output()) { // [P, n]
      Operand<T> u = tf.math.div(column, tf.math.sqrt(tf.math.add(
          tf.reduceSum(tf.math.square(column), inputs, ReduceSum.keepDims(true)), eps)));
      for (Operand<T> q : done) {
        Operand<T> c = tf.reduceSum(tf.math.mul(q, u), inputs, ReduceSum.keepDims(true));
        u = tf.math.sub(u, tf.math.mul(c, q));
      }
      Operand<T> remainder = tf.reduceSum(tf.math.square(u), inputs); // [P]
      det = det == null ? remainder : tf.math.mul(det, remainder);
      done.add(tf.math.div(u, tf.math.sqrt(tf.math.add(tf.expandDims(remainder, tf.constant(1)), eps))));
    }
    return tf.math.neg(tf.math.log(tf.math.add(tf.math.mean(det, tf.constant(0)), eps)));
  }

  /**
   * The term in double precision, with each det Ĝ_p from the normalised Gram matrix by LU
   * (Commons Math; 0 for a singular one): the reference the graph form is tested against.
   *
   * @param g input gradients g[p][d][k] of P points × n inputs × m outputs, m ≥ 2
   */
  public static double reference(double[][][] g) {
    int m = g[0][0].length;
    double sum = 0;
    for (double[][] point : g) {
      double[][] gram = new double[m][m];
      double[] norm = new double[m];
      for (int i = 0; i < m; i++) {
        for (double[] row : point) {
          norm[i] += row[i] * row[i];
        }
        norm[i] = Math.sqrt(norm[i]);
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          double dot = 0;
          for (double[] row : point) {
            dot += row[i] * row[j];
          }
          gram[i][j] = dot / (norm[i] * norm[j]);
        }
      }
      sum += new LUDecomposition(new Array2DRowRealMatrix(gram, false)).getDeterminant();
    }
    return -Math.log(sum / g.length + EPSILON);
  }
}
