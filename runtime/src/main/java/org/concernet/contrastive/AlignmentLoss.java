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
 *   alignment = Σ_p Σ_k (∇H_k·ẋ_p)² / |∇H_k|²  /  (m · Σ_p |ẋ_p|²)
 * </pre>
 *
 * the share of the flow's squared length that lies along ∇H: exactly what ConCerNet's projection
 * onto the level sets of H removes from the true flow, so the part of the projected model's
 * error it cannot learn away. Free of H's scale and of any smooth reparametrisation of H (which
 * scales ∇H pointwise), and of the units of time. ε = {@link #EPSILON} only guards a vanishing ∇H
 * or a batch at rest.
 *
 * <p>Each point weighs by its squared speed, as in the dynamics loss. The first form measured
 * here, the mean of the per-point squared cosine, weighed slow points — whose noisy derivatives
 * point anywhere — as much as fast ones; on the generality suite it helped some systems and hurt
 * others (docs/generality.md).
 *
 * <p>G must come from a closed form built on the forward pass ({@link
 * org.concernet.nn.Mlp#inputGradient}): the training gradient of this term then stays first
 * order, which TensorFlow Java can take (it has no gradient of TanhGrad).
 */
public final class AlignmentLoss {
  /** Guards the denominators where ∇H or the batch's flow vanishes; far below any squared norm of real data. */
  public static final double EPSILON = 1e-12;

  private AlignmentLoss() {}

  /**
   * The term for input gradients {@code g} shaped [P, n, m] and derivatives {@code v} shaped [P, n].
   *
   * @return the scalar share of the flow along ∇H
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> g, Operand<T> v) {
    Operand<TInt32> inputs = tf.constant(1);
    Operand<TInt32> all = tf.constant(new int[] {0, 1});
    Operand<T> v3 = tf.expandDims(v, tf.constant(2)); // [P, n, 1]
    Operand<T> dot = tf.reduceSum(tf.math.mul(g, v3), inputs); // [P, m]
    Operand<T> gg = tf.reduceSum(tf.math.square(g), inputs); // [P, m]
    Operand<T> vv = tf.reduceSum(tf.math.square(v3), inputs); // [P, 1]
    Operand<T> eps = tf.dtypes.cast(tf.constant(EPSILON), g.type());
    Operand<T> along = tf.math.div(tf.math.square(dot), tf.math.add(gg, eps)); // [P, m]
    return tf.math.div(tf.math.mean(along, all), tf.math.add(tf.math.mean(vv, all), eps));
  }

  /**
   * The term in double precision, as the definition reads: the reference the graph form is tested
   * against.
   *
   * @param g input gradients g[p][d][k] of P points × n inputs × m outputs
   * @param v derivatives v[p][d]
   */
  public static double reference(double[][][] g, double[][] v) {
    double along = 0;
    double flow = 0;
    int m = g[0][0].length;
    for (int p = 0; p < g.length; p++) {
      for (double x : v[p]) {
        flow += x * x;
      }
      for (int k = 0; k < m; k++) {
        double dot = 0;
        double gg = 0;
        for (int d = 0; d < v[p].length; d++) {
          dot += g[p][d][k] * v[p][d];
          gg += g[p][d][k] * g[p][d][k];
        }
        along += dot * dot / (gg + EPSILON);
      }
    }
    return (along / ((double) g.length * m)) / (flow / g.length + EPSILON);
  }
}
