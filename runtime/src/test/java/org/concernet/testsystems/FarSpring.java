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
 * The spring mass in other units: x = 100 + 20q, y = 20p, so x' = 2y, y' = −2(x − 100), invariant
 * (x − 100)² + y²; states of about 100 ± 24 and ± 24, far from the unit scale the networks are
 * initialised for. Initial states as {@link SpringMass}'s, mapped; noise 0.2, the paper's 0.01 in
 * these units.
 */
public final class FarSpring extends AbstractTestSystem {
  public FarSpring() {
    super("FarSpring", List.of("x", "y"), List.of("energy"), protocol(25, 30, 3.0, 10.0).toBuilder().noise(0.2).build());
  }

  @Override
  public double[] derivative(double[] s) {
    return new double[] {2 * s[1], -2 * (s[0] - 100)};
  }

  @Override
  public double[] invariants(double[] s) {
    return new double[] {(s[0] - 100) * (s[0] - 100) + s[1] * s[1]};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    double angle = 2 * Math.PI * rng.nextDouble();
    double radius = 0.3 + 0.9 * rng.nextDouble();
    return new double[] {100 + 20 * radius * Math.cos(angle), 20 * radius * Math.sin(angle)};
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> s) {
    GraphMath<T> m = GraphMath.of(tf, s);
    List<Operand<T>> c = m.columns(s);
    return m.stack(List.of(m.mul(m.constant(2), c.get(1)),
        m.mul(m.constant(-2), m.sub(c.get(0), m.constant(100)))));
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> s) {
    GraphMath<T> m = GraphMath.of(tf, s);
    List<Operand<T>> c = m.columns(s);
    Operand<T> x = m.sub(c.get(0), m.constant(100));
    return m.stack(List.of(m.add(m.mul(x, x), m.mul(c.get(1), c.get(1)))));
  }
}
