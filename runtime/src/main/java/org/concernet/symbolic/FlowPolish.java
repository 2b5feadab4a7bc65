/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A read-out formula's coefficients refined on the training data's derivatives, its terms kept.
 *
 * <p>The sparse fit takes both the terms and their coefficients from ∇H, so the formula inherits H's
 * error: Kepler's x·vy − y·vx came out with its two coefficients up to 2.2% apart, and held exactly,
 * that imbalance is a drift of its own (the formula model). The data say more than H does about the
 * coefficients: an invariant φ = Σ_{j∈S} ξ_j θ_j has ∇φ·ẋ = 0 at every state, and the training data
 * carry ẋ. So on the support S the fit chooses, with a_i = (∇θ_j(x_i)·ẋ_i)_j and G_i the terms'
 * gradients at x_i, the coefficients that minimise ξᵀMξ / ξᵀNξ, M = Σ_i a_i a_iᵀ, N = Σ_i G_iᵀG_i,
 * that is Σ(∇φ·ẋ)² / Σ|∇φ|² (a generalised eigenproblem; columns scaled to unit diagonal of N
 * first). Independent derivative noise of variance σ² adds exactly σ²N to M in expectation, so it
 * shifts every eigenvalue by σ² and leaves the eigenvectors alone. (Weighting N by |ẋ_i|², a scale-free
 * misalignment, does not: on the epidemic, whose infected fraction and its rate are small, it left
 * s + i − ½ log s 10% off.)
 *
 * <p>Where the data do not decide (several eigenvalues within {@value #KEEP_RATIO}× of the smallest:
 * terms the data barely move, as the heat rod's far nodes on the paper's window), H does: the
 * polished ξ is H's ξ projected, in N's metric, onto the eigenvectors the data cannot tell apart.
 * With one such eigenvector that is the data's own conserved combination, scaled to H's. When
 * that projection keeps less than {@value #MIN_OVERLAP} of H's ξ (in N's norm), the support's
 * best-conserved combination is not the quantity H learned, and H's coefficients are kept.
 */
final class FlowPolish {
  /**
   * Eigenvalues within this factor of the smallest count as undecided by the data. Where the terms
   * hold an exact invariant the gap to the next eigenvalue is decades (isotropic oscillator, x·py and
   * y·px: rounding, 2e-16, against above 0.1 on exact data); derivative noise lifts every eigenvalue by
   * about the same amount, so a factor 10 separates what the noise blurs from what the data decide.
   */
  static final double KEEP_RATIO = 10;
  /**
   * How many sampling errors √(2/N) apart two misalignments on N training states must be for the
   * data to tell them apart.
   */
  static final double DATA_SIGMAS = 3;
  /** Coefficient magnitudes at most this much apart, relatively, are candidates for equal ones. */
  static final double EQUAL_GAP = 0.25;
  /** The least fraction of H's ξ (N's norm) the projection must keep for the polish to be used. */
  static final double MIN_OVERLAP = 0.5;

  private final TermLibrary library;
  private final double[][] states;
  private final double[][] flows;

  /**
   * @param states training states, [N][n]
   * @param flows ẋ at each, [N][n]
   */
  FlowPolish(TermLibrary library, double[][] states, double[][] flows) {
    if (states.length != flows.length) {
      throw new IllegalArgumentException("flow polish: " + states.length + " states, " + flows.length + " flows");
    }
    this.library = library;
    this.states = states;
    this.flows = flows;
  }

  /**
   * The result: the coefficients (the input's when the polish was not used), whether it was, the
   * smallest and next eigenvalue ξᵀMξ / ξᵀNξ on the terms (NaN when not computed) and how many
   * training states gave them.
   */
  record Polished(double[] xi, boolean used, double smallest, double next, int points) {}

  /**
   * M and N on the terms of {@code support}, scaled to unit diagonal of N (d holds the scales), from
   * {@code used} training states; null when too few states are usable or a term's gradient vanishes
   * on all of them.
   */
  private record Normal(int[] support, double[][] m, double[][] nn, double[] d, int used) {
    /** ξᵀMξ / ξᵀNξ for the coefficients of the support's terms in {@code xi}. */
    double rayleigh(double[] xi) {
      double[] z = new double[support.length];
      for (int j = 0; j < z.length; j++) {
        z[j] = d[j] * xi[support[j]];
      }
      return quadratic(m, z) / quadratic(nn, z);
    }

    private static double quadratic(double[][] a, double[] z) {
      double sum = 0;
      for (int j = 0; j < z.length; j++) {
        for (int k = 0; k < z.length; k++) {
          sum += z[j] * a[j][k] * z[k];
        }
      }
      return sum;
    }
  }

  /**
   * The normal matrices of each support asked for, built once: the read-out polishes every
   * equally sparse candidate, then the chosen one again, and equalises it, on the same supports
   * (measured, session 10: building them was most of the heat rod's 40-75 s read-out).
   */
  private final Map<List<Integer>, Optional<Normal>> normals = new ConcurrentHashMap<>();

  /** The normal matrices on {@code support} (read-only), or null when the flows cannot weigh it. */
  private Normal normal(int[] support) {
    return normals.computeIfAbsent(Arrays.stream(support).boxed().toList(),
        key -> Optional.ofNullable(buildNormal(support))).orElse(null);
  }

  private Normal buildNormal(int[] support) {
    int s = support.length;
    double[][] m = new double[s][s];
    double[][] nn = new double[s][s];
    int used = 0;
    int[][] at = new int[s][];
    double[][] g = new double[s][];
    double[] a = new double[s];
    for (int i = 0; i < states.length; i++) {
      double[] f = flows[i];
      double f2 = dot(f, f);
      boolean finite = Double.isFinite(f2) && f2 > 0;
      for (int j = 0; j < s && finite; j++) {
        double[] dense = library.terms().get(support[j]).gradient(states[i]);
        at[j] = java.util.stream.IntStream.range(0, dense.length).filter(r -> dense[r] != 0).toArray();
        g[j] = new double[at[j].length];
        for (int c = 0; c < at[j].length; c++) {
          g[j][c] = dense[at[j][c]];
          a[j] += g[j][c] * f[at[j][c]];
        }
        finite = Double.isFinite(a[j]);
      }
      if (finite) {
        used++;
        for (int j = 0; j < s; j++) {
          for (int k = 0; k <= j; k++) {
            m[j][k] += a[j] * a[k];
            nn[j][k] += sparseDot(at[j], g[j], at[k], g[k]);
          }
        }
      }
      java.util.Arrays.fill(a, 0);
    }
    if (used < 2 * s) {
      return null;
    }
    double[] d = new double[s];
    for (int j = 0; j < s; j++) {
      d[j] = Math.sqrt(nn[j][j]);
      if (!(d[j] > 0)) {
        return null;
      }
    }
    for (int j = 0; j < s; j++) {
      for (int k = 0; k <= j; k++) {
        m[j][k] /= d[j] * d[k];
        nn[j][k] /= d[j] * d[k];
        m[k][j] = m[j][k];
        nn[k][j] = nn[j][k];
      }
    }
    return new Normal(support, m, nn, d, used);
  }

  /** {@code xi} with its non-zero coefficients refined on the flows; zeros stay zero. */
  Polished polish(double[] xi) {
    int[] support = support(xi);
    Normal normal = normal(support);
    if (normal == null) {
      return new Polished(xi, false, Double.NaN, Double.NaN, 0);
    }
    int s = support.length;
    int used = normal.used();
    double[][] m = normal.m();
    double[][] nn = normal.nn();
    double[] d = normal.d();
    // whiten N: W = U Λ^{-1/2} over N's well-conditioned eigenvectors
    EigenDecomposition nEig = new EigenDecomposition(new Array2DRowRealMatrix(nn, false));
    double[] lambda = nEig.getRealEigenvalues();
    double largest = Arrays.stream(lambda).max().orElse(0);
    int r = 0;
    for (double l : lambda) {
      r += l > 1e-10 * largest ? 1 : 0;
    }
    RealMatrix w = new Array2DRowRealMatrix(s, r);
    for (int c = 0, col = 0; c < s; c++) {
      if (lambda[c] > 1e-10 * largest) {
        w.setColumnVector(col++, nEig.getEigenvector(c).mapMultiply(1 / Math.sqrt(lambda[c])));
      }
    }
    RealMatrix mMat = new Array2DRowRealMatrix(m, false);
    RealMatrix reduced = w.transpose().multiply(mMat).multiply(w);
    reduced = reduced.add(reduced.transpose()).scalarMultiply(0.5);
    EigenDecomposition mEig = new EigenDecomposition(reduced);
    double[] mu = mEig.getRealEigenvalues();
    Integer[] order = new Integer[mu.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (p, q) -> Double.compare(mu[p], mu[q]));
    double smallest = Math.max(mu[order[0]], 0);
    double next = order.length > 1 ? mu[order[1]] : Double.NaN;
    RealMatrix nMat = new Array2DRowRealMatrix(nn, false);
    double[] z = new double[s];
    for (int j = 0; j < s; j++) {
      z[j] = d[j] * xi[support[j]];
    }
    double[] nz = nMat.operate(z);
    double[] projected = new double[s];
    for (Integer c : order) {
      if (mu[c] > KEEP_RATIO * smallest + 1e-15) {
        break;
      }
      double[] y = w.operate(mEig.getEigenvector(c).toArray());
      double coefficient = dot(y, nz);
      for (int j = 0; j < s; j++) {
        projected[j] += coefficient * y[j];
      }
    }
    double kept = dot(projected, nMat.operate(projected));
    double total = dot(z, nz);
    if (!(kept >= MIN_OVERLAP * MIN_OVERLAP * total)) {
      return new Polished(xi, false, smallest, next, used);
    }
    double[] out = new double[xi.length];
    for (int j = 0; j < s; j++) {
      out[support[j]] = projected[j] / d[j];
      if (out[support[j]] == 0) {
        return new Polished(xi, false, smallest, next, used);
      }
    }
    return new Polished(out, true, smallest, next, used);
  }

  /**
   * Coefficients whose magnitudes lie within {@value #EQUAL_GAP} of each other (a chain of them,
   * sorted) count as one group; each group made equal (its mean magnitude, every sign kept).
   */
  static double[] equalised(double[] xi) {
    return grouped(xi, chainGroups(xi));
  }

  /**
   * The support of {@code xi} in groups of magnitudes within {@value #EQUAL_GAP} of each other (a
   * sorted chain), smallest magnitudes first.
   */
  private static List<List<Integer>> chainGroups(double[] xi) {
    List<Integer> order = new ArrayList<>(Arrays.stream(support(xi)).boxed().toList());
    order.sort((p, q) -> Double.compare(Math.abs(xi[p]), Math.abs(xi[q])));
    List<List<Integer>> groups = new ArrayList<>();
    for (int k = 0; k < order.size(); k++) {
      if (k == 0 || Math.abs(xi[order.get(k)]) > (1 + EQUAL_GAP) * Math.abs(xi[order.get(k - 1)])) {
        groups.add(new ArrayList<>());
      }
      groups.get(groups.size() - 1).add(order.get(k));
    }
    return groups;
  }


  /**
   * {@code xi} with its coefficients in the fewest groups of equal magnitude (every sign kept) that
   * the data do not reject: a grouping's misalignment ξᵀMξ / ξᵀNξ on the training flows may be at
   * most {@value #DATA_SIGMAS} sampling errors √(2/N) above {@code xi}'s own. The groupings tried
   * start from {@link #equalised}'s (magnitudes within {@value #EQUAL_GAP}, chained) and merge the
   * two groups adjacent in magnitude whose means are closest (relatively), one merge at a time,
   * down to one group. Null when no grouping changes {@code xi} and passes. A formula the data
   * cannot tell from one with fewer distinct coefficients is read as that one, as fewer terms are
   * preferred to more: the heat rod's 101 nodes, whose coefficients the paper's window leaves
   * undecided in 86 of 101 directions, read Σu when the data allow it, also where H's refined
   * coefficients hold one outlier more than 25% from the rest (one seed of five: the 25% grouping
   * alone kept it apart, and its misalignment was twice Σu's).
   */
  double[] equal(double[] xi) {
    int[] support = support(xi);
    Normal normal = normal(support);
    if (normal == null) {
      return null;
    }
    double limit = normal.rayleigh(xi) * (1 + DATA_SIGMAS * Math.sqrt(2.0 / normal.used())) + 1e-300;
    List<List<Integer>> groups = chainGroups(xi);
    if (groups.isEmpty()) {
      return null;
    }
    double[] best = null;
    while (true) {
      double[] grouped = grouped(xi, groups);
      if (!Arrays.equals(grouped, xi) && normal.rayleigh(grouped) <= limit) {
        best = grouped;
      }
      if (groups.size() == 1) {
        return best;
      }
      int merge = 0;
      double closest = Double.POSITIVE_INFINITY;
      for (int g = 0; g + 1 < groups.size(); g++) {
        double ratio = mean(xi, groups.get(g + 1)) / mean(xi, groups.get(g));
        if (ratio < closest) {
          closest = ratio;
          merge = g;
        }
      }
      groups.get(merge).addAll(groups.remove(merge + 1));
    }
  }

  /** Each group's coefficients set to the group's mean magnitude, signs kept. */
  private static double[] grouped(double[] xi, List<List<Integer>> groups) {
    double[] out = xi.clone();
    for (List<Integer> group : groups) {
      double mean = mean(xi, group);
      for (int j : group) {
        out[j] = Math.copySign(mean, xi[j]);
      }
    }
    return out;
  }

  private static double mean(double[] xi, List<Integer> group) {
    double sum = 0;
    for (int j : group) {
      sum += Math.abs(xi[j]);
    }
    return sum / group.size();
  }

  /** The dot product of two sparse vectors given by ascending coordinates and values. */
  private static double sparseDot(int[] ia, double[] va, int[] ib, double[] vb) {
    double sum = 0;
    for (int p = 0, q = 0; p < ia.length && q < ib.length;) {
      if (ia[p] == ib[q]) {
        sum += va[p++] * vb[q++];
      } else if (ia[p] < ib[q]) {
        p++;
      } else {
        q++;
      }
    }
    return sum;
  }

  private static int[] support(double[] xi) {
    return java.util.stream.IntStream.range(0, xi.length).filter(j -> xi[j] != 0).toArray();
  }

  private static double dot(double[] u, double[] v) {
    double sum = 0;
    for (int k = 0; k < u.length; k++) {
      sum += u[k] * v[k];
    }
    return sum;
  }
}
