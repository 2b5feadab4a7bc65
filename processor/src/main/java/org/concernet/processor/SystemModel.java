/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * One validated {@code @DynamicalSystem} class: everything the generators need, nothing from
 * javac except the elements kept for originating-element bookkeeping.
 */
record SystemModel(
    TypeElement element,
    ClassName userClass,
    String name,
    List<State> states,
    List<Parameter> parameters,
    List<Derivative> derivatives,
    List<Invariant> invariants,
    List<CandidateTerm> candidateTerms,
    Optional<String> initialState,
    Optional<String> evaluationInitialState,
    ProtocolModel protocol,
    GraphForm graphForm,
    Optional<Measured> measured) {

  SystemModel {
    states = List.copyOf(states);
    parameters = List.copyOf(parameters);
    derivatives = List.copyOf(derivatives);
    invariants = List.copyOf(invariants);
    candidateTerms = List.copyOf(candidateTerms);
  }

  SystemModel withGraphForm(GraphForm form) {
    return new SystemModel(element, userClass, name, states, parameters, derivatives, invariants,
        candidateTerms, initialState, evaluationInitialState, protocol, form, measured);
  }

  /** The generated {@code FooSystem}. */
  ClassName systemClass() {
    return ClassName.get(userClass.packageName(), flatName(userClass) + "System");
  }

  /** The generated {@code FooExperiment}. */
  ClassName experimentClass() {
    return ClassName.get(userClass.packageName(), flatName(userClass) + "Experiment");
  }

  static String flatName(ClassName className) {
    return String.join("_", className.simpleNames());
  }

  int dimension() {
    return states.stream().mapToInt(State::width).sum();
  }

  /** A {@code @State} field; {@code size == 0} for a scalar. */
  record State(VariableElement element, String name, int size, double min, double max, int offset) {
    boolean isArray() {
      return size > 0;
    }

    int width() {
      return isArray() ? size : 1;
    }
  }

  /** The {@code @Measured} attributes of a system known only from measurements. */
  record Measured(String data, List<String> columns, String time, String trial, String energyForm) {
    Measured {
      columns = List.copyOf(columns);
    }
  }

  /** A {@code @Parameter} field. */
  record Parameter(VariableElement element, String name) {}

  /** The {@code @Derivative} method of {@link #state}. */
  record Derivative(ExecutableElement element, String method, State state) {}

  /** An {@code @Invariant} method and its reported name. */
  record Invariant(ExecutableElement element, String method, String name) {}

  /** A {@code @CandidateTerm} method and its name in formulas. */
  record CandidateTerm(ExecutableElement element, String method, String name) {}

  /**
   * The {@code @DynamicalSystem} attributes, validated: each protocol setting whose value differs
   * from the attribute's default, by name in declaration order, then the autoencoder's (its latent
   * size as {@code autoencoder}, its other attributes as {@code autoencoderHidden}, …). Generated
   * code sets them by name on {@code Protocol.builder()}, which holds the defaults.
   */
  record ProtocolModel(List<SettingValue> settings) {
    ProtocolModel {
      settings = List.copyOf(settings);
    }
  }

  /** One protocol setting: the builder method's name and the value as Java source. */
  record SettingValue(String name, CodeBlock value) {}

  /**
   * The graph form: either the translated methods of the nested {@code Graph} class, or the reason
   * the bodies could not be translated.
   */
  record GraphForm(Optional<String> unavailableReason, List<GraphMethod> methods, String mathName) {
    static GraphForm unavailable(String reason) {
      return new GraphForm(Optional.of(reason), List.of(), "g");
    }
  }

  /** Kinds of values inside translated code. */
  enum Kind {
    INT("int"),
    BOOLEAN("boolean"),
    /** A double evaluated in Java while the graph is built (literals, constants, promoted ints). */
    JAVA_DOUBLE("double"),
    /** {@code Operand<T>}. */
    GRAPH(null),
    /** {@code List<Operand<T>>}: a {@code double[]}. */
    GRAPH_ARRAY(null),
    VOID("void");

    final String javaType;

    Kind(String javaType) {
      this.javaType = javaType;
    }
  }

  /** One translated method of the nested {@code Graph} class. */
  record GraphMethod(
      Element element, String name, Kind returns, List<GraphParameter> parameters, CodeBlock body) {}

  record GraphParameter(String name, Kind kind) {}
}
