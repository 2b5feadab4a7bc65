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
 * The paper's Kepler problem: (x, y, vx, vy), a = −(x, y)/r³, invariants E = (vx² + vy²)/2 − 1/r
 * and L = x·vy − y·vx. Initial position: random direction, radius U[0.1, 1.0); velocity ⟂ position
 * along (y, −x), speed √(U[1, 1.3)/r).
 */
public final class Kepler extends AbstractTestSystem {
  public Kepler() {
    super("Kepler", List.of("x", "y", "vx", "vy"), List.of("energy", "angularMomentum"),
        protocol(50, 100, 10.0, 5.0));
  }

  @Override
  public double[] derivative(double[] s) {
    double r = Math.sqrt(s[0] * s[0] + s[1] * s[1]);
    double r3 = r * r * r;
    return new double[] {s[2], s[3], -s[0] / r3, -s[1] / r3};
  }

  @Override
  public double[] invariants(double[] s) {
    double r = Math.sqrt(s[0] * s[0] + s[1] * s[1]);
    return new double[] {(s[2] * s[2] + s[3] * s[3]) / 2 - 1 / r, s[0] * s[3] - s[1] * s[2]};
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    double angle = 2 * Math.PI * rng.nextDouble();
    double r = 0.1 + 0.9 * rng.nextDouble();
    double x = r * Math.cos(angle);
    double y = r * Math.sin(angle);
    double speed = Math.sqrt((1 + 0.3 * rng.nextDouble()) / r);
    return new double[] {x, y, speed * y / r, -speed * x / r};
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> s) {
    GraphMath<T> m = GraphMath.of(tf, s);
    List<Operand<T>> c = m.columns(s);
    Operand<T> r = m.sqrt(m.add(m.mul(c.get(0), c.get(0)), m.mul(c.get(1), c.get(1))));
    Operand<T> r3 = m.mul(r, m.mul(r, r));
    return m.stack(List.of(c.get(2), c.get(3), m.neg(m.div(c.get(0), r3)), m.neg(m.div(c.get(1), r3))));
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> s) {
    GraphMath<T> m = GraphMath.of(tf, s);
    List<Operand<T>> c = m.columns(s);
    Operand<T> r = m.sqrt(m.add(m.mul(c.get(0), c.get(0)), m.mul(c.get(1), c.get(1))));
    Operand<T> kinetic = m.div(m.add(m.mul(c.get(2), c.get(2)), m.mul(c.get(3), c.get(3))), m.constant(2));
    return m.stack(List.of(m.sub(kinetic, m.div(m.constant(1), r)),
        m.sub(m.mul(c.get(0), c.get(3)), m.mul(c.get(1), c.get(2)))));
  }
}
