/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testsystems;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The paper's heat equation: 101 nodes on [−5, 5], Δx = 0.1, u' = (u[i+1] − 2u[i] + u[i−1])/Δx²
 * with ghost nodes equal to the edge values; invariant Σu. Initial u0 = exp(−(x − c)²/s), c ~ U[−1,
 * 1], s ~ 0.25·U[0.5, 2]. Java form only: it exercises the reference integrator and the graph
 * integrator's refusal.
 */
public final class HeatEquation extends AbstractTestSystem {
  public static final int NODES = 101;
  private static final double DX = 0.1;

  public HeatEquation() {
    super("HeatEquation", names(), List.of("total"), protocol(100, 100, 10.0, 1.0));
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      names.add("u[" + i + "]");
    }
    return names;
  }

  @Override
  public double[] derivative(double[] u) {
    double[] d = new double[NODES];
    double scale = 1 / (DX * DX);
    for (int i = 0; i < NODES; i++) {
      double left = u[Math.max(i - 1, 0)];
      double right = u[Math.min(i + 1, NODES - 1)];
      d[i] = (right - 2 * u[i] + left) * scale;
    }
    return d;
  }

  @Override
  public double[] invariants(double[] u) {
    double sum = 0;
    for (double v : u) {
      sum += v;
    }
    return new double[] {sum};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    double c = -1 + 2 * rng.nextDouble();
    double s = 0.25 * (0.5 + 1.5 * rng.nextDouble());
    double[] u = new double[NODES];
    for (int i = 0; i < NODES; i++) {
      double x = -5 + i * DX;
      u[i] = Math.exp(-(x - c) * (x - c) / s);
    }
    return u;
  }

  @Override
  public Optional<String> graphFormUnavailableReason() {
    return Optional.of("HeatEquation (test system) is written in Java only");
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) {
    throw new UnsupportedOperationException(graphFormUnavailableReason().orElseThrow());
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) {
    throw new UnsupportedOperationException(graphFormUnavailableReason().orElseThrow());
  }
}
