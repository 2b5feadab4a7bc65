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
 * The paper's spring mass: q' = 2p, p' = −2q, invariant q² + p². Initial states: random direction,
 * radius U[0.3, 1.2). The exact solution is a rotation by 2t, see
 * {@link #exact(double[], double)}.
 */
public final class SpringMass extends AbstractTestSystem {
  public SpringMass() {
    super("SpringMass", List.of("q", "p"), List.of("energy"), protocol(25, 30, 3.0, 50.0));
  }

  @Override
  public double[] derivative(double[] x) {
    return new double[] {2 * x[1], -2 * x[0]};
  }

  @Override
  public double[] invariants(double[] x) {
    return new double[] {x[0] * x[0] + x[1] * x[1]};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    double angle = 2 * Math.PI * rng.nextDouble();
    double radius = 0.3 + 0.9 * rng.nextDouble();
    return new double[] {radius * Math.cos(angle), radius * Math.sin(angle)};
  }

  /** The exact state at time t from x0 at time 0: a rotation by angle 2t. */
  public static double[] exact(double[] x0, double t) {
    double c = Math.cos(2 * t);
    double s = Math.sin(2 * t);
    return new double[] {c * x0[0] + s * x0[1], -s * x0[0] + c * x0[1]};
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) {
    GraphMath<T> m = GraphMath.of(tf, x);
    List<Operand<T>> c = m.columns(x);
    return m.stack(List.of(m.mul(m.constant(2), c.get(1)), m.mul(m.constant(-2), c.get(0))));
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) {
    GraphMath<T> m = GraphMath.of(tf, x);
    List<Operand<T>> c = m.columns(x);
    return m.stack(List.of(m.add(m.mul(c.get(0), c.get(0)), m.mul(c.get(1), c.get(1)))));
  }
}
