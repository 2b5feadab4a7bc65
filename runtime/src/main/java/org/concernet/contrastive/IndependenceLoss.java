/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * What keeps m &gt; 1 learned conserved quantities functionally independent. The square ratio loss
 * on all m outputs at once is as low for m copies of the best conserved quantity (or m smooth
 * functions of it) as for m different ones, and it is not invariant to the scale of each output:
 * an output can shrink to a constant and leave the loss to the others. Two pieces fix that:
 *
 * <ul>
 *   <li>{@link #perOutputSquareRatio}: the mean over outputs k of the square ratio loss of H_k
 *       alone, so that every output must be conserved on its own, whatever its scale;
 *   <li>{@link #build}: the mean over points p and pairs i &lt; j of the squared cosine between the
 *       gradients, cos²(∇H_i, ∇H_j) = (∇H_i·∇H_j)² / (|∇H_i|²|∇H_j|² + ε), the off-diagonal of the
 *       normalised Gram matrix GᵀG at each point. A function of another output, g(H_i), has a
 *       parallel gradient (cos² = 1) everywhere, so it costs the full term; independent
 *       quantities have gradients that span an m-dimensional space.
 * </ul>
 *
 * <p>With one output both reduce to the paper's loss (the term is empty), and {@link
 * InvariantLearner} then builds the paper's graph unchanged. G comes from the closed form {@code
 * Mlp.inputGradient}, so the training gradient stays first order.
 */
public final class IndependenceLoss {
  /** Guards the denominator where a gradient vanishes; far below any squared norm of real data. */
  public static final double EPSILON = 1e-12;

  private IndependenceLoss() {}

  /** Mean over outputs of the square ratio loss of each output alone, for h [N·T, m]. */
  public static <T extends TNumber> Operand<T> perOutputSquareRatio(Ops tf, Operand<T> h, int points) {
    long m = h.shape().size(1);
    if (h.shape().numDimensions() != 2 || m < 1) {
      throw new IllegalArgumentException("independence: expected latent values shaped [N·T, m] with m known, found "
          + h.shape());
    }
    List<Operand<T>> each = new ArrayList<>();
    for (Operand<T> column : tf.unstack(h, m, Unstack.axis(1L)).output()) {
      each.add(SquareRatioLoss.build(tf, tf.expandDims(column, tf.constant(1)), points));
    }
    return tf.math.mean(tf.stack(each), tf.constant(0));
  }

  /**
   * The independence term for input gradients {@code g} shaped [P, n, m] with m ≥ 2: the scalar
   * mean over points and pairs i &lt; j of cos²(∇H_i, ∇H_j).
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> g) {
    long m = g.shape().size(2);
    if (g.shape().numDimensions() != 3 || m < 2) {
      throw new IllegalArgumentException("independence: expected gradients shaped [P, n, m] with m >= 2 known, found "
          + g.shape());
    }
    Operand<TInt32> inputs = tf.constant(1);
    List<Operand<T>> columns = new ArrayList<>(tf.unstack(g, m, Unstack.axis(2L)).output()); // each [P, n]
    List<Operand<T>> squares = new ArrayList<>();
    for (Operand<T> c : columns) {
      squares.add(tf.reduceSum(tf.math.square(c), inputs));
    }
    Operand<T> eps = tf.dtypes.cast(tf.constant(EPSILON), g.type());
    List<Operand<T>> pairs = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        Operand<T> dot = tf.reduceSum(tf.math.mul(columns.get(i), columns.get(j)), inputs); // [P]
        pairs.add(tf.math.div(tf.math.square(dot), tf.math.add(tf.math.mul(squares.get(i), squares.get(j)), eps)));
      }
    }
    return tf.math.mean(tf.stack(pairs), tf.constant(new int[] {0, 1}));
  }

  /**
   * The term in double precision, as the definition reads: the reference the graph form is tested
   * against.
   *
   * @param g input gradients g[p][d][k] of P points × n inputs × m outputs, m ≥ 2
   */
  public static double reference(double[][][] g) {
    int m = g[0][0].length;
    if (m < 2) {
      throw new IllegalArgumentException("independence: needs m >= 2 outputs, found " + m);
    }
    double sum = 0;
    int count = 0;
    for (double[][] point : g) {
      for (int i = 0; i < m; i++) {
        for (int j = i + 1; j < m; j++) {
          double dot = 0;
          double ii = 0;
          double jj = 0;
          for (double[] row : point) {
            dot += row[i] * row[j];
            ii += row[i] * row[i];
            jj += row[j] * row[j];
          }
          sum += dot * dot / (ii * jj + EPSILON);
          count++;
        }
      }
    }
    return sum / count;
  }
}
