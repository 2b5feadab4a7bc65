/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.system;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.concernet.protocol.Protocol;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * A dynamical system ẋ = f(x) with its known invariants and its experiment protocol. The
 * annotation processor generates one implementation per {@code @DynamicalSystem} class; users
 * with other sources of equations may implement it by hand.
 *
 * <p>The state vector lists the {@code @State} fields in declaration order, array fields element
 * by element ({@code u[0]}, {@code u[1]}, …). Java forms take and return plain arrays; graph forms
 * take batches shaped {@code [batch, dimension()]} and return {@code [batch, dimension()]} (the
 * field) or {@code [batch, invariantNames().size()]} (the invariants).
 */
public interface SystemSpec {
  /** The system's name, used in results and file names. */
  String name();

  /** Length n of the state vector. */
  int dimension();

  /** One name per state coordinate, {@code dimension()} of them. */
  List<String> stateNames();

  /** Names of the known invariants, in declaration order (possibly none). */
  List<String> invariantNames();

  /** The current parameter values by name, in declaration order. */
  Map<String, Double> parameters();

  /**
   * This system with some parameters changed.
   *
   * @throws IllegalArgumentException naming the parameter, if a name is not a parameter
   */
  SystemSpec withParameters(Map<String, Double> overrides);

  /** The experiment protocol declared on the system. */
  Protocol protocol();

  /**
   * Whether the system declares equations (a field and, possibly, invariants): false for a system
   * known only from measurements ({@link MeasuredSystem}), whose experiment then learns from a file
   * and evaluates against held-out measurements only.
   */
  default boolean hasEquations() {
    return true;
  }

  /**
   * Names of the terms the user declared for the symbolic read-out ({@code @CandidateTerm}
   * methods), in declaration order; none unless declared.
   */
  default List<String> candidateTermNames() {
    return List.of();
  }

  /**
   * The declared candidate terms at x, one per {@link #candidateTermNames()}.
   *
   * @throws IllegalArgumentException if x does not have {@link #dimension()} coordinates
   */
  default double[] candidateTerms(double[] x) {
    if (x.length != dimension()) {
      throw new IllegalArgumentException(name() + " has " + dimension() + " state coordinates, x has " + x.length);
    }
    return new double[0];
  }

  /** The field f(x). */
  double[] derivative(double[] x);

  /** The known invariants at x, one per {@link #invariantNames()}. */
  double[] invariants(double[] x);

  /** One initial state for training (and for the R² test set). */
  double[] sampleInitialState(RandomGenerator rng);

  /** One initial state for an evaluation rollout; the training sampler unless declared. */
  default double[] sampleEvaluationState(RandomGenerator rng) {
    return sampleInitialState(rng);
  }

  /**
   * Whether {@link #derivative(Ops, Operand)} and {@link #invariants(Ops, Operand)} exist. False
   * when a method body uses a construct outside the translatable subset; {@link
   * #graphFormUnavailableReason()} then says which and where.
   */
  default boolean hasGraphForm() {
    return graphFormUnavailableReason().isEmpty();
  }

  /** Why there is no graph form, naming the construct and its line; empty when there is one. */
  Optional<String> graphFormUnavailableReason();

  /**
   * The field on a batch of states, built into the graph of {@code tf}.
   *
   * @param x states shaped [batch, dimension()]
   * @return derivatives shaped [batch, dimension()]
   * @throws UnsupportedOperationException when {@link #hasGraphForm()} is false
   */
  <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x);

  /**
   * The known invariants on a batch of states.
   *
   * @param x states shaped [batch, dimension()]
   * @return invariants shaped [batch, invariantNames().size()]
   * @throws UnsupportedOperationException when {@link #hasGraphForm()} is false
   */
  <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x);
}
