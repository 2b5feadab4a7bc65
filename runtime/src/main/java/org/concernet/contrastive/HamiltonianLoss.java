/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.StatUtils;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The Hamiltonian term: for a Hamiltonian system in canonical coordinates (positions q and their
 * momenta p, in one of the {@link Layout}s) the flow is ẋ = J∇E, so the data give the energy's
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
 * its declared coordinates (or declares them in an order no {@link Layout} describes) its H is
 * poorly conserved and is not kept ({@link InvariantLearner#select}).
 *
 * <p><b>Which states are positions and which momenta</b> ({@link Layout}): the declared order is
 * either positions, then momenta (q1 … qk, p1 … pk, {@link Layout#BLOCK}) or each position followed
 * by its momentum (q1, p1, q2, p2 …, {@link Layout#INTERLEAVED}); momenta first is the same up to a
 * sign the term does not see. {@link #layout} tells them apart from the data: for the right one,
 * Jᵀ·Df (Df the flow's Jacobian) is the energy's Hessian, a symmetric matrix.
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
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> g, Operand<T> v, double[] scale,
      Layout layout) {
    int n = scale.length;
    requireApplies(n);
    Operand<T> s = tf.dtypes.cast(tf.constant(scale), g.type());
    Operand<T> gx = tf.math.div(g, tf.reshape(s, tf.constant(new long[] {1, n, 1})));
    Operand<T> vx = tf.math.mul(v, tf.reshape(s, tf.constant(new long[] {1, n})));
    Operand<T> w = tf.linalg.matMul(vx, tf.dtypes.cast(tf.constant(transposeOfJ(n, layout)), g.type()));
    Operand<T> one = tf.dtypes.cast(tf.constant(1.0), g.type());
    return tf.math.sub(one, AlignmentLoss.build(tf, gx, w));
  }

  /** The term in double precision, as the definition reads: the reference the graph form is tested against. */
  public static double reference(double[][][] g, double[][] v, double[] scale, Layout layout) {
    int n = scale.length;
    requireApplies(n);
    int half = n / 2;
    int[] at = layout.order(n);
    double[][][] gx = new double[g.length][n][1];
    double[][] w = new double[v.length][n];
    for (int p = 0; p < g.length; p++) {
      for (int d = 0; d < n; d++) {
        gx[p][d][0] = g[p][d][0] / scale[d];
      }
      for (int i = 0; i < half; i++) {
        w[p][at[i]] = -v[p][at[i + half]] * scale[at[i + half]];
        w[p][at[i + half]] = v[p][at[i]] * scale[at[i]];
      }
    }
    return 1 - AlignmentLoss.reference(gx, w);
  }

  /**
   * M with ẋ·M = (Jᵀẋ)ᵀ for a row ẋ of states in {@code layout}: with q_i at o[i] and p_i at
   * o[k + i] (o = the layout's order, k = n/2), (ẋ·M) is −ṗ_i at q_i's place and q̇_i at p_i's.
   */
  static double[][] transposeOfJ(int n, Layout layout) {
    int half = n / 2;
    int[] at = layout.order(n);
    double[][] m = new double[n][n];
    for (int i = 0; i < half; i++) {
      m[at[i + half]][at[i]] = -1;
      m[at[i]][at[i + half]] = 1;
    }
    return m;
  }

  /** How the declared states pair positions with momenta. */
  public enum Layout {
    /** Positions first, then their momenta in the same order: q1 … qk, p1 … pk. */
    BLOCK,
    /** Each position followed by its momentum: q1, p1, q2, p2 …. */
    INTERLEAVED;

    /** Where each canonical coordinate is declared: q_i at order[i], p_i at order[k + i]. */
    int[] order(int n) {
      int half = n / 2;
      int[] order = new int[n];
      for (int i = 0; i < half; i++) {
        order[i] = this == BLOCK ? i : 2 * i;
        order[half + i] = this == BLOCK ? half + i : 2 * i + 1;
      }
      return order;
    }
  }

  /** The largest polynomial model of the flow {@link #layout} fits: beyond it, the layout is {@link Layout#BLOCK}. */
  static final int MAX_TERMS = 500;

  /**
   * The layout under which the flow is most nearly Hamiltonian: the flow's Jacobian Df is taken from
   * a least-squares fit of ẋ by a cubic polynomial in x (quadratic when the cubic has more than
   * {@link #MAX_TERMS} terms), and for each layout the asymmetry of A = Jᵀ·Df, Σ|A − Aᵀ|² / Σ|A + Aᵀ|²
   * over the points, is measured; the smaller wins, and a tie, or a system too large to fit, keeps
   * {@link Layout#BLOCK}. States and derivatives are in the system's own units.
   *
   * @param x states, one row per point
   * @param v their derivatives
   */
  public static Layout layout(double[][] x, double[][] v) {
    double[][][] jacobians = jacobians(x, v);
    if (jacobians == null) {
      return Layout.BLOCK;
    }
    return asymmetry(jacobians, Layout.INTERLEAVED) < asymmetry(jacobians, Layout.BLOCK)
        ? Layout.INTERLEAVED : Layout.BLOCK;
  }

  /**
   * The flow's Jacobian ∂ẋ_i/∂x_j at every point, from one least-squares fit of ẋ by a cubic polynomial
   * in x (quadratic when the cubic has more than {@link #MAX_TERMS} terms); null where no fit can be
   * made (more terms than the limit or the points, or a coordinate that never changes).
   */
  static double[][][] jacobians(double[][] x, double[][] v) {
    int n = x[0].length;
    requireApplies(n);
    int degree = termCount(n, 3) <= MAX_TERMS ? 3 : 2;
    if (termCount(n, degree) > MAX_TERMS || termCount(n, degree) >= x.length) {
      return null;
    }
    List<int[]> terms = terms(n, degree);
    // centre and scale each coordinate for a well-conditioned fit; the Jacobian is scaled back
    double[] mean = new double[n];
    double[] std = new double[n];
    for (int d = 0; d < n; d++) {
      double[] column = new double[x.length];
      for (int p = 0; p < x.length; p++) {
        column[p] = x[p][d];
      }
      mean[d] = StatUtils.mean(column);
      std[d] = Math.sqrt(StatUtils.populationVariance(column, mean[d]));
      if (!(std[d] > 0)) {
        return null;
      }
    }
    double[][] z = new double[x.length][n];
    double[][] design = new double[x.length][terms.size()];
    for (int p = 0; p < x.length; p++) {
      for (int d = 0; d < n; d++) {
        z[p][d] = (x[p][d] - mean[d]) / std[d];
      }
      for (int t = 0; t < terms.size(); t++) {
        design[p][t] = monomial(z[p], terms.get(t));
      }
    }
    DecompositionSolver solver = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver();
    RealMatrix coefficients = solver.solve(new Array2DRowRealMatrix(v, false)); // terms × n
    double[][][] jacobians = new double[x.length][n][n];
    for (int p = 0; p < x.length; p++) {
      for (int t = 0; t < terms.size(); t++) {
        for (int j = 0; j < n; j++) {
          double dm = dMonomial(z[p], terms.get(t), j) / std[j];
          if (dm == 0) {
            continue;
          }
          for (int i = 0; i < n; i++) {
            jacobians[p][i][j] += coefficients.getEntry(t, i) * dm;
          }
        }
      }
    }
    return jacobians;
  }

  /** Σ|A − Aᵀ|² / Σ|A + Aᵀ|² over the points, A = Jᵀ·Df for {@code layout}, Df the points' {@link #jacobians}. */
  static double asymmetry(double[][][] jacobians, Layout layout) {
    int n = jacobians[0].length;
    double[][] m = transposeOfJ(n, layout); // w = v·M, so A = Jᵀ·Df = Mᵀ·Df
    double anti = 0;
    double sym = 0;
    for (double[][] jacobian : jacobians) {
      double[][] a = new double[n][n];
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          for (int i = 0; i < n; i++) {
            a[r][c] += m[i][r] * jacobian[i][c];
          }
        }
      }
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          anti += (a[r][c] - a[c][r]) * (a[r][c] - a[c][r]);
          sym += (a[r][c] + a[c][r]) * (a[r][c] + a[c][r]);
        }
      }
    }
    return anti / Math.max(sym, Double.MIN_NORMAL);
  }

  /** The number of monomials in n variables of degree 0 … {@code degree}: C(n + degree, degree). */
  static long termCount(int n, int degree) {
    long count = 1;
    for (int k = 1; k <= degree; k++) {
      count = count * (n + k) / k;
    }
    return count;
  }

  /** The exponents of every monomial in n variables of degree 0 … {@code degree}, the constant first. */
  private static List<int[]> terms(int n, int degree) {
    List<int[]> out = new ArrayList<>();
    out.add(new int[n]); // the constant: fitted, without a derivative
    addTerms(out, new int[n], 0, degree);
    return out;
  }

  private static void addTerms(List<int[]> out, int[] exponents, int from, int left) {
    for (int d = from; d < exponents.length && left > 0; d++) {
      exponents[d]++;
      out.add(exponents.clone());
      addTerms(out, exponents, d, left - 1);
      exponents[d]--;
    }
  }

  private static double monomial(double[] z, int[] exponents) {
    double value = 1;
    for (int d = 0; d < z.length; d++) {
      for (int e = 0; e < exponents[d]; e++) {
        value *= z[d];
      }
    }
    return value;
  }

  /** ∂/∂z_j of the monomial. */
  private static double dMonomial(double[] z, int[] exponents, int j) {
    if (exponents[j] == 0) {
      return 0;
    }
    double value = exponents[j];
    for (int d = 0; d < z.length; d++) {
      int e = d == j ? exponents[d] - 1 : exponents[d];
      for (int k = 0; k < e; k++) {
        value *= z[d];
      }
    }
    return value;
  }

  private static void requireApplies(int n) {
    if (!applies(n)) {
      throw new IllegalArgumentException("the Hamiltonian term needs an even number of at least 4 states"
          + " (positions, then their momenta), not " + n);
    }
  }
}
