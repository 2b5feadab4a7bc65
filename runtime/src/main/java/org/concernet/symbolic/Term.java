/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * One candidate term θ(x) of a symbolic formula, with its gradient ∇θ(x), both in double precision.
 * Monomials, sin, cos and log have exact gradients; a user-declared term ({@link #declared}) has a
 * central finite-difference gradient.
 */
public interface Term {
  /** How the term reads in a formula, e.g. {@code q²·p}, {@code sin(q)}, {@code 1/r}. */
  String name();

  /** θ(x). */
  double value(double[] x);

  /** ∇θ(x), one value per state coordinate. */
  double[] gradient(double[] x);

  /**
   * Π x_i^{powers[i]}, named from {@code stateNames} with superscript powers ("q²·p").
   *
   * @throws IllegalArgumentException if the sizes differ, a power is negative, or all are 0 (a
   *     constant has no gradient and cannot be part of an invariant's fit)
   */
  static Term monomial(int[] powers, List<String> stateNames) {
    if (powers.length != stateNames.size()) {
      throw new IllegalArgumentException("monomial: " + powers.length + " powers for " + stateNames.size() + " states");
    }
    List<int[]> factors = new ArrayList<>();
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < powers.length; i++) {
      if (powers[i] < 0) {
        throw new IllegalArgumentException("monomial: negative power " + powers[i] + " of " + stateNames.get(i));
      }
      if (powers[i] > 0) {
        factors.add(new int[] {i, powers[i]});
        name.append(name.length() == 0 ? "" : "·").append(stateNames.get(i)).append(superscript(powers[i]));
      }
    }
    if (factors.isEmpty()) {
      throw new IllegalArgumentException("monomial: all powers are 0 (a constant is not a candidate term)");
    }
    return new Monomial(name.toString(), factors.toArray(new int[0][]));
  }

  /** sin(x_i). */
  static Term sin(int i, String stateName) {
    return new Unary("sin(" + stateName + ")", i, Math::sin, Math::cos);
  }

  /** cos(x_i). */
  static Term cos(int i, String stateName) {
    return new Unary("cos(" + stateName + ")", i, Math::cos, v -> -Math.sin(v));
  }

  /** log(x_i); only meaningful where x_i stays positive ({@link TermLibrary} checks that on the data). */
  static Term log(int i, String stateName) {
    return new Unary("log(" + stateName + ")", i, Math::log, v -> 1 / v);
  }

  /**
   * A term the user declares, e.g. {@code 1/r}, as a function of the whole state. Its gradient is the
   * central difference (θ(x + h e_i) − θ(x − h e_i)) / 2h with h = ∛ε · max(|x_i|, 1) (ε the double
   * precision's unit roundoff): truncation and rounding errors are then both about ε^{2/3} ≈ 4e-11
   * relative to θ's scale, far below what a learned H can resolve.
   */
  public static Term declared(String name, ToDoubleFunction<double[]> function) {
    return new Declared(Objects.requireNonNull(name), Objects.requireNonNull(function));
  }

  /** "²", "³", "¹⁰"; empty for 1. */
  static String superscript(int power) {
    if (power == 1) {
      return "";
    }
    String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    StringBuilder s = new StringBuilder();
    for (char c : Integer.toString(power).toCharArray()) {
      s.append(digits.charAt(c - '0'));
    }
    return s.toString();
  }

  /** Π x_i^p over {@code factors} = {i, p} pairs. */
  record Monomial(String name, int[][] factors) implements Term {
    @Override
    public double value(double[] x) {
      double v = 1;
      for (int[] f : factors) {
        v *= pow(x[f[0]], f[1]);
      }
      return v;
    }

    @Override
    public double[] gradient(double[] x) {
      double[] g = new double[x.length];
      for (int k = 0; k < factors.length; k++) {
        double d = factors[k][1] * pow(x[factors[k][0]], factors[k][1] - 1);
        for (int l = 0; l < factors.length; l++) {
          if (l != k) {
            d *= pow(x[factors[l][0]], factors[l][1]);
          }
        }
        g[factors[k][0]] = d;
      }
      return g;
    }

    /** The state coordinates the monomial depends on. */
    int[] coordinates() {
      int[] c = new int[factors.length];
      for (int k = 0; k < factors.length; k++) {
        c[k] = factors[k][0];
      }
      return c;
    }

    private static double pow(double v, int p) {
      double r = 1;
      for (int k = 0; k < p; k++) {
        r *= v;
      }
      return r;
    }
  }

  /** f(x_i) with derivative f'. */
  record Unary(String name, int index, java.util.function.DoubleUnaryOperator f,
      java.util.function.DoubleUnaryOperator derivative) implements Term {
    @Override
    public double value(double[] x) {
      return f.applyAsDouble(x[index]);
    }

    @Override
    public double[] gradient(double[] x) {
      double[] g = new double[x.length];
      g[index] = derivative.applyAsDouble(x[index]);
      return g;
    }
  }

  /** A user's term with a central finite-difference gradient. */
  record Declared(String name, ToDoubleFunction<double[]> function) implements Term {
    private static final double CBRT_EPS = Math.cbrt(Math.ulp(1.0));

    @Override
    public double value(double[] x) {
      return function.applyAsDouble(x.clone());
    }

    @Override
    public double[] gradient(double[] x) {
      double[] g = new double[x.length];
      double[] y = x.clone();
      for (int i = 0; i < x.length; i++) {
        double h = CBRT_EPS * Math.max(Math.abs(x[i]), 1);
        y[i] = x[i] + h;
        double up = function.applyAsDouble(y.clone());
        y[i] = x[i] - h;
        double down = function.applyAsDouble(y.clone());
        y[i] = x[i];
        g[i] = (up - down) / (2 * h);
      }
      return g;
    }
  }
}
