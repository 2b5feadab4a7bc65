/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.ode.FirstOrderDifferentialEquations;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.concernet.data.Trajectories;
import org.concernet.system.SystemSpec;

/**
 * The double-precision reference: Commons Math's adaptive Dormand–Prince 8(5,3) integrator on the
 * Java form of the field, integrated from output time to output time so every sample lies exactly
 * on a requested time (no interpolation). Derivatives are {@code system.derivative(x)} at the clean
 * states. This is how the paper's data is made.
 *
 * <p>Tolerances: relative {@code relativeTolerance} (default 1e-10) on every component, absolute
 * {@code absoluteTolerance × scale} with scale the largest |component| of the trajectory's initial
 * state (at least {@code Double.MIN_NORMAL}), so that components which pass through zero do not
 * stall the integrator.
 *
 * <p>Instances are immutable and thread-safe; each trajectory gets its own Commons Math integrator.
 */
public final class ReferenceIntegrator implements TrajectoryIntegrator {
  /** The paper's relative tolerance. */
  public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-10;
  /** Absolute tolerance per unit of the initial state's scale. */
  public static final double DEFAULT_ABSOLUTE_TOLERANCE = 1e-12;

  private final double relativeTolerance;
  private final double absoluteTolerance;
  private final int maxEvaluations;

  /** The paper's tolerances. */
  public ReferenceIntegrator() {
    this(DEFAULT_RELATIVE_TOLERANCE, DEFAULT_ABSOLUTE_TOLERANCE, 100_000_000);
  }

  /**
   * A reference integrator with other tolerances, e.g. {@code withTolerances(1e-13, 1e-15)} for a
   * ground truth tighter than the paper's data. At the paper's 1e-10 the global error on Kepler
   * orbits with r down to 0.1 over 10 time units reaches about 7e-7 (measured against 1e-13).
   */
  public static ReferenceIntegrator withTolerances(double relativeTolerance, double absoluteTolerance) {
    return new ReferenceIntegrator(relativeTolerance, absoluteTolerance, 100_000_000);
  }

  /**
   * @param relativeTolerance relative error per step, e.g. 1e-10
   * @param absoluteTolerance absolute error per step per unit of the initial state's scale
   * @param maxEvaluations field evaluations allowed per trajectory before giving up
   */
  public ReferenceIntegrator(double relativeTolerance, double absoluteTolerance, int maxEvaluations) {
    if (!(relativeTolerance > 0) || !(absoluteTolerance > 0) || maxEvaluations < 1) {
      throw new IllegalArgumentException("tolerances must be positive and maxEvaluations at least 1, were "
          + relativeTolerance + ", " + absoluteTolerance + ", " + maxEvaluations);
    }
    this.relativeTolerance = relativeTolerance;
    this.absoluteTolerance = absoluteTolerance;
    this.maxEvaluations = maxEvaluations;
  }

  @Override
  public Trajectories integrate(SystemSpec system, double[][] initialStates, double[] times) {
    return integrate(system, initialStates, times, Progress.NONE);
  }

  @Override
  public Trajectories integrate(SystemSpec system, double[][] initialStates, double[] times, Progress progress) {
    int n = system.dimension();
    TrajectoryIntegrator.checkArguments(system, initialStates, times);
    int count = initialStates.length;
    int length = times.length;
    double[] flatTimes = new double[count * length];
    double[] states = new double[count * length * n];
    double[] derivatives = new double[count * length * n];
    for (int i = 0; i < count; i++) {
      integrateOne(system, initialStates[i], times, i, states);
      System.arraycopy(times, 0, flatTimes, i * length, length);
      for (int t = 0; t < length; t++) {
        int at = (i * length + t) * n;
        double[] x = new double[n];
        System.arraycopy(states, at, x, 0, n);
        double[] d = system.derivative(x);
        System.arraycopy(d, 0, derivatives, at, n);
      }
      progress.update(i + 1, count);
    }
    return Trajectories.ofFlat(system.name() + " (reference integration)", system.stateNames(), count,
        length, flatTimes, states, derivatives);
  }

  private void integrateOne(SystemSpec system, double[] x0, double[] times, int index, double[] into) {
    int n = system.dimension();
    int length = times.length;
    double scale = Double.MIN_NORMAL;
    for (double v : x0) {
      scale = Math.max(scale, Math.abs(v));
    }
    double[] abs = new double[n];
    double[] rel = new double[n];
    java.util.Arrays.fill(abs, absoluteTolerance * scale);
    java.util.Arrays.fill(rel, relativeTolerance);
    double span = times[length - 1] - times[0];
    DormandPrince853Integrator integrator = new DormandPrince853Integrator(0.0, span > 0 ? span : 1.0, abs, rel);
    integrator.setMaxEvaluations(maxEvaluations);
    FirstOrderDifferentialEquations ode = new FirstOrderDifferentialEquations() {
      @Override
      public int getDimension() {
        return n;
      }

      @Override
      public void computeDerivatives(double t, double[] y, double[] yDot) {
        double[] d = system.derivative(y);
        System.arraycopy(d, 0, yDot, 0, n);
      }
    };
    double[] y = x0.clone();
    int base = index * length * n;
    System.arraycopy(y, 0, into, base, n);
    for (int t = 1; t < length; t++) {
      try {
        integrator.integrate(ode, times[t - 1], y, times[t], y);
      } catch (MathIllegalStateException e) {
        throw new IllegalStateException(system.name() + ": reference integration of trajectory " + index
            + " failed between t = " + times[t - 1] + " and t = " + times[t] + " from state "
            + java.util.Arrays.toString(y) + ": " + e.getMessage(), e);
      }
      for (int k = 0; k < n; k++) {
        if (!Double.isFinite(y[k])) {
          throw new IllegalStateException(system.name() + ": reference integration of trajectory " + index
              + " diverged: " + system.stateNames().get(k) + " = " + y[k] + " at t = " + times[t]);
        }
      }
      System.arraycopy(y, 0, into, base + t * n, n);
    }
  }

  @Override
  public String toString() {
    return "ReferenceIntegrator[DormandPrince853, rtol=" + relativeTolerance + ", atol=" + absoluteTolerance + "·scale]";
  }
}
