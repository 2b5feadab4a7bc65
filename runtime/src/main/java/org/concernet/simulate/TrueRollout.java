/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.function.UnaryOperator;
import org.concernet.data.Rollout;
import org.concernet.system.SystemSpec;

/**
 * The ground truth: {@link ReferenceIntegrator#evaluationTruth()} sampled at given times.
 */
public final class TrueRollout {
  /** Relative tolerance of the reference integration. */
  public static final double RELATIVE_TOLERANCE = ReferenceIntegrator.DEFAULT_RELATIVE_TOLERANCE;
  /** Absolute tolerance of the reference integration. */
  public static final double ABSOLUTE_TOLERANCE = ReferenceIntegrator.DEFAULT_ABSOLUTE_TOLERANCE;

  private TrueRollout() {}

  /** {@code spec}'s field from each initial state [trajectory][n], sampled at {@code times}. */
  public static Rollout of(SystemSpec spec, double[][] initial, double[] times) {
    return new ReferenceIntegrator().rollout(spec, initial, times);
  }

  /** See {@link ReferenceIntegrator#rollout(String, int, UnaryOperator, double[][], double[])}. */
  public static Rollout of(String name, int dimension, UnaryOperator<double[]> derivative, double[][] initial,
      double[] times) {
    return new ReferenceIntegrator().rollout(name, dimension, derivative, initial, times);
  }
}
