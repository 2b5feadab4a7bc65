/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The {@link SystemSpec} of a class {@code S} declared with {@code @DynamicalSystem}: what every
 * generated {@code FooSystem} shares. It holds the metadata (name, state fields, invariant names,
 * parameter values), checks shapes and parameter names, evaluates the Java forms on a fresh
 * {@code S} set to the state, samples uniform initial states in the declared ranges, and builds the
 * graph forms' batch columns and stacked outputs. The generated subclass adds only what is specific
 * to its system: how to make an {@code S} and move states in and out of it, the equations (as Java
 * calls and as graph builders, {@link GraphEquations}) and the protocol.
 *
 * @param <S> the user's annotated class
 */
public abstract class DeclaredSystem<S> implements SystemSpec {
  private final String name;
  private final List<StateField> states;
  private final List<String> stateNames;
  private final int dimension;
  private final List<String> invariantNames;
  private final Map<String, Double> parameters;

  /**
   * @param name the system's name
   * @param states the {@code @State} fields in declaration order
   * @param invariantNames the names of the {@code @Invariant} methods' values
   * @param defaults every {@code @Parameter} with its value in a fresh {@code S}, in declaration order
   * @param parameters values for some parameters; those not named keep their defaults
   * @throws IllegalArgumentException if a name is not a parameter, or a value is null
   */
  protected DeclaredSystem(String name, List<StateField> states, List<String> invariantNames,
      Map<String, Double> defaults, Map<String, Double> parameters) {
    this.name = name;
    this.states = List.copyOf(states);
    this.invariantNames = List.copyOf(invariantNames);
    List<String> names = new ArrayList<>();
    for (StateField state : this.states) {
      if (state.isArray()) {
        for (int i = 0; i < state.size(); i++) {
          names.add(state.name() + "[" + i + "]");
        }
      } else {
        names.add(state.name());
      }
    }
    this.stateNames = List.copyOf(names);
    this.dimension = names.size();
    Map<String, Double> values = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, Double> entry : parameters.entrySet()) {
      if (!values.containsKey(entry.getKey())) {
        throw new IllegalArgumentException("unknown parameter " + entry.getKey() + " of " + name
            + "; its parameters are " + values.keySet());
      }
      if (entry.getValue() == null) {
        throw new IllegalArgumentException("parameter " + entry.getKey() + " is null");
      }
      values.put(entry.getKey(), entry.getValue());
    }
    this.parameters = Collections.unmodifiableMap(values);
  }

  // ---- what the generated subclass writes ----

  /** A fresh {@code S} with this system's parameter values. */
  protected abstract S newSystem();

  /** Sets the state fields of {@code system} to {@code x} (of length {@link #dimension()}). */
  protected abstract void setState(S system, double[] x);

  /** The state fields of {@code system} as one vector. */
  protected abstract double[] stateOf(S system);

  /** The {@code @Derivative} methods of {@code system}, as one vector. */
  protected abstract double[] derivativeOf(S system);

  /** The {@code @Invariant} methods of {@code system}, one value per invariant name. */
  protected abstract double[] invariantsOf(S system);

  /**
   * The {@code @CandidateTerm} methods of {@code system}, one value per {@link
   * #candidateTermNames()}; generated only for a class that declares some.
   */
  protected double[] candidateTermsOf(S system) {
    return new double[0];
  }

  /** This system's class with other parameter values (the generated constructor). */
  protected abstract SystemSpec withValues(Map<String, Double> parameters);

  /**
   * The equations on a batch, as graph builders over the batch's state columns; systems without a
   * graph form do not override it, and override {@link #graphFormUnavailableReason()} instead.
   */
  protected <T extends TNumber> GraphEquations<T> graph(GraphMath<T> math, List<Operand<T>> columns) {
    throw new UnsupportedOperationException(graphFormUnavailableReason().orElse(name + " has no graph form"));
  }

  /** The equations of one batch as graph builders: what the generated nested {@code Graph} class implements. */
  public interface GraphEquations<T extends TNumber> {
    /** The derivative columns, {@code dimension()} of them, each shaped [batch]. */
    List<Operand<T>> derivatives();

    /** The invariant columns, one per invariant name, each shaped [batch]. */
    List<Operand<T>> invariants();
  }

  // ---- SystemSpec ----

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int dimension() {
    return dimension;
  }

  @Override
  public final List<String> stateNames() {
    return stateNames;
  }

  /** The {@code @State} fields in declaration order. */
  public final List<StateField> states() {
    return states;
  }

  @Override
  public final List<String> invariantNames() {
    return invariantNames;
  }

  @Override
  public final Map<String, Double> parameters() {
    return parameters;
  }

  @Override
  public final SystemSpec withParameters(Map<String, Double> overrides) {
    Map<String, Double> values = new LinkedHashMap<>(parameters);
    for (Map.Entry<String, Double> entry : overrides.entrySet()) {
      if (!values.containsKey(entry.getKey())) {
        throw new IllegalArgumentException("unknown parameter " + entry.getKey() + " of " + name
            + "; its parameters are " + values.keySet());
      }
      values.put(entry.getKey(), entry.getValue());
    }
    return withValues(values);
  }

  @Override
  public final double[] derivative(double[] x) {
    return derivativeOf(at(x));
  }

  @Override
  public final double[] invariants(double[] x) {
    return invariantsOf(at(x));
  }

  @Override
  public final double[] candidateTerms(double[] x) {
    return candidateTermsOf(at(x));
  }

  /** Uniform in each {@code @State}'s [min, max), coordinate by coordinate; overridden by {@code @InitialState}. */
  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    double[] x = new double[dimension];
    int offset = 0;
    for (StateField state : states) {
      for (int i = 0; i < state.width(); i++) {
        x[offset++] = rng.nextDouble(state.min(), state.max());
      }
    }
    return x;
  }

  /** The state of a fresh {@code S} after {@code sampler} (an {@code @InitialState} method) ran on it. */
  protected final double[] sampled(Consumer<S> sampler) {
    S system = newSystem();
    sampler.accept(system);
    return stateOf(system);
  }

  @Override
  public Optional<String> graphFormUnavailableReason() {
    return Optional.empty();
  }

  @Override
  public final <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) {
    GraphMath<T> math = math(tf, x);
    return math.stack(graph(math, math.columns(x)).derivatives());
  }

  @Override
  public final <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) {
    GraphMath<T> math = math(tf, x);
    List<Operand<T>> invariants = graph(math, math.columns(x)).invariants();
    if (invariants.isEmpty()) {
      return tf.slice(math.stack(List.of(math.constant(0.0))), tf.constant(new long[] {0, 0}),
          tf.constant(new long[] {-1, 0}));
    }
    return math.stack(invariants);
  }

  private <T extends TNumber> GraphMath<T> math(Ops tf, Operand<T> states) {
    graphFormUnavailableReason().ifPresent(reason -> {
      throw new UnsupportedOperationException(reason);
    });
    if (states.shape().numDimensions() != 2 || states.shape().get(1) != dimension) {
      throw new IllegalArgumentException("states must be shaped [batch, " + dimension + "], found " + states.shape());
    }
    return GraphMath.of(tf, states);
  }

  private S at(double[] x) {
    if (x.length != dimension) {
      throw new IllegalArgumentException(name + " has " + dimension + " state coordinates, x has " + x.length);
    }
    S system = newSystem();
    setState(system, x);
    return system;
  }

  // ---- helpers the generated code calls for array states ----

  /** {@code values}, after checking it has {@code expected} of them; {@code what} names them in the message. */
  protected static double[] checkLength(double[] values, int expected, String what) {
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException(what + " must have " + expected + " values, found "
          + (values == null ? "null" : values.length));
    }
    return values;
  }

  /** {@code columns}, after checking there are {@code expected} of them; {@code what} names them in the message. */
  protected static <T extends TNumber> List<Operand<T>> checkSize(List<Operand<T>> columns, int expected, String what) {
    if (columns.size() != expected) {
      throw new IllegalArgumentException(what + " must have " + expected + " values, found " + columns.size());
    }
    return columns;
  }
}
