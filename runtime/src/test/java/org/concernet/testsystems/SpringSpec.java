/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testsystems;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.concernet.nn.Activation;
import org.concernet.protocol.Protocol;
import org.concernet.system.GraphMath;
import org.concernet.system.SystemSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/** The spring mass system as a hand-written {@link SystemSpec} with the paper's protocol. */
public final class SpringSpec implements SystemSpec {
  @Override
  public String name() {
    return "SpringMass";
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public List<String> stateNames() {
    return List.of("q", "p");
  }

  @Override
  public List<String> invariantNames() {
    return List.of("energy");
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of();
  }

  @Override
  public SystemSpec withParameters(Map<String, Double> overrides) {
    if (!overrides.isEmpty()) {
      throw new IllegalArgumentException("SpringMass has no parameters, given " + overrides.keySet());
    }
    return this;
  }

  @Override
  public Protocol protocol() {
    return new Protocol(25, 30, 0, 3, 0.01, 10, 1001, 50, 500, 1, List.of(100, 100), Activation.TANH,
        1000, 10, 1000, 100, Protocol.DEFAULT_LEARNING_RATE, Protocol.DEFAULT_SCHEDULE, 0.0, 1.0, 0, Optional.empty());
  }

  @Override
  public double[] derivative(double[] x) {
    return Spring.derivative(x);
  }

  @Override
  public double[] invariants(double[] x) {
    return Spring.invariant(x);
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    double r = 0.3 + 0.9 * rng.nextDouble();
    double phi = 2 * Math.PI * rng.nextDouble();
    return new double[] {r * Math.cos(phi), -r * Math.sin(phi)};
  }

  @Override
  public Optional<String> graphFormUnavailableReason() {
    return Optional.empty();
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
