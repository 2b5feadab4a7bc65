/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.concernet.data.Trajectories;

/**
 * How well learned quantities explain a known invariant (the paper's Table 2): the coefficient of
 * determination of the least-squares fit, with intercept, of the invariant on the learned outputs.
 * For one output that is the squared Pearson correlation of the 1-D linear fit; for m &gt; 1 the
 * R² of the fit on all m outputs. 1 means the invariant is an affine function of what was learned.
 */
public final class RSquared {
  private RSquared() {}

  /**
   * @param learned learned outputs, one row [m] per point
   * @param invariant the known invariant at the same points
   * @throws IllegalArgumentException if the sizes disagree, there are too few points for m
   *     outputs, the invariant is constant (R² undefined), or the outputs are collinear
   */
  public static double of(double[][] learned, double[] invariant) {
    if (learned.length != invariant.length) {
      throw new IllegalArgumentException("R²: " + learned.length + " learned rows but " + invariant.length + " invariant values");
    }
    if (learned.length == 0) {
      throw new IllegalArgumentException("R²: no points");
    }
    int m = learned[0].length;
    for (double[] row : learned) {
      if (row.length != m) {
        throw new IllegalArgumentException("R²: learned rows have " + row.length + " and " + m + " outputs; all must have the same");
      }
    }
    if (learned.length < m + 2) {
      throw new IllegalArgumentException("R²: " + learned.length + " points are too few to fit an intercept and "
          + m + " outputs; need at least " + (m + 2));
    }
    double first = invariant[0];
    boolean constant = true;
    for (double v : invariant) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("R²: the invariant has a non-finite value " + v);
      }
      constant &= v == first;
    }
    if (constant) {
      throw new IllegalArgumentException("R²: the invariant is constant (" + first
          + ") over all points, so R² is undefined (0/0); evaluate on trajectories with different invariant values");
    }
    if (m == 1) {
      SimpleRegression regression = new SimpleRegression(true);
      for (int i = 0; i < invariant.length; i++) {
        regression.addData(learned[i][0], invariant[i]);
      }
      double r2 = regression.getRSquare();
      if (Double.isNaN(r2)) {
        throw new IllegalArgumentException("R²: the learned output is constant over all points, so it explains nothing"
            + " and R² is undefined");
      }
      return r2;
    }
    OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
    regression.newSampleData(invariant.clone(), copy(learned));
    try {
      return regression.calculateRSquared();
    } catch (SingularMatrixException e) {
      throw new IllegalArgumentException("R²: the " + m + " learned outputs are collinear (or one is constant)"
          + " over these points, so the least-squares fit has no unique solution", e);
    }
  }

  /**
   * R² of the least-squares fit of the invariant on every monomial of degree 1 to 3 in the learned
   * outputs (3 terms for m = 1, 9 for m = 2, 19 for m = 3), with intercept. Unlike {@link #of}, this
   * figure does not penalise a smooth monotone reparametrisation g(H) of a correct conserved
   * quantity: for m = 1 the projection layer is blind to it (G = g'(H)∂H/∂x spans the same
   * direction), and the square ratio loss has no reason to prefer the invariant's own scale (its
   * optimum for the spring mass under the paper's noise is close to √(q² + p²), not q² + p²). A high
   * cubic R² next to a lower linear one says H learned a function of the invariant; a low cubic R²
   * says it learned something else.
   *
   * @throws IllegalArgumentException as {@link #of}, and if a learned output is constant
   */
  public static double cubic(double[][] learned, double[] invariant) {
    return of(monomials(learned), invariant);
  }

  /** The outputs, each centred and scaled to unit standard deviation, expanded to all monomials of degree 1-3. */
  private static double[][] monomials(double[][] learned) {
    if (learned.length == 0) {
      throw new IllegalArgumentException("R²: no points");
    }
    int m = learned[0].length;
    double[] mean = new double[m];
    double[] scale = new double[m];
    for (int k = 0; k < m; k++) {
      double sum = 0;
      for (double[] row : learned) {
        if (row.length != m) {
          throw new IllegalArgumentException("R²: learned rows have " + row.length + " and " + m
              + " outputs; all must have the same");
        }
        sum += row[k];
      }
      mean[k] = sum / learned.length;
      double squares = 0;
      for (double[] row : learned) {
        squares += (row[k] - mean[k]) * (row[k] - mean[k]);
      }
      scale[k] = Math.sqrt(squares / learned.length);
      if (!(scale[k] > 0)) {
        throw new IllegalArgumentException("R²: learned output " + k + " is constant over all points, so it explains"
            + " nothing and R² is undefined");
      }
    }
    List<int[]> terms = new ArrayList<>();
    for (int degree = 1; degree <= 3; degree++) {
      exponents(new int[m], 0, degree, terms);
    }
    if (learned.length < terms.size() + 2) {
      throw new IllegalArgumentException("R²: " + learned.length + " points are too few to fit an intercept and the "
          + terms.size() + " cubic terms of " + m + " output" + (m == 1 ? "" : "s") + "; need at least "
          + (terms.size() + 2));
    }
    double[][] out = new double[learned.length][terms.size()];
    for (int i = 0; i < learned.length; i++) {
      for (int j = 0; j < terms.size(); j++) {
        double v = 1;
        int[] e = terms.get(j);
        for (int k = 0; k < m; k++) {
          double z = (learned[i][k] - mean[k]) / scale[k];
          for (int p = 0; p < e[k]; p++) {
            v *= z;
          }
        }
        out[i][j] = v;
      }
    }
    return out;
  }

  /** Adds every exponent vector over outputs {@code k..} whose entries sum to {@code left}. */
  private static void exponents(int[] e, int k, int left, List<int[]> terms) {
    if (k == e.length - 1) {
      e[k] = left;
      terms.add(e.clone());
      return;
    }
    for (int p = left; p >= 0; p--) {
      e[k] = p;
      exponents(e, k + 1, left - p, terms);
    }
  }

  /** R² of each known invariant: {@code invariants[point][c]} → one value per column c. */
  public static double[] ofEach(double[][] learned, double[][] invariants) {
    return each(learned, invariants, RSquared::of);
  }

  /** {@link #cubic} of each known invariant: {@code invariants[point][c]} → one value per column c. */
  public static double[] cubicEach(double[][] learned, double[][] invariants) {
    double[][] expanded = monomials(learned);
    return each(expanded, invariants, RSquared::of);
  }

  private static double[] each(double[][] learned, double[][] invariants,
      ToDoubleBiFunction<double[][], double[]> fit) {
    int count = invariants.length == 0 ? 0 : invariants[0].length;
    double[] out = new double[count];
    for (int c = 0; c < count; c++) {
      double[] column = new double[invariants.length];
      for (int i = 0; i < column.length; i++) {
        column[i] = invariants[i][c];
      }
      out[c] = fit.applyAsDouble(learned, column);
    }
    return out;
  }

  /**
   * R² of each known invariant over every point of {@code fresh} (the paper: 500 fresh, noise-free
   * trajectories), e.g. {@code RSquared.ofEach(h::value, fresh, spec::invariants)}. For autoencoder
   * systems pass the learned H composed with the encoder, and invariants of the original states.
   *
   * @param learned the learned quantities at a state, m values
   * @param invariants the known invariants at a state, one value per invariant
   * @return one R² per invariant, in the order {@code invariants} returns them
   */
  public static double[] ofEach(Function<double[], double[]> learned, Trajectories fresh,
      Function<double[], double[]> invariants) {
    return sample(learned, fresh, invariants).linear();
  }

  /**
   * The learned quantities and the known invariants at every point of {@code fresh}, evaluated once
   * for both the {@linkplain Sample#linear linear} and the {@linkplain Sample#cubic cubic} R².
   */
  public static Sample sample(Function<double[], double[]> learned, Trajectories fresh,
      Function<double[], double[]> invariants) {
    int total = fresh.count() * fresh.length();
    double[][] h = new double[total][];
    double[][] c = new double[total][];
    for (int i = 0; i < fresh.count(); i++) {
      for (int t = 0; t < fresh.length(); t++) {
        double[] x = fresh.state(i, t);
        h[i * fresh.length() + t] = learned.apply(x);
        c[i * fresh.length() + t] = invariants.apply(x);
      }
    }
    return new Sample(h, c);
  }

  /**
   * Learned outputs and known invariants at the same points.
   *
   * @param learned one row [m] per point
   * @param invariants one row per point, one column per known invariant
   */
  public record Sample(double[][] learned, double[][] invariants) {
    /** {@link RSquared#ofEach(double[][], double[][])}: the paper's R², one per invariant. */
    public double[] linear() {
      return ofEach(learned, invariants);
    }

    /** {@link RSquared#cubicEach}: R² up to a smooth reparametrisation of H, one per invariant. */
    public double[] cubic() {
      return cubicEach(learned, invariants);
    }
  }

  private static double[][] copy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }
}
