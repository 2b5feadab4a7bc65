/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @DynamicalSystem} class: everything the generators need, independent of
 * javac. Each node keeps the name of the member it came from.
 *
 * @param type the annotated class (the originating element of the generated files)
 * @param packageName its package
 * @param className its simple name (nested classes: Outer.Inner as a canonical path)
 * @param name the system's name
 * @param states state fields in declaration order
 * @param parameters parameter fields in declaration order
 * @param invariants known invariants in declaration order
 * @param initialState the training initial-state method, if declared
 * @param evaluationState the evaluation initial-state method, if declared
 * @param protocol the protocol attributes
 * @param graph the translated graph forms, or why there are none
 */
record SystemModel(
    TypeElement type,
    String packageName,
    List<String> className,
    String name,
    List<State> states,
    List<String> parameters,
    List<Invariant> invariants,
    Optional<String> initialState,
    Optional<String> evaluationState,
    ProtocolModel protocol,
    GraphForm graph) {

  /** Simple name of the generated classes' prefix: the class's simple name. */
  String simpleName() {
    return className.get(className.size() - 1);
  }

  int dimension() {
    return states.stream().mapToInt(s -> s.array() ? s.size() : 1).sum();
  }

  /** A state field: scalar, or an array of {@code size}; its derivative method; sampling range. */
  record State(String field, boolean array, int size, String derivative, double min, double max) {}

  /** A known invariant: its name in results and its method. */
  record Invariant(String name, String method) {}

  /** The annotation's protocol attributes, as declared or defaulted. */
  record ProtocolModel(int trajectories, int points, double startTime, double endTime, double noise,
      int evaluationTrajectories, int evaluationPoints, double evaluationHorizon, int r2Trajectories,
      int latent, List<Integer> hidden, String activation, int contrastiveEpochs, int contrastiveBatch,
      int dynamicsEpochs, int dynamicsBatch, Optional<AutoencoderModel> autoencoder) {}

  record AutoencoderModel(int latent, List<Integer> hidden, int epochs, int batch) {}

  /**
   * The graph translation: one method per translated user method (derivatives, invariants and the
   * helpers they call), or the reason there is none.
   */
  record GraphForm(List<GraphMethod> methods, Optional<String> unavailableReason) {}

  /**
   * A translated method of the nested {@code Graph<T>} class.
   *
   * @param name the user's method name
   * @param returns "double", "double[]" or "int"
   * @param parameters parameter declarations as they appear in the generated method
   * @param body the translated body
   */
  record GraphMethod(String name, String returns, List<Param> parameters, CodeBlock body) {}

  record Param(String name, String kind) {}
}
