/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The speed-consistency term: along a trajectory H is constant, so for a Hamiltonian system in
 * canonical coordinates (ẋ = J∇E, |ẋ| = |∇E|) any H = g(E) has |∇H| = g'(E)|ẋ|, proportional to
 * the speed with one factor per trajectory. For a batch of B whole trajectories of T points, with
 * a_t = |∇H(x_t)| and b_t = |ẋ_t|,
 *
 * <pre>
 *   speed = Σ_traj Σ_t b_t² · (1 − cos²(a, b)_traj)  /  Σ_traj Σ_t b_t²,
 *   cos²(a, b)_traj = (Σ_t a_t b_t)² / (Σ_t a_t² · Σ_t b_t²),
 * </pre>
 *
 * the share of the squared speeds that no per-trajectory multiple of |∇H| explains: 0 exactly when
 * |∇H| ∝ |ẋ| along every trajectory, free of H's scale and of any reparametrisation g(H) (g'
 * is one number on a trajectory) and of the units of time.
 *
 * <p>The relation holds in the system's own (canonical) coordinates. When H learns on
 * standardised states z = (x − mean)/s, the term is taken in x: a = |∇_z H / s| and b = |ż ⊙ s|.
 * It does not hold for systems that are not Hamiltonian in their coordinates (Lotka–Volterra, an
 * epidemic, a rigid body in its momenta), which is why the learner trains it only as a candidate
 * that a validation figure must prefer ({@link InvariantLearner#select}).
 *
 * <p>G must come from a closed form built on the forward pass, as for {@link AlignmentLoss}.
 */
public final class SpeedLoss {
  private SpeedLoss() {}

  /**
   * The term for input gradients {@code g} [B·T, n, 1] and derivatives {@code v} [B·T, n] of B whole
   * trajectories of T = {@code points} points, in the states' units {@code scale} (n values: the
   * standard deviations of standardised states, ones for states as declared).
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> g, Operand<T> v, int points,
      double[] scale) {
    Operand<T> eps = tf.dtypes.cast(tf.constant(AlignmentLoss.EPSILON), g.type());
    Operand<T> s = tf.dtypes.cast(tf.constant(scale), g.type());
    g = tf.math.div(g, tf.reshape(s, tf.constant(new long[] {1, scale.length, 1})));
    v = tf.math.mul(v, tf.reshape(s, tf.constant(new long[] {1, scale.length})));
    Operand<T> a2 = tf.reduceSum(tf.math.square(g), tf.constant(new int[] {1, 2})); // [B·T]
    Operand<T> b2 = tf.reduceSum(tf.math.square(v), tf.constant(1)); // [B·T]
    Operand<T> a = tf.math.sqrt(tf.math.add(a2, eps));
    Operand<T> b = tf.math.sqrt(tf.math.add(b2, eps));
    Operand<TInt32> shape = tf.constant(new int[] {-1, points});
    Operand<TInt32> time = tf.constant(1);
    Operand<T> ab = tf.reduceSum(tf.reshape(tf.math.mul(a, b), shape), time); // [B]
    Operand<T> aa = tf.reduceSum(tf.reshape(tf.math.square(a), shape), time);
    Operand<T> bb = tf.reduceSum(tf.reshape(tf.math.square(b), shape), time);
    Operand<T> unexplained = tf.math.sub(bb, tf.math.div(tf.math.square(ab), tf.math.add(aa, eps))); // [B]
    Operand<TInt32> all = tf.constant(0);
    return tf.math.div(tf.reduceSum(unexplained, all), tf.math.add(tf.reduceSum(bb, all), eps));
  }

  /** The term in double precision, as the definition reads: the reference the graph form is tested against. */
  public static double reference(double[][][] g, double[][] v, int points, double[] scale) {
    double unexplained = 0;
    double total = 0;
    for (int from = 0; from < g.length; from += points) {
      double ab = 0;
      double aa = 0;
      double bb = 0;
      for (int p = from; p < from + points; p++) {
        double a2 = 0;
        double b2 = 0;
        for (int d = 0; d < scale.length; d++) {
          double gd = g[p][d][0] / scale[d];
          double vd = v[p][d] * scale[d];
          a2 += gd * gd;
          b2 += vd * vd;
        }
        double a = Math.sqrt(a2 + AlignmentLoss.EPSILON);
        double b = Math.sqrt(b2 + AlignmentLoss.EPSILON);
        ab += a * b;
        aa += a * a;
        bb += b * b;
      }
      unexplained += bb - ab * ab / (aa + AlignmentLoss.EPSILON);
      total += bb;
    }
    return unexplained / (total + AlignmentLoss.EPSILON);
  }
}
