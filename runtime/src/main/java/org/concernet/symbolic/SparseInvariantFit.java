/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;

import org.concernet.eval.RSquared;
import org.concernet.results.SymbolicInvariant;

/**
 * A warp-free sparse fit of one learned output H over a {@link TermLibrary} Θ = (θ_1 … θ_K).
 *
 * <p>The contrastive loss may learn g(C) instead of an invariant C, for any smooth monotone g. Every
 * such H has ∇H = g'(C)∇C, parallel to ∇C; so the fit looks for a combination φ = Σ ξ_k θ_k whose
 * gradient is parallel to ∇H: with ĝ_i the unit ∇H at sample state x_i and P_i = I − ĝ_iĝ_iᵀ, it
 * minimises Σ_i |P_i ∇Θ(x_i) ξ|², a null-space problem, with ξ sparse. Columns are first scaled to
 * unit root-mean-square gradient, so that coefficients compare across terms of different size.
 *
 * <p>Sparsity as SINDy's sequentially thresholded least squares, made implicit (SINDy-PI): for a
 * pivot term j, ξ_j = 1 and the others solve the least-squares problem; scaled coefficients below
 * λ·max(1, max|ξ|) are dropped and the rest refit until the support stops changing. Every pivot
 * (the 10 with the largest weight in the smallest eigenvector when the library has more than 120
 * terms) and every λ in {@link Options#thresholds} gives a candidate. The implicit form matters:
 * when the library holds both C and functions of it (q² + p² and (q² + p²)² at degree 4), the null
 * space has several dimensions, and only a pivot on one of C's own terms leads to the sparsest one.
 *
 * <p>Selection by held-out error: on held-out states, a candidate's misalignment is the mean over
 * states of sin² of the angle between ∇φ and ∇H. Among candidates whose held-out misalignment is
 * within {@link Options#tolerance} of the smallest found (relatively, plus 1e-12 absolutely), the one
 * with fewest terms wins (then the smaller misalignment). It is reported as a formula when H is a
 * cubic polynomial of φ on the held-out states with R² ≥ {@link Options#foundR2} and it uses at most
 * half the library (or only the states themselves, a weighted sum); otherwise as "no sparse formula found" with the best dense fit's R².
 */
public final class SparseInvariantFit {
  /**
   * @param thresholds the λ of the thresholding, on scaled coefficients relative to the largest
   * @param tolerance how much larger than the smallest held-out misalignment a sparser candidate's may be
   * @param foundR2 the cubic R² against H a formula must reach on held-out states
   * @param ridge the ridge added while thresholding, relative to the mean diagonal of the scaled problem
   */
  public record Options(double[] thresholds, double tolerance, double foundR2, double ridge) {
    /**
     * λ ∈ {0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3}; tolerance 9 (a sparser formula wins unless it is 10×
     * more misaligned: on spring-mass H's learned by the contrastive loss, extra terms that lower the
     * misalignment 2-4× fit H's own error, e.g. 0.635·q² + 0.634·p² + 0.0085·q²·p); R² 0.99; ridge 1e-4
     * of the mean diagonal while thresholding (as SINDy's STLSQ, which uses one by default).
     */
    public static final Options DEFAULT = new Options(new double[] {0, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3}, 9.0, 0.99,
        1e-4);
  }

  /**
   * Sample states with H's gradient and value there, and the declared invariants (by name) for the R².
   *
   * @param states [N][n]
   * @param gradients ∇H at each state, [N][n]
   * @param values H at each state, [N]
   * @param invariants each declared invariant at each state, [N] by name (possibly none)
   */
  public record Sample(double[][] states, double[][] gradients, double[] values, Map<String, double[]> invariants) {
    public Sample {
      if (states.length != gradients.length || states.length != values.length) {
        throw new IllegalArgumentException("symbolic fit sample: " + states.length + " states, " + gradients.length
            + " gradients, " + values.length + " values; all must be equal");
      }
      invariants.forEach((name, v) -> {
        if (v.length != states.length) {
          throw new IllegalArgumentException("symbolic fit sample: invariant " + name + " has " + v.length
              + " values for " + states.length + " states");
        }
      });
    }
  }

