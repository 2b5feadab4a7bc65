/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The derivative-alignment term of contrastive learning: the other half of what "conserved"
 * means. The square ratio loss sees only states; the data also carry ẋ, and a conserved H has
 * ∇H·ẋ = 0 at every point. For a batch of P points with input gradients G (n × m) and
 * derivatives ẋ,
 *
 * <pre>
 *   alignment = mean over points p and outputs k of (∇H_k·ẋ)² / (|∇H_k|² |ẋ|² + ε)
 * </pre>
 *
 * the squared cosine between the gradient and the flow: free of H's scale and of any smooth
 * reparametrisation of H (which scales ∇H pointwise), and of the speed along the flow, so it
 * cannot be lowered by shrinking H or by ignoring fast regions. ε = {@link #EPSILON} only guards
 * points where either vector vanishes.
 *
 * <p>G must come from a closed form built on the forward pass ({@link
 * org.concernet.nn.Mlp#inputGradient}): the training gradient of this term then stays first
 * order, which TensorFlow Java can take (it has no gradient of TanhGrad).
 */
public final class AlignmentLoss {
  /** Guards the denominator where ∇H or ẋ vanishes; far below any squared norm of real data. */
  public static final double EPSILON = 1e-12;

  private AlignmentLoss() {}

  /**
   * The term for input gradients {@code g} shaped [P, n, m] and derivatives {@code v} shaped [P, n].
   *
   * @return the scalar mean of the squared cosines
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> g, Operand<T> v) {
    Operand<TInt32> inputs = tf.constant(1);
    Operand<T> v3 = tf.expandDims(v, tf.constant(2)); // [P, n, 1]
    Operand<T> dot = tf.reduceSum(tf.math.mul(g, v3), inputs); // [P, m]
    Operand<T> gg = tf.reduceSum(tf.math.square(g), inputs); // [P, m]
    Operand<T> vv = tf.reduceSum(tf.math.square(v3), inputs); // [P, 1]
    Operand<T> eps = tf.dtypes.cast(tf.constant(EPSILON), g.type());
    Operand<T> cos2 = tf.math.div(tf.math.square(dot), tf.math.add(tf.math.mul(gg, vv), eps));
    return tf.math.mean(cos2, tf.constant(new int[] {0, 1}));
  }

  /**
   * The term in double precision, as the definition reads: the reference the graph form is tested
   * against.
   *
   * @param g input gradients g[p][d][k] of P points × n inputs × m outputs
   * @param v derivatives v[p][d]
   */
  public static double reference(double[][][] g, double[][] v) {
    double sum = 0;
    int m = g[0][0].length;
    for (int p = 0; p < g.length; p++) {
      double vv = 0;
      for (double x : v[p]) {
        vv += x * x;
      }
      for (int k = 0; k < m; k++) {
        double dot = 0;
        double gg = 0;
        for (int d = 0; d < v[p].length; d++) {
          dot += g[p][d][k] * v[p][d];
          gg += g[p][d][k] * g[p][d][k];
        }
        sum += dot * dot / (gg * vv + EPSILON);
      }
    }
    return sum / ((double) g.length * m);
  }
}
