/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The time derivative of the {@link State} field named by {@link #value()}: a no-argument method
 * returning {@code double} (or {@code double[]} of the state's size for an array state). Every
 * state has exactly one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Derivative {
  /** Name of the state field this method differentiates. */
  String value();
}
