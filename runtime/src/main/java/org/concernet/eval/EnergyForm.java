/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.Locale;

/**
 * A physical energy with one unknown constant k, against which a learned H is checked on measured
 * data that come without equations: k is fitted to the measured motion ({@link #constant}), then
 * {@link #fit} says how well a cubic polynomial in H fits the energy with that k. The states are
 * (position, velocity) in this order, in the file's units; k absorbs the unknown g/L or
 * stiffness/mass and the units.
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

    @Override
    double forcePerK(double q) {
      return Math.sin(q);
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

    @Override
    double forcePerK(double q) {
      return q;
    }
  };

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

  /** The restoring acceleration per unit k, −v̇ / k: sin θ for the pendulum, x for the spring. */
  abstract double forcePerK(double q);

  /** The energy at state (q, v) with constant k. */
  public double value(double q, double v, double k) {
    return kinetic(q, v) + k * potentialPerK(q);
  }

  /**
   * The constant k and the R² it gives.
   *
   * @param k the constant, fitted to the measured motion (not to H)
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
   * The constant k of the measured motion itself, independent of any learned H: the least-squares
   * fit of v̇ = −k·{@link #forcePerK}(q) over the given points (for the pendulum ω̇ = −k sin θ, k = g/L;
   * for the spring v̇ = −k x). A small damping term is orthogonal to the force over whole swings and
   * barely moves k. Fitting k to the data, not to H, keeps the check honest: a k chosen to suit H
   * could drop one of the two terms (k → 0 or ∞) and let an H that depends on one coordinate pass.
   *
   * @param states {@code states[p]}: (position, velocity)
   * @param derivatives {@code derivatives[p]}: (position, velocity) time derivatives
   * @throws IllegalArgumentException when the counts differ or the force is zero at every point
   */
  public double constant(double[][] states, double[][] derivatives) {
    if (states.length != derivatives.length) {
      throw new IllegalArgumentException(states.length + " states but " + derivatives.length + " derivatives");
    }
    double num = 0;
    double den = 0;
    for (int p = 0; p < states.length; p++) {
      double f = forcePerK(states[p][0]);
      num -= f * derivatives[p][1];
      den += f * f;
    }
    if (!(den > 0)) {
      throw new IllegalArgumentException("the " + key() + " force is zero at every point: k cannot be fitted");
    }
    return num / den;
  }

  /**
   * How well a cubic polynomial in the learned outputs fits this energy with constant {@code k}.
   *
   * @param learned {@code learned[p]}: H's outputs at point p
   * @param states {@code states[p]}: (position, velocity) at point p; further coordinates are not used
   * @throws IllegalArgumentException when the counts differ, a state has fewer than 2 coordinates
   *     or there are fewer than 5 points
   */
  public Fit fit(double[][] learned, double[][] states, double k) {
    if (learned.length != states.length) {
      throw new IllegalArgumentException(learned.length + " values of H for " + states.length + " states");
    }
    if (states.length < 5) {
      throw new IllegalArgumentException("an energy fit needs at least 5 points, got " + states.length);
    }
    double[] energy = new double[states.length];
    for (int p = 0; p < states.length; p++) {
      if (states[p].length < 2) {
        throw new IllegalArgumentException(this + " needs states (position, velocity); point " + p + " has "
            + states[p].length + " coordinate(s)");
      }
      energy[p] = value(states[p][0], states[p][1], k);
    }
    return new Fit(this, k, RSquared.cubic(learned, energy));
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
