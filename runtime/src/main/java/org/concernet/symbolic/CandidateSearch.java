/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * The candidate formulas of a {@link SparseInvariantFit}: coefficient vectors ξ over a library Θ
 * whose φ = Σ ξ_k θ_k has a gradient close to the span of the learned gradients on the training
 * states. With Q_i an orthonormal basis of that span at state x_i ({@link GradientSpan}; the unit ∇H
 * for one output) and P_i = I − Q_iQ_iᵀ, the fit minimises Σ_i |P_i ∇Θ(x_i) ξ|², a null-space
 * problem, with ξ sparse. Columns are first scaled to unit root-mean-square gradient, so that
 * coefficients compare across terms of different size.
 *
 * <p>Two sources of candidates: (a) SINDy's sequentially thresholded least squares, made implicit
 * (SINDy-PI): for a pivot term j, ξ_j = 1 and the others solve the least-squares problem; scaled
 * coefficients below λ·max(1, max|ξ|) are dropped and the rest refit until the support stops
 * changing. Every pivot (the {@value #TOP_PIVOTS} with the largest weight in the smallest eigenvector
 * when the library has more than {@value #ALL_PIVOTS} terms) and every λ gives a candidate. The
 * implicit form matters: when the library holds both C and functions of it (q² + p² and (q² + p²)² at
 * degree 4), the null space has several dimensions, and only a pivot on one of C's own terms leads
 * to the sparsest one. (b) Every small support ({@link #smallSupports}).
 */
final class CandidateSearch {
  private static final int ALL_PIVOTS = 120;
  private static final int TOP_PIVOTS = 10;
  private static final int MAX_ITERATIONS = 20;
  private static final int MAX_SUPPORTS = 100_000;
  private static final int MAX_SUPPORT_SIZE = 5;
  private static final int KEEP_PER_SIZE = 5;
  /** The ridge of the last, unthresholded refit: only keeps an exactly singular system solvable. */
  private static final double REFIT_RIDGE = 1e-12;

  /**
   * The candidates and which terms could take part.
   *
   * @param xis distinct unscaled coefficient vectors over the library, thresholded ones first
   * @param active terms whose gradient is finite and not identically zero on the training states
   */
  record Result(List<double[]> xis, boolean[] active) {
    int activeCount() {
      int count = 0;
      for (boolean a : active) {
        count += a ? 1 : 0;
      }
      return count;
    }
  }

  private CandidateSearch() {}

  /**
   * Candidates for {@code library} on training {@code states} with span bases {@code bases} ([N][r_i][n],
   * r_i = 0 where every gradient vanishes: such states are skipped).
   */
  static Result search(TermLibrary library, double[][] states, double[][][] bases, double[] thresholds,
      double ridge, HeldOutScore heldOut) {
    int k = library.size();
    double[][][] trainMatrices = normalMatrices(library, states, bases);
    double[][] m = trainMatrices[0];
    double[] scale = new double[k];
    boolean[] active = new boolean[k];
    for (int j = 0; j < k; j++) {
      scale[j] = Math.sqrt(trainMatrices[1][j][j]);
      active[j] = scale[j] > 0 && Double.isFinite(scale[j]) && finiteRow(m[j]);
    }
    double[][] ms = scaled(m, scale);
    List<double[]> out = new ArrayList<>();
    Set<List<Double>> seen = new HashSet<>();
    for (int pivot : pivots(ms, active)) {
      for (double lambda : thresholds) {
        double[] xi = thresholded(ms, active, pivot, lambda, ridge);
        if (xi != null) {
          add(unscaled(xi, scale), seen, out);
        }
      }
    }
    double[][] ns = scaled(trainMatrices[1], scale);
    for (double[] xi : smallSupports(ms, ns, active, false, heldOut, scale)) {
      add(unscaled(xi, scale), seen, out);
    }
    return new Result(out, active);
  }

  /**
   * Candidates for the next formula of a basis, independent of the formulas {@code chosen} (unscaled ξ
   * over the library): every small support, each with the φ minimising Σ|P_i∇φ|² / Σ|(I − C_iC_iᵀ)∇φ|²,
   * C_i an orthonormal basis of the chosen formulas' gradients at x_i (misalignment over what φ adds to
   * them), the {@value #KEEP_PER_SIZE} best of each size.
   */
  static List<double[]> independentSupports(TermLibrary library, double[][] states, double[][][] bases,
      List<double[]> chosen, HeldOutScore heldOut) {
    int k = library.size();
    double[][][] trainMatrices = normalMatrices(library, states, bases);
    double[][][] chosenBases = new double[states.length][][];
    for (int i = 0; i < states.length; i++) {
      if (bases[i].length == 0) {
        chosenBases[i] = new double[0][];
        continue;
      }
      double[][] grads = new double[chosen.size()][];
      for (int c = 0; c < grads.length; c++) {
        grads[c] = gradient(library, chosen.get(c), states[i]);
      }
      double[][] q = GradientSpan.basis(grads, GradientSpan.DEPENDENCE_TOLERANCE);
      chosenBases[i] = q.length == 0 ? new double[][] {new double[states[i].length]} : q;
    }
    double[][] off = normalMatrices(library, states, chosenBases)[0];
    double[] scale = new double[k];
    boolean[] active = new boolean[k];
    for (int j = 0; j < k; j++) {
      scale[j] = Math.sqrt(trainMatrices[1][j][j]);
      active[j] = scale[j] > 0 && Double.isFinite(scale[j]) && finiteRow(trainMatrices[0][j]) && finiteRow(off[j]);
    }
    List<double[]> out = new ArrayList<>();
    for (double[] xi : smallSupports(scaled(trainMatrices[0], scale), scaled(off, scale), active, true, null, scale)) {
      out.add(unscaled(xi, scale));
    }
    return out;
  }

  /** ∇φ at x for φ = Σ ξ_j θ_j. */
  static double[] gradient(TermLibrary library, double[] xi, double[] x) {
    double[] g = new double[x.length];
    for (int j = 0; j < xi.length; j++) {
      if (xi[j] != 0) {
        double[] gj = library.terms().get(j).gradient(x);
        for (int r = 0; r < g.length; r++) {
          g[r] += xi[j] * gj[r];
        }
      }
    }
    return g;
  }

  private static void add(double[] xi, Set<List<Double>> seen, List<double[]> out) {
    if (seen.add(Arrays.stream(xi).boxed().toList())) {
      out.add(xi);
    }
  }

  private static double[] unscaled(double[] xi, double[] scale) {
    double[] out = new double[xi.length];
    for (int j = 0; j < xi.length; j++) {
      out[j] = xi[j] == 0 ? 0 : xi[j] / scale[j];
    }
    return out;
  }

  /** [0] Σ ∇Θᵀ P ∇Θ and [1] Σ ∇Θᵀ ∇Θ over the states (K × K), skipping states whose span is empty. */
  private static double[][][] normalMatrices(TermLibrary library, double[][] states, double[][][] bases) {
    int k = library.size();
    double[][] m = new double[k][k];
    double[][] full = new double[k][k];
    int used = 0;
    for (int i = 0; i < states.length; i++) {
      double[] x = states[i];
      double[][] q = bases[i];
      if (q.length == 0) {
        continue;
      }
      used++;
      int n = x.length;
      double[][] byCoordinate = new double[n][k];
      double[][] along = new double[q.length][k];
      for (int j = 0; j < k; j++) {
        double[] gj = library.terms().get(j).gradient(x);
        for (int r = 0; r < n; r++) {
          if (gj[r] != 0) {
            byCoordinate[r][j] = gj[r];
            for (int b = 0; b < q.length; b++) {
              along[b][j] += gj[r] * q[b][r];
            }
          }
        }
      }
      int[] nonzero = new int[k];
      for (int r = 0; r < n; r++) {
        double[] row = byCoordinate[r];
        int count = 0;
        for (int j = 0; j < k; j++) {
          if (row[j] != 0) {
            nonzero[count++] = j;
          }
        }
        for (int a = 0; a < count; a++) {
          double va = row[nonzero[a]];
          double[] fa = full[nonzero[a]];
          for (int b = 0; b < count; b++) {
            fa[nonzero[b]] += va * row[nonzero[b]];
          }
        }
      }
      for (double[] al : along) {
        for (int a = 0; a < k; a++) {
          if (al[a] != 0) {
            double[] ma = m[a];
            for (int b = 0; b < k; b++) {
              ma[b] -= al[a] * al[b];
            }
          }
        }
      }
    }
    if (used == 0) {
      throw new IllegalArgumentException("symbolic fit: ∇H vanishes (or is not finite) at every one of the "
          + states.length + " sample states");
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        m[a][b] = (m[a][b] + full[a][b]) / used;
        full[a][b] /= used;
      }
    }
    return new double[][][] {m, full};
  }

  private static boolean finiteRow(double[] row) {
    for (double v : row) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static double[][] scaled(double[][] m, double[] scale) {
    int k = m.length;
    double[][] out = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        out[a][b] = scale[a] > 0 && scale[b] > 0 ? m[a][b] / (scale[a] * scale[b]) : 0;
      }
    }
    return out;
  }

  /** Every active term, or the {@value #TOP_PIVOTS} heaviest in the smallest eigenvector of a large library. */
  private static int[] pivots(double[][] m, boolean[] active) {
    int[] index = activeIndices(active);
    if (index.length <= ALL_PIVOTS) {
      return index;
    }
    double[][] sub = submatrix(m, index, index);
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(sub, false));
    double[] values = eigen.getRealEigenvalues();
    int smallest = 0;
    for (int j = 1; j < values.length; j++) {
      if (values[j] < values[smallest]) {
        smallest = j;
      }
    }
    double[] v = eigen.getEigenvector(smallest).toArray();
    Integer[] order = new Integer[index.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(v[b]), Math.abs(v[a])));
    int[] out = new int[TOP_PIVOTS];
    for (int j = 0; j < TOP_PIVOTS; j++) {
      out[j] = index[order[j]];
    }
    return out;
  }

  /**
   * Every support of 1 to {@value #MAX_SUPPORT_SIZE} terms (up to the first size with more than
   * {@value #MAX_SUPPORTS} supports: 3 terms for Kepler's 77, 5 for the 18-20 of a 2-state system), each with its best φ (the smallest eigenvector of M restricted to it);
   * the {@value #KEEP_PER_SIZE} of each size with the smallest training misalignment φᵀMφ / φᵀNφ.
   * Thresholding alone misses short formulas when the library holds nearly dependent terms (q², q⁴
   * and cos q): the dense solution's large, cancelling coefficients decide what survives.
   */
  /**
   * {@link #smallSupports(double[][], double[][], boolean[])}, or with {@code generalized} each
   * support's φ minimising the ratio φᵀMφ / φᵀNφ itself (the generalized eigenproblem) rather than φᵀMφ
   * at unit length: with N the part of the gradients off the formulas already chosen, φᵀMφ alone
   * would favour a chosen formula plus a small term.
   */
  private static List<double[]> smallSupports(double[][] m, double[][] n, boolean[] active, boolean generalized,
      HeldOutScore heldOut, double[] scale) {
    int[] index = activeIndices(active);
    List<double[]> out = new ArrayList<>();
    for (int size = 1; size <= MAX_SUPPORT_SIZE && size <= index.length; size++) {
      if (binomial(index.length, size) > MAX_SUPPORTS) {
        break;
      }
      PriorityQueue<double[]> best = new PriorityQueue<>(
          (a, b) -> Double.compare(b[b.length - 1], a[a.length - 1]));
      int[] pick = new int[size];
      for (int j = 0; j < size; j++) {
        pick[j] = j;
      }
      while (true) {
        int[] s = new int[size];
        for (int j = 0; j < size; j++) {
          s[j] = index[pick[j]];
        }
        double[] v = generalized ? smallestGeneralized(submatrix(m, s, s), submatrix(n, s, s))
            : smallestEigenvector(submatrix(m, s, s));
        double num = 0;
        double den = 0;
        for (int a = 0; a < size; a++) {
          for (int b = 0; b < size; b++) {
            num += v[a] * m[s[a]][s[b]] * v[b];
            den += v[a] * n[s[a]][s[b]] * v[b];
          }
        }
        double rank = num / den;
        if (heldOut != null && den > 0) {
          double[] coefficients = new double[size];
          for (int a = 0; a < size; a++) {
            coefficients[a] = v[a] / scale[s[a]];
          }
          rank = heldOut.misalignment(s, coefficients);
        }
        if (den > 0 && Double.isFinite(rank)) {
          double[] entry = new double[m.length + 1];
          for (int a = 0; a < size; a++) {
            entry[s[a]] = v[a];
          }
          entry[m.length] = rank;
          best.add(entry);
          if (best.size() > KEEP_PER_SIZE) {
            best.poll();
          }
        }
        int j = size - 1;
        while (j >= 0 && pick[j] == index.length - size + j) {
          j--;
        }
        if (j < 0) {
          break;
        }
        pick[j]++;
        for (int l = j + 1; l < size; l++) {
          pick[l] = pick[l - 1] + 1;
        }
      }
      for (double[] entry : best) {
        out.add(Arrays.copyOf(entry, m.length));
      }
    }
    return out;
  }

  /**
   * The v minimising vᵀAv / vᵀBv for symmetric A and positive semi-definite B: with B = VΛVᵀ and
   * W = VΛ^{-1/2} (eigenvalues floored at 1e-12 of the largest), v = W·(smallest eigenvector of WᵀAW).
   */
  private static double[] smallestGeneralized(double[][] a, double[][] b) {
    int s = a.length;
    EigenDecomposition eb = new EigenDecomposition(new Array2DRowRealMatrix(b, false));
    double[] lambda = eb.getRealEigenvalues();
    double top = 0;
    for (double l : lambda) {
      top = Math.max(top, l);
    }
    if (!(top > 0)) {
      return smallestEigenvector(a);
    }
    double[][] w = new double[s][s];
    for (int c = 0; c < s; c++) {
      double[] v = eb.getEigenvector(c).toArray();
      double f = 1 / Math.sqrt(Math.max(lambda[c], 1e-12 * top));
      for (int r = 0; r < s; r++) {
        w[r][c] = v[r] * f;
      }
    }
    double[][] c = new double[s][s];
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < s; j++) {
        double sum = 0;
        for (int p = 0; p < s; p++) {
          for (int q = 0; q < s; q++) {
            sum += w[p][i] * a[p][q] * w[q][j];
          }
        }
        c[i][j] = sum;
      }
    }
    for (int i = 0; i < s; i++) {
      for (int j = 0; j < i; j++) {
        c[i][j] = c[j][i] = (c[i][j] + c[j][i]) / 2;
      }
    }
    double[] y = smallestEigenvector(c);
    double[] v = new double[s];
    for (int r = 0; r < s; r++) {
      for (int j = 0; j < s; j++) {
        v[r] += w[r][j] * y[j];
      }
    }
    return v;
  }

  private static double[] smallestEigenvector(double[][] a) {
    if (a.length == 1) {
      return new double[] {1};
    }
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(a, false));
    double[] values = eigen.getRealEigenvalues();
    int smallest = 0;
    for (int j = 1; j < values.length; j++) {
      if (values[j] < values[smallest]) {
        smallest = j;
      }
    }
    return eigen.getEigenvector(smallest).toArray();
  }

  private static double binomial(int n, int k) {
    double c = 1;
    for (int j = 1; j <= k; j++) {
      c = c * (n - k + j) / j;
    }
    return c;
  }

  /**
   * Sequentially thresholded least squares with ξ_pivot = 1: scaled coefficients over the library,
   * 0 off the support; null if the system cannot be solved.
   */
  private static double[] thresholded(double[][] m, boolean[] active, int pivot, double lambda, double ridge) {
    boolean[] support = active.clone();
    support[pivot] = false;
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] xi = solve(m, support, pivot, ridge);
      if (xi == null) {
        return null;
      }
      double largest = 1;
      for (double v : xi) {
        largest = Math.max(largest, Math.abs(v));
      }
      boolean changed = false;
      for (int j : activeIndices(support)) {
        if (Math.abs(xi[j]) < lambda * largest) {
          support[j] = false;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    return solve(m, support, pivot, REFIT_RIDGE);
  }

  /**
   * ξ with ξ_pivot = 1 and the terms of {@code support} minimising ξᵀMξ + ridge·(mean diagonal)·|ξ_S|²;
   * null if it cannot be solved or is not finite.
   */
  private static double[] solve(double[][] m, boolean[] support, int pivot, double ridge) {
    int[] s = activeIndices(support);
    double[] xi = new double[m.length];
    xi[pivot] = 1;
    if (s.length == 0) {
      return xi;
    }
    double[][] a = submatrix(m, s, s);
    double[] rhs = new double[s.length];
    double trace = 0;
    for (int j = 0; j < s.length; j++) {
      rhs[j] = -m[s[j]][pivot];
      trace += a[j][j];
    }
    double added = ridge * trace / s.length;
    for (int j = 0; j < s.length; j++) {
      a[j][j] += added;
    }
    double[] sol;
    try {
      sol = new LUDecomposition(new Array2DRowRealMatrix(a, false), 0).getSolver()
          .solve(new ArrayRealVector(rhs, false)).toArray();
    } catch (RuntimeException e) {
      return null;
    }
    for (int j = 0; j < s.length; j++) {
      xi[s[j]] = sol[j];
    }
    return finite(xi) ? xi : null;
  }

  private static boolean finite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static int[] activeIndices(boolean[] active) {
    int count = 0;
    for (boolean a : active) {
      count += a ? 1 : 0;
    }
    int[] out = new int[count];
    int c = 0;
    for (int j = 0; j < active.length; j++) {
      if (active[j]) {
        out[c++] = j;
      }
    }
    return out;
  }

  private static double[][] submatrix(double[][] m, int[] rows, int[] cols) {
    double[][] out = new double[rows.length][cols.length];
    for (int a = 0; a < rows.length; a++) {
      for (int b = 0; b < cols.length; b++) {
        out[a][b] = m[rows[a]][cols[b]];
      }
    }
    return out;
  }
}
