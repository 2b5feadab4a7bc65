/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import java.util.Locale;

/**
 * Every diagnostic of the processor, with its stable code. A message says what was found and what
 * to write instead; docs/errors.md lists them all with an example fix.
 */
enum Message {
  NOT_A_CLASS("NotAClass", "@DynamicalSystem is on %s %s; put it on a class (a system is instantiated to evaluate its equations)"),
  ABSTRACT_CLASS("AbstractClass", "@DynamicalSystem class %s is abstract; make it concrete, since the generated code instantiates it"),
  INNER_CLASS("InnerClass", "@DynamicalSystem class %s is an inner (non-static) class; declare it static or top-level so the generated code can create it"),
  GENERIC_CLASS("GenericClass", "@DynamicalSystem class %s has type parameters; a system's class cannot be generic"),
  PRIVATE_CLASS("PrivateClass", "@DynamicalSystem class %s is private; make it package-private or public so %s can use it"),
  NO_CONSTRUCTOR("NoConstructor", "@DynamicalSystem class %s has no constructor without arguments that its package can call; add one (it may be package-private)"),
  NO_STATE("NoState", "@DynamicalSystem class %s has no @State field; declare the state, e.g. '@State double x;'"),
  STATE_TYPE("StateType", "@State field '%s' is %s; a state is 'double' or 'double[]' (with @State(size = n))"),
  STATE_SIZE("StateSize", "%s"),
  STATE_RANGE("StateRange", "@State field '%s' has min %s ≥ max %s; the default sampler draws from [min, max), so min must be below max"),
  MEMBER_ACCESS("MemberAccess", "%s '%s' is %s; the generated %s (same package) must reach it, so make it package-private, protected or public and not static"),
  FINAL_STATE("FinalState", "@State field '%s' is final; the generated code sets the state on each evaluation, so remove 'final'"),
  MISSING_DERIVATIVE("MissingDerivative", "@State '%s' has no @Derivative; add a method '@Derivative(\"%s\") %s d%s() { … }'"),
  UNKNOWN_STATE("UnknownState", "@Derivative(\"%s\") names no @State field of %s%s"),
  DUPLICATE_DERIVATIVE("DuplicateDerivative", "@Derivative(\"%s\") is declared twice (also on %s()); each state has exactly one derivative"),
  METHOD_PARAMETERS("MethodParameters", "%s method %s() takes %d parameter(s); it reads the state from the fields, so declare it without parameters"),
  RETURN_TYPE("ReturnType", "%s method %s() returns %s; it must return %s"),
  PARAMETER_FIELD("ParameterField", "@Parameter field '%s' %s; write it as a non-final 'double' with its default value, e.g. '@Parameter double k = 0.5;'"),
  INITIAL_STATE_SIGNATURE("InitialStateSignature", "@InitialState method %s has the wrong signature; write 'void %s(java.util.random.RandomGenerator rng)' and set every @State field in it"),
  DUPLICATE_INITIAL_STATE("DuplicateInitialState", "a second @InitialState%s method %s(); there is at most one for %s (the first is %s())"),
  DUPLICATE_INVARIANT("DuplicateInvariant", "two invariants are named '%s'; give one a different @Invariant(name = …)"),
  ATTRIBUTE_RANGE("AttributeRange", "@DynamicalSystem(%s = %s) %s"),
  AUTOENCODER("Autoencoder", "%s"),
  ORPHAN("Orphan", "@%s is on a member of %s, which is not annotated @DynamicalSystem; annotate the class or remove @%s"),
  NO_GRAPH_FORM("NoGraphForm", "%s: %s at line %d is outside the translatable subset; %s will generate data in Java instead of in the graph"),
  INTERNAL("Internal", "the processor failed on %s: %s; please report this with the class");

  private final String code;
  private final String template;

  Message(String code, String template) {
    this.code = code;
    this.template = template;
  }

  /** The stable code, e.g. {@code [Concernet/StateType]}. */
  String code() {
    return "[Concernet/" + code + "]";
  }

  String format(Object... args) {
    return code() + " " + String.format(Locale.ROOT, template, args);
  }
}
