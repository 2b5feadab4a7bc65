/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.ClassName;

/** Types the generated code names; the processor itself depends on none of them. */
final class RuntimeNames {
  private RuntimeNames() {}

  static final String ANNOTATIONS = "org.concernet.annotations";
  static final String DYNAMICAL_SYSTEM = ANNOTATIONS + ".DynamicalSystem";
  static final String STATE = ANNOTATIONS + ".State";
  static final String PARAMETER = ANNOTATIONS + ".Parameter";
  static final String DERIVATIVE = ANNOTATIONS + ".Derivative";
  static final String INVARIANT = ANNOTATIONS + ".Invariant";
  static final String INITIAL_STATE = ANNOTATIONS + ".InitialState";
  static final String CANDIDATE_TERM = ANNOTATIONS + ".CandidateTerm";
  static final String MEASURED = ANNOTATIONS + ".Measured";

  static final ClassName SYSTEM_SPEC = ClassName.get("org.concernet.system", "SystemSpec");
  static final ClassName PROTOCOL = ClassName.get("org.concernet.protocol", "Protocol");
  static final ClassName GRAPH_MATH = ClassName.get("org.concernet.system", "GraphMath");
  static final ClassName DECLARED_SYSTEM = ClassName.get("org.concernet.system", "DeclaredSystem");
  static final ClassName GRAPH_EQUATIONS = DECLARED_SYSTEM.nestedClass("GraphEquations");
  static final ClassName MEASURED_SYSTEM = ClassName.get("org.concernet.system", "MeasuredSystem");
  static final ClassName STATE_FIELD = ClassName.get("org.concernet.system", "StateField");
  static final ClassName EXPERIMENT_COMMAND =
      ClassName.get("org.concernet.cli", "ExperimentCommand");

  static final ClassName OPS = ClassName.get("org.tensorflow.op", "Ops");
  static final ClassName OPERAND = ClassName.get("org.tensorflow", "Operand");
  static final ClassName TNUMBER = ClassName.get("org.tensorflow.types.family", "TNumber");

  static final ClassName RANDOM_GENERATOR = ClassName.get("java.util.random", "RandomGenerator");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
}
