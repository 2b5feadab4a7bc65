/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The Hamiltonian term: for a Hamiltonian system in canonical coordinates, positions q first and
 * their momenta p after them in the same order, the flow is ẋ = J∇E, so the data give the energy's
 * gradient itself at every point, ∇E = Jᵀẋ = (−ṗ, q̇). Any H = g(E) has ∇H = g'(E)·Jᵀẋ. For a
 * batch of P points with input gradients G and derivatives ẋ, w = Jᵀẋ,
 *
 * <pre>
 *   hamiltonian = 1 − Σ_p (∇H·w_p)² / |∇H|²  /  Σ_p |w_p|²
 * </pre>
 *
 * the share of the energy gradients' squared length that does not lie along ∇H: 0 exactly when ∇H
 * is parallel to Jᵀẋ at every point, free of H's scale and of any reparametrisation g(H), and of
 * the units of time. Each point weighs by its squared speed, as in {@link AlignmentLoss}.
 *
 * <p>The alignment term asks only ∇H ⊥ ẋ, which in n = 2k dimensions leaves ∇H free in a
 * (2k − 1)-dimensional space: on a near-integrable system (Hénon–Heiles, a chain of anharmonic
 * oscillators) a mix of the energy with a second, nearly conserved quantity satisfies it as well as
 * the energy does. This term fixes ∇H's direction, so it singles the energy out. In two dimensions
 * it says nothing the alignment term does not (Jᵀẋ is the normal to ẋ), and in odd dimensions there
 * are no canonical pairs, so the learner trains it only for an even n ≥ 4 ({@link #applies}), and
 * only as a candidate that a validation figure must prefer: on a system that is not Hamiltonian in
 * its declared coordinates (or declares them in another order) its H is poorly conserved and is not
 * kept ({@link InvariantLearner#select}).
 *
 * <p>The relation holds in the system's own coordinates. When H learns on standardised states
 * z = (x − mean)/s, the term is taken in x: ∇_x H = ∇_z H / s and ẋ = ż ⊙ s.
 *
 * <p>G must come from a closed form built on the forward pass, as for {@link AlignmentLoss}.
 */
public final class HamiltonianLoss {
  private HamiltonianLoss() {}

  /** Whether the term can say anything for {@code n} states: an even number of at least four. */
  public static boolean applies(int n) {
    return n >= 4 && n % 2 == 0;
  }

  /**
   * The term for input gradients {@code g} [P, n, 1] and derivatives {@code v} [P, n], in the
   * states' units {@code scale} (n values: the standard deviations of standardised states, ones for
   * states as declared).
   *
   * @throws IllegalArgumentException if the term does not apply to n states
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> g, Operand<T> v, double[] scale) {
    int n = scale.length;
    requireApplies(n);
    Operand<T> s = tf.dtypes.cast(tf.constant(scale), g.type());
    Operand<T> gx = tf.math.div(g, tf.reshape(s, tf.constant(new long[] {1, n, 1})));
    Operand<T> vx = tf.math.mul(v, tf.reshape(s, tf.constant(new long[] {1, n})));
    Operand<T> w = tf.linalg.matMul(vx, tf.dtypes.cast(tf.constant(transposeOfJ(n)), g.type()));
    Operand<T> one = tf.dtypes.cast(tf.constant(1.0), g.type());
    return tf.math.sub(one, AlignmentLoss.build(tf, gx, w));
  }

  /** The term in double precision, as the definition reads: the reference the graph form is tested against. */
  public static double reference(double[][][] g, double[][] v, double[] scale) {
    int n = scale.length;
    requireApplies(n);
    int half = n / 2;
    double[][][] gx = new double[g.length][n][1];
    double[][] w = new double[v.length][n];
    for (int p = 0; p < g.length; p++) {
      for (int d = 0; d < n; d++) {
        gx[p][d][0] = g[p][d][0] / scale[d];
      }
      for (int i = 0; i < half; i++) {
        w[p][i] = -v[p][i + half] * scale[i + half];
        w[p][i + half] = v[p][i] * scale[i];
      }
    }
    return 1 - AlignmentLoss.reference(gx, w);
  }

  /**
   * M with ẋ·M = (Jᵀẋ)ᵀ for a row ẋ = (q̇, ṗ): (ẋ·M)_i = −ṗ_i and (ẋ·M)_{k+i} = q̇_i, i &lt; k = n/2.
   */
  static double[][] transposeOfJ(int n) {
    int half = n / 2;
    double[][] m = new double[n][n];
    for (int i = 0; i < half; i++) {
      m[i + half][i] = -1;
      m[i][i + half] = 1;
    }
    return m;
  }

  private static void requireApplies(int n) {
    if (!applies(n)) {
      throw new IllegalArgumentException("the Hamiltonian term needs an even number of at least 4 states"
          + " (positions, then their momenta), not " + n);
    }
  }
}