  private static final int ALL_PIVOTS = 120;
  private static final int TOP_PIVOTS = 10;
  private static final int MAX_ITERATIONS = 20;
  private static final int MAX_SUPPORTS = 100_000;
  private static final int MAX_SUPPORT_SIZE = 5;
  private static final int KEEP_PER_SIZE = 5;
  /** The ridge of the last, unthresholded refit: only keeps an exactly singular system solvable. */
  private static final double REFIT_RIDGE = 1e-12;

  private final TermLibrary library;
  private final Options options;

  public SparseInvariantFit(TermLibrary library, Options options) {
    this.library = library;
    this.options = options;
  }

  /** A fitted candidate: the unscaled coefficient vector over the library and its held-out misalignment. */
  private record Candidate(double[] xi, int size, double misalignment) {}

  /**
   * Fits output {@code name} (e.g. "H1") of H on {@code train}, chooses the sparsity on {@code heldOut}
   * and reports the formula scaled to H on {@code heldOut}.
   */
  public SymbolicInvariant fit(String name, Sample train, Sample heldOut) {
    int k = library.size();
    double[][][] trainMatrices = normalMatrices(train);
    double[][] m = trainMatrices[0];
    double[] scale = new double[k];
    boolean[] active = new boolean[k];
    for (int j = 0; j < k; j++) {
      scale[j] = Math.sqrt(trainMatrices[1][j][j]);
      active[j] = scale[j] > 0 && Double.isFinite(scale[j]) && finiteRow(m[j]);
    }
    double[][] ms = scaled(m, scale);
    HeldOut held = new HeldOut(heldOut);
    List<Candidate> candidates = new ArrayList<>();
    java.util.Set<java.util.List<Double>> seen = new java.util.HashSet<>();
    for (int pivot : pivots(ms, active)) {
      for (double lambda : options.thresholds()) {
        double[] xi = thresholded(ms, active, pivot, lambda, options.ridge());
        if (xi != null) {
          double[] unscaled = new double[k];
          int size = 0;
          for (int j = 0; j < k; j++) {
            unscaled[j] = xi[j] == 0 ? 0 : xi[j] / scale[j];
            size += xi[j] == 0 ? 0 : 1;
          }
          if (seen.add(Arrays.stream(unscaled).boxed().toList())) {
            double e = held.misalignment(unscaled);
            if (Double.isFinite(e)) {
              candidates.add(new Candidate(unscaled, size, e));
            }
          }
        }
      }
    }
    double[][] ns = scaled(trainMatrices[1], scale);
    for (double[] xi : smallSupports(ms, ns, active)) {
      double[] unscaled = new double[k];
      int size = 0;
      for (int j = 0; j < k; j++) {
        unscaled[j] = xi[j] == 0 ? 0 : xi[j] / scale[j];
        size += xi[j] == 0 ? 0 : 1;
      }
      if (seen.add(Arrays.stream(unscaled).boxed().toList())) {
        double e = held.misalignment(unscaled);
        if (Double.isFinite(e)) {
          candidates.add(new Candidate(unscaled, size, e));
        }
      }
    }
    if (candidates.isEmpty()) {
      return new SymbolicInvariant(false, "no sparse formula found (no term's gradient is defined on the sample)",
          List.of(), Double.NaN, Double.NaN, Map.of(), Double.NaN, Double.NaN, library.description());
    }
    double best = candidates.stream().mapToDouble(Candidate::misalignment).min().getAsDouble();
    Candidate chosen = null;
    Candidate dense = null;
    int activeCount = 0;
    for (boolean a : active) {
      activeCount += a ? 1 : 0;
    }
    for (Candidate c : candidates) {
      if (c.misalignment() <= best * (1 + options.tolerance()) + 1e-12
          && (chosen == null || c.size() < chosen.size()
              || c.size() == chosen.size() && c.misalignment() < chosen.misalignment())) {
        chosen = c;
      }
      if (c.size() == activeCount && (dense == null || c.misalignment() < dense.misalignment())) {
        dense = c;
      }
    }
    if (dense == null) {
      dense = candidates.stream().min((a, b) -> a.size() != b.size() ? Integer.compare(b.size(), a.size())
          : Double.compare(a.misalignment(), b.misalignment())).get();
    }
    double[] phi = evaluate(chosen.xi(), heldOut.states());
    double r2 = cubicR2(phi, heldOut.values());
    double denseR2 = cubicR2(evaluate(dense.xi(), heldOut.states()), heldOut.values());
    boolean found = r2 >= options.foundR2() && (chosen.size() <= Math.max(1, activeCount / 2) || linear(chosen.xi()));
    if (!found) {
      return new SymbolicInvariant(false, String.format(Locale.ROOT, "no sparse formula found (best dense fit R² %.4f;"
          + " sparsest within tolerance: %d terms, R² %.4f)", denseR2, chosen.size(), r2), List.of(), Double.NaN, r2,
          Map.of(), denseR2, chosen.misalignment(), library.description());
    }
    // H ≈ a·φ + b on the held-out states
    double[] ab = affine(phi, heldOut.values());
    List<SymbolicInvariant.Term> terms = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      if (chosen.xi()[j] != 0) {
        terms.add(new SymbolicInvariant.Term(library.terms().get(j).name(), ab[0] * chosen.xi()[j]));
      }
    }
    Map<String, Double> r2Invariants = new LinkedHashMap<>();
    heldOut.invariants().forEach((inv, values) -> r2Invariants.put(inv, linearR2(phi, values)));
    return new SymbolicInvariant(true, SymbolicInvariant.formula(name, terms, ab[1]), terms, ab[1], r2, r2Invariants, denseR2,
        chosen.misalignment(), library.description());
  }

  /**
   * The held-out states with each term's gradient stored sparsely and ∇H's direction, to measure a
   * candidate's misalignment: the mean over states of sin² of the angle between ∇φ and ∇H, every state
   * counting alike (a quadratic form Σ|P∇φ|² / Σ|∇φ|² would let φ put its gradient where it aligns and
   * stay nearly flat, and wrong, elsewhere: nearly cancelling q², q⁴ and cos(q) do exactly that).
   */
  private final class HeldOut {
    private final double[][] unit;
    private final int[][][] coordinates;
    private final double[][][] values;

    HeldOut(Sample sample) {
      int count = sample.states().length;
      int k = library.size();
      unit = new double[count][];
      coordinates = new int[count][k][];
      values = new double[count][k][];
      for (int i = 0; i < count; i++) {
        double[] g = sample.gradients()[i];
        double norm = 0;
        for (double v : g) {
          norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0) || !Double.isFinite(norm)) {
          continue;
        }
        unit[i] = new double[g.length];
        for (int r = 0; r < g.length; r++) {
          unit[i][r] = g[r] / norm;
        }
        for (int j = 0; j < k; j++) {
          double[] gj = library.terms().get(j).gradient(sample.states()[i]);
          int nonzero = 0;
          for (double v : gj) {
            nonzero += v != 0 ? 1 : 0;
          }
          coordinates[i][j] = new int[nonzero];
          values[i][j] = new double[nonzero];
          int c = 0;
          for (int r = 0; r < gj.length; r++) {
            if (gj[r] != 0) {
              coordinates[i][j][c] = r;
              values[i][j][c++] = gj[r];
            }
          }
        }
      }
    }

    /** Mean sin² of the angle between ∇φ and ∇H; a state where ∇φ vanishes counts as 1. */
    double misalignment(double[] xi) {
      double sum = 0;
      int used = 0;
      for (int i = 0; i < unit.length; i++) {
        if (unit[i] == null) {
          continue;
        }
        double[] grad = new double[unit[i].length];
        for (int j = 0; j < xi.length; j++) {
          if (xi[j] != 0) {
            for (int c = 0; c < coordinates[i][j].length; c++) {
              grad[coordinates[i][j][c]] += xi[j] * values[i][j][c];
            }
          }
        }
        double norm2 = 0;
        double along = 0;
        for (int r = 0; r < grad.length; r++) {
          norm2 += grad[r] * grad[r];
          along += grad[r] * unit[i][r];
        }
        sum += norm2 > 0 ? Math.max(0, 1 - along * along / norm2) : 1;
        used++;
      }
      return used == 0 ? Double.NaN : sum / used;
    }
  }

  /** [0] Σ ∇Θᵀ P ∇Θ and [1] Σ ∇Θᵀ ∇Θ over the sample (K × K), skipping states where ∇H vanishes. */
  private double[][][] normalMatrices(Sample sample) {
    int k = library.size();
    double[][] m = new double[k][k];
    double[][] full = new double[k][k];
    int used = 0;
    for (int i = 0; i < sample.states().length; i++) {
      double[] x = sample.states()[i];
      double[] g = sample.gradients()[i];
      double norm = 0;
      for (double v : g) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (!(norm > 0) || !Double.isFinite(norm)) {
        continue;
      }
      used++;
      int n = x.length;
      double[][] byCoordinate = new double[n][k];
      double[] along = new double[k];
      for (int j = 0; j < k; j++) {
        double[] gj = library.terms().get(j).gradient(x);
        for (int r = 0; r < n; r++) {
          if (gj[r] != 0) {
            byCoordinate[r][j] = gj[r];
            along[j] += gj[r] * g[r] / norm;
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
      for (int a = 0; a < k; a++) {
        if (along[a] != 0) {
          double[] ma = m[a];
          for (int b = 0; b < k; b++) {
            ma[b] -= along[a] * along[b];
          }
        }
      }
    }
    if (used == 0) {
      throw new IllegalArgumentException("symbolic fit: ∇H vanishes (or is not finite) at every one of the "
          + sample.states().length + " sample states");
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
  private static List<double[]> smallSupports(double[][] m, double[][] n, boolean[] active) {
    int[] index = activeIndices(active);
    List<double[]> out = new ArrayList<>();
    for (int size = 1; size <= MAX_SUPPORT_SIZE && size <= index.length; size++) {
      if (binomial(index.length, size) > MAX_SUPPORTS) {
        break;
      }
      java.util.PriorityQueue<double[]> best = new java.util.PriorityQueue<>(
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
        double[] v = smallestEigenvector(submatrix(m, s, s));
        double num = 0;
        double den = 0;
        for (int a = 0; a < size; a++) {
          for (int b = 0; b < size; b++) {
            num += v[a] * m[s[a]][s[b]] * v[b];
            den += v[a] * n[s[a]][s[b]] * v[b];
          }
        }
        if (den > 0 && Double.isFinite(num / den)) {
          double[] entry = new double[m.length + 1];
          for (int a = 0; a < size; a++) {
            entry[s[a]] = v[a];
          }
          entry[m.length] = num / den;
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

  /**
   * Whether every term of {@code xi} is a state itself (x_i): a weighted sum of the states reads as a
   * formula however many it takes (the heat equation's Σu over 101 nodes).
   */
  private boolean linear(double[] xi) {
    for (int j = 0; j < xi.length; j++) {
      if (xi[j] != 0 && !(library.terms().get(j) instanceof Term.Monomial mono
          && mono.factors().length == 1 && mono.factors()[0][1] == 1)) {
        return false;
      }
    }
    return true;
  }

  /** φ = Σ ξ_j θ_j at each state. */
  private double[] evaluate(double[] xi, double[][] states) {
    double[] phi = new double[states.length];
    for (int i = 0; i < states.length; i++) {
      for (int j = 0; j < xi.length; j++) {
        if (xi[j] != 0) {
          phi[i] += xi[j] * library.terms().get(j).value(states[i]);
        }
      }
    }
    return phi;
  }

  private static double cubicR2(double[] phi, double[] h) {
    try {
      return RSquared.cubic(column(phi), h);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static double linearR2(double[] phi, double[] c) {
    try {
      return RSquared.of(column(phi), c);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static double[][] column(double[] v) {
    double[][] out = new double[v.length][1];
    for (int i = 0; i < v.length; i++) {
      out[i][0] = v[i];
    }
    return out;
  }

  /** {a, b} of the least-squares line h ≈ a·φ + b. */
  private static double[] affine(double[] phi, double[] h) {
    double mp = 0;
    double mh = 0;
    for (int i = 0; i < phi.length; i++) {
      mp += phi[i];
      mh += h[i];
    }
    mp /= phi.length;
    mh /= phi.length;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < phi.length; i++) {
      sxy += (phi[i] - mp) * (h[i] - mh);
      sxx += (phi[i] - mp) * (phi[i] - mp);
    }
    double a = sxx > 0 ? sxy / sxx : 0;
    return new double[] {a, mh - a * mp};
  }
}
