/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.function.UnaryOperator;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.concernet.data.Rollout;
import org.concernet.system.SystemSpec;

/**
 * The ground truth: a system's Java field integrated in double precision with Commons Math's
 * Dormand–Prince 8(5,3) at relative tolerance 1e-10 (absolute 1e-12), sampled at given times.
 * The integration runs from sample to sample, so every sample is an integrator end point (no
 * dense-output interpolation error).
 */
public final class TrueRollout {
  /** Relative tolerance of the reference integration. */
  public static final double RELATIVE_TOLERANCE = 1e-10;
  /** Absolute tolerance of the reference integration. */
  public static final double ABSOLUTE_TOLERANCE = 1e-12;

  private TrueRollout() {}

  /** {@code spec}'s field from each initial state [trajectory][n], sampled at {@code times}. */
  public static Rollout of(SystemSpec spec, double[][] initial, double[] times) {
    return of(spec.name(), spec.dimension(), spec::derivative, initial, times);
  }

  /**
   * The field {@code derivative} (n components) from each initial state, sampled at increasing
   * {@code times} (the first is the initial time).
   *
   * @param name names the system in error messages
   * @throws IllegalStateException naming the trajectory and time if the integrator fails
   */
  public static Rollout of(String name, int dimension, UnaryOperator<double[]> derivative, double[][] initial,
      double[] times) {
    for (int t = 1; t < times.length; t++) {
      if (!(times[t] > times[t - 1])) {
        throw new IllegalArgumentException("times must increase; time index " + t + " is " + times[t]
            + " after " + times[t - 1]);
      }
    }
    FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
      @Override
      public int getDimension() {
        return dimension;
      }

      @Override
      public void computeDerivatives(double t, double[] y, double[] yDot) {
        System.arraycopy(derivative.apply(y), 0, yDot, 0, dimension);
      }
    };
    double span = times[times.length - 1] - times[0];
    double[][][] states = new double[initial.length][times.length][];
    for (int i = 0; i < initial.length; i++) {
      if (initial[i].length != dimension) {
        throw new IllegalArgumentException("initial state " + i + " has " + initial[i].length
            + " components, " + name + " has " + dimension);
      }
      DormandPrince853Integrator integrator = new DormandPrince853Integrator(
          1e-14 * Math.max(1.0, span), Math.max(span, 1e-300), ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE);
      double[] y = initial[i].clone();
      states[i][0] = y.clone();
      for (int t = 1; t < times.length; t++) {
        try {
          integrator.integrate(ode, times[t - 1], y, times[t], y);
        } catch (MathIllegalStateException e) {
          throw new IllegalStateException(name + ": reference integration of trajectory " + i
              + " failed between t = " + times[t - 1] + " and " + times[t] + ": " + e.getMessage(), e);
        }
        states[i][t] = y.clone();
      }
    }
    return new Rollout(times, states, 0);
  }
}
