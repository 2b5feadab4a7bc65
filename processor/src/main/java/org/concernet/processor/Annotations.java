/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Names of the DSL's annotations and reading of their mirrors (the processor never loads them). */
final class Annotations {
  static final String PACKAGE = "org.concernet.annotations";
  static final String DYNAMICAL_SYSTEM = PACKAGE + ".DynamicalSystem";
  static final String STATE = PACKAGE + ".State";
  static final String PARAMETER = PACKAGE + ".Parameter";
  static final String DERIVATIVE = PACKAGE + ".Derivative";
  static final String INVARIANT = PACKAGE + ".Invariant";
  static final String INITIAL_STATE = PACKAGE + ".InitialState";

  private Annotations() {}

  static Optional<AnnotationMirror> mirror(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value of {@code name}, explicit or default. */
  static AnnotationValue value(Elements elements, AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException("no attribute " + name);
  }

  /** The value of {@code name} only when written explicitly (to point errors at it). */
  static AnnotationValue explicit(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
