/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor prints, in one place. Each carries a stable code (the
 * {@code [Concernet/Code]} tag users can search for in {@code docs/errors.md}) and a message
 * template that says what was found and what to write instead.
 */
enum Message {
  STATE_TYPE("StateType",
      "@State field %s has type %s; declare it as double (a scalar state) or as double[] with @State(size = n) (an array state)"),
  STATE_SIZE_MISSING("StateSize",
      "@State double[] %s needs a fixed size; write @State(size = n) with n >= 1 (found size = %s)"),
  STATE_SIZE_ON_SCALAR("StateSize",
      "@State double %s is a scalar but declares size = %s; remove size, or declare the field as double[]"),
  STATE_SIZES("StateSizes",
      "@DynamicalSystem stateSizes %s"),
  HIDDEN_FIELD("HiddenField",
      "field %s of %s hides the annotated field of %s that the inherited methods read; remove it, and set the field of %s"
          + " (in the constructor, or with stateSizes for an array's size)"),
  STATE_RANGE("StateRange",
      "@State %s has min = %s >= max = %s; the default sampler draws from [min, max), so write min < max"),
  MISSING_DERIVATIVE("MissingDerivative",
      "@State %s has no @Derivative; add a method like @Derivative(\"%s\") double d%s() { ... }, or, for a system"
          + " known only from measurements, annotate %s with @Measured (states only, learned from a file)"),
  UNKNOWN_DERIVATIVE_TARGET("DerivativeTarget",
      "@Derivative(\"%s\") on %s names no @State field; the states are %s%s"),
  DUPLICATE_DERIVATIVE("DuplicateDerivative",
      "@Derivative(\"%s\") on %s: state %s already has its derivative %s(); keep exactly one @Derivative per state"),
  MEASURED_EQUATIONS("MeasuredEquations",
      "@Measured %s declares %s %s; a measured system has states only (its experiment learns from a file and uses"
          + " no equations): remove %s, or remove @Measured to declare the equations"),
  MEASURED_STATE("MeasuredState",
      "@State double[] %s of @Measured %s: a measured state is one column of the file; declare one double field"
          + " per column instead"),
  MEASURED_ENERGY_FORM("MeasuredEnergyForm",
      "@Measured(energyForm = \"%s\") on %s names no energy form; write \"pendulum\" (½ω² − k·cos θ),"
          + " \"spring\" (½v² + ½k·x²) or leave it out"),
  METHOD_PARAMETERS("MethodParameters",
      "@%s method %s takes %s parameter(s); it must take none and read the @State fields instead"),
  RETURN_TYPE("ReturnType",
      "@%s method %s returns %s; it must return %s"),
  PARAMETER_TYPE("ParameterType",
      "@Parameter field %s is %s; a parameter must be a non-final, non-static double with an initializer, e.g. @Parameter double k = 1.0;"),
  SYSTEM_KIND("SystemKind",
      "@DynamicalSystem %s is %s; annotate a concrete top-level or static nested class"),
  NO_CONSTRUCTOR("NoConstructor",
      "@DynamicalSystem %s has no accessible no-argument constructor; the generated %s creates instances with new %s(), so add a non-private no-argument constructor"),
  UNREACHABLE("Unreachable",
      "%s %s is private; the generated %s (same package) cannot reach it, so make it package-private"),
  STATIC_MEMBER("StaticMember",
      "@%s %s is static; it must be an instance member so each evaluation has its own state"),
  FINAL_STATE("FinalState",
      "@State field %s is final; the generated code assigns states, so remove final"),
  NO_STATE("NoState",
      "@DynamicalSystem %s declares no @State field; declare at least one, e.g. @State double q;"),
  PROTOCOL_VALUE("ProtocolValue",
      "@DynamicalSystem(%s = %s) is out of range: %s"),
  AUTOENCODER("Autoencoder",
      "@DynamicalSystem autoencoder %s"),
  INITIAL_STATE_SIGNATURE("InitialStateSignature",
      "@InitialState method %s has signature %s; write void %s(java.util.random.RandomGenerator rng)"),
  DUPLICATE_INITIAL_STATE("DuplicateInitialState",
      "@InitialState(evaluation = %s) on %s: %s() already samples %s initial states; keep one method per role"),
  DUPLICATE_INVARIANT("DuplicateInvariant",
      "@Invariant %s is named \"%s\", which %s() already uses; give each invariant a distinct name"),
  INVARIANT_NAME("InvariantName",
      "@Invariant(name = \"%s\") on %s is blank; leave name out (the method name is used) or write a non-blank name"),
  DUPLICATE_CANDIDATE_TERM("DuplicateCandidateTerm",
      "@CandidateTerm %s is named \"%s\", which %s() already uses; give each candidate term a distinct name"),
  CANDIDATE_TERM_NAME("CandidateTermName",
      "@CandidateTerm(name = \"%s\") on %s is blank; leave name out (the method name is used) or write a non-blank name"),
  OUTSIDE_SYSTEM("OutsideSystem",
      "@%s on %s is outside a @DynamicalSystem class; annotate the enclosing class %s with @DynamicalSystem"),
  CONFLICTING_ROLES("ConflictingRoles",
      "%s %s carries %s; each member has exactly one role, so keep one of them"),
  INTERNAL("Internal",
      "the processor failed on %s (%s); please report this. No code was generated for it"),
  NO_GRAPH_FORM("NoGraphForm",
      "%s: %s at line %s is outside the translatable subset; %s will generate data in Java instead");

  private final String code;
  private final String template;

  Message(String code, String template) {
    this.code = code;
    this.template = template;
  }

  /** The stable code, e.g. {@code StateType}. */
  String code() {
    return code;
  }

  /** The diagnostic kind: errors everywhere, except the graph-form note. */
  Diagnostic.Kind kind() {
    return this == NO_GRAPH_FORM ? Diagnostic.Kind.NOTE : Diagnostic.Kind.ERROR;
  }

  /** The message without its tag. */
  String text(Object... args) {
    return String.format(Locale.ROOT, template, args);
  }

  /** {@code [Concernet/Code] message}. */
  String format(Object... args) {
    return "[Concernet/" + code + "] " + text(args);
  }
}
