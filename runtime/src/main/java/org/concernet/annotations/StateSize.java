/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A new size for an inherited {@code double[]} state, in {@link DynamicalSystem#stateSizes()}: a
 * system that extends another system's class reuses its states, equations and sampler, and sizes
 * its array states itself (a longer rod with the same equations). The class must then allocate the
 * array at that size (in its constructor), since the inherited methods read it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface StateSize {
  /** The name of a {@code @State double[]} field. */
  String state();

  /** Its length in this system (at least 1). */
  int size();
}
