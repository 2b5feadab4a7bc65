/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.spark;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.apache.spark.TaskContext;
import org.concernet.examples.SpringMassSystem;
import org.concernet.protocol.Protocol;
import org.concernet.system.SystemSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The spring–mass system, except that the first Spark task of this JVM that samples an
 * evaluation state (after it has trained its models: mid-way through the seed) throws. Outside a
 * Spark task (the single-process sweep) it is the spring–mass system exactly.
 */
public final class FailsOnceSpringMass implements SystemSpec {
  /** Failures thrown so far in this JVM. */
  static final AtomicInteger FAILURES = new AtomicInteger();

  private final SystemSpec spring;

  public FailsOnceSpringMass() {
    this(new SpringMassSystem());
  }

  private FailsOnceSpringMass(SystemSpec spring) {
    this.spring = spring;
  }

  @Override
  public double[] sampleEvaluationState(RandomGenerator rng) {
    if (TaskContext.get() != null && FAILURES.compareAndSet(0, 1)) {
      throw new IllegalStateException("injected failure of task attempt " + TaskContext.get().attemptNumber());
    }
    return spring.sampleEvaluationState(rng);
  }

  @Override
  public String name() {
    return spring.name();
  }

  @Override
  public int dimension() {
    return spring.dimension();
  }

  @Override
  public List<String> stateNames() {
    return spring.stateNames();
  }

  @Override
  public List<String> invariantNames() {
    return spring.invariantNames();
  }

  @Override
  public Map<String, Double> parameters() {
    return spring.parameters();
  }

  @Override
  public SystemSpec withParameters(Map<String, Double> overrides) {
    return new FailsOnceSpringMass(spring.withParameters(overrides));
  }

  @Override
  public Protocol protocol() {
    return spring.protocol();
  }

  @Override
  public double[] derivative(double[] x) {
    return spring.derivative(x);
  }

  @Override
  public double[] invariants(double[] x) {
    return spring.invariants(x);
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    return spring.sampleInitialState(rng);
  }

  @Override
  public Optional<String> graphFormUnavailableReason() {
    return spring.graphFormUnavailableReason();
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) {
    return spring.derivative(tf, x);
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) {
    return spring.invariants(tf, x);
  }
}
