/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testsystems;

import java.util.List;
import java.util.random.RandomGenerator;
import org.concernet.system.GraphMath;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The SIR epidemic s' = −β s i, i' = β s i − γ i, r' = γ i (β = 2, γ = 0.5), which conserves s +
 * i + r. It declares that invariant and, as a user's typo would, {@code s + i} beside it, which the
 * equations do not conserve (r grows).
 */
public final class Sir extends AbstractTestSystem {
  private static final double BETA = 2.0;
  private static final double GAMMA = 0.5;

  public Sir() {
    super("Sir", List.of("s", "i", "r"), List.of("population", "typo"), protocol(25, 30, 3.0, 3.0));
  }

  @Override
  public double[] derivative(double[] x) {
    double infection = BETA * x[0] * x[1];
    return new double[] {-infection, infection - GAMMA * x[1], GAMMA * x[1]};
  }

  @Override
  public double[] invariants(double[] x) {
    return new double[] {x[0] + x[1] + x[2], x[0] + x[1]};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    double n = 0.5 + rng.nextDouble();
    double infected = 0.05 + 0.2 * rng.nextDouble();
    return new double[] {n * (1 - infected), n * infected, 0};
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) {
    GraphMath<T> m = GraphMath.of(tf, x);
    List<Operand<T>> c = m.columns(x);
    Operand<T> infection = m.mul(m.constant(BETA), m.mul(c.get(0), c.get(1)));
    Operand<T> recovery = m.mul(m.constant(GAMMA), c.get(1));
    return m.stack(List.of(m.neg(infection), m.sub(infection, recovery), recovery));
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) {
    GraphMath<T> m = GraphMath.of(tf, x);
    List<Operand<T>> c = m.columns(x);
    return m.stack(List.of(m.add(m.add(c.get(0), c.get(1)), c.get(2)), m.add(c.get(0), c.get(1))));
  }
}
