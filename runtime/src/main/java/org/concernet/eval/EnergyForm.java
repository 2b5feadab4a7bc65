/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.Locale;

/**
 * A physical energy with one unknown constant k, against which a learned H is checked on measured
 * data that come without equations: how well a cubic polynomial in H fits the energy with the k
 * that fits best ({@link #fit}). The states are (position, velocity) in this order, in the file's
 * units; k absorbs the unknown g/L or stiffness/mass and the units.
 */
public enum EnergyForm {
  /** ½ω² − k·cos θ: a pendulum with angle θ (radians) and angular velocity ω; k = g/L. */
  PENDULUM("½ω² − k·cos θ") {
    @Override
    double kinetic(double q, double v) {
      return 0.5 * v * v;
    }

    @Override
    double potentialPerK(double q) {
      return -Math.cos(q);
    }
  },
  /** ½v² + ½k·x²: a mass on a linear spring; k = stiffness / mass. */
  SPRING("½v² + ½k·x²") {
    @Override
    double kinetic(double q, double v) {
      return 0.5 * v * v;
    }

    @Override
    double potentialPerK(double q) {
      return 0.5 * q * q;
    }
  };

  /** The smallest and largest k searched (log-spaced, then refined). */
  static final double K_MIN = 1e-6;
  static final double K_MAX = 1e6;
  private static final int GRID = 121;
  private static final int REFINEMENTS = 60;

  private final String formula;

  EnergyForm(String formula) {
    this.formula = formula;
  }

  /** The formula, e.g. "½ω² − k·cos θ". */
  public String formula() {
    return formula;
  }

  abstract double kinetic(double q, double v);

  abstract double potentialPerK(double q);

  /** The energy at state (q, v) with constant k. */
  public double value(double q, double v, double k) {
    return kinetic(q, v) + k * potentialPerK(q);
  }

  /**
   * The constant k and the R² it gives.
   *
   * @param k the fitted constant
   * @param r2Cubic R² of the least-squares cubic in H (every output, {@link RSquared#cubic}) onto the
   *     energy with this k
   */
  public record Fit(EnergyForm form, double k, double r2Cubic) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s with k = %.4g: R², cubic in H = %.5f", form.formula, k, r2Cubic);
    }
  }

  /**
   * The k in [{@value #K_MIN}, {@value #K_MAX}] whose energy a cubic polynomial in the learned
   * outputs fits best (largest R²): a log-spaced grid, then golden-section refinement around the
   * best grid point.
   *
   * @param learned {@code learned[p]}: H's outputs at point p
   * @param states {@code states[p]}: (position, velocity) at point p; further coordinates are not used
   * @throws IllegalArgumentException when the counts differ, a state has fewer than 2 coordinates
   *     or there are fewer than 5 points
   */
  public Fit fit(double[][] learned, double[][] states) {
    if (learned.length != states.length) {
      throw new IllegalArgumentException(learned.length + " values of H for " + states.length + " states");
    }
    if (states.length < 5) {
      throw new IllegalArgumentException("an energy fit needs at least 5 points, got " + states.length);
    }
    for (int p = 0; p < states.length; p++) {
      if (states[p].length < 2) {
        throw new IllegalArgumentException(this + " needs states (position, velocity); point " + p + " has "
            + states[p].length + " coordinate(s)");
      }
    }
    double lo = Math.log(K_MIN);
    double hi = Math.log(K_MAX);
    double step = (hi - lo) / (GRID - 1);
    int best = 0;
    double bestR2 = Double.NEGATIVE_INFINITY;
    for (int g = 0; g < GRID; g++) {
      double r2 = r2(learned, states, Math.exp(lo + g * step));
      if (r2 > bestR2) {
        bestR2 = r2;
        best = g;
      }
    }
    double a = lo + Math.max(0, best - 1) * step;
    double b = lo + Math.min(GRID - 1, best + 1) * step;
    double ratio = (Math.sqrt(5) - 1) / 2;
    double c = b - ratio * (b - a);
    double d = a + ratio * (b - a);
    double fc = r2(learned, states, Math.exp(c));
    double fd = r2(learned, states, Math.exp(d));
    for (int i = 0; i < REFINEMENTS; i++) {
      if (fc >= fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - ratio * (b - a);
        fc = r2(learned, states, Math.exp(c));
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + ratio * (b - a);
        fd = r2(learned, states, Math.exp(d));
      }
    }
    double k = Math.exp(fc >= fd ? c : d);
    double r2 = Math.max(fc, fd);
    if (bestR2 > r2) {
      k = Math.exp(lo + best * step);
      r2 = bestR2;
    }
    return new Fit(this, k, r2);
  }

  private double r2(double[][] learned, double[][] states, double k) {
    double[] energy = new double[states.length];
    for (int p = 0; p < states.length; p++) {
      energy[p] = value(states[p][0], states[p][1], k);
    }
    return RSquared.cubic(learned, energy);
  }

  /** "pendulum" or "spring", as the command line and results.json name it. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The form named {@code key} ("pendulum" or "spring", any case).
   *
   * @throws IllegalArgumentException naming the key and the forms there are
   */
  public static EnergyForm of(String key) {
    for (EnergyForm f : values()) {
      if (f.key().equalsIgnoreCase(key.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown energy form '" + key + "'; expected pendulum (½ω² − k·cos θ)"
        + " or spring (½v² + ½k·x²)");
  }
}
