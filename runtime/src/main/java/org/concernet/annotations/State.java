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
 * A state coordinate: a {@code double} field, or a {@code double[]} field of fixed {@link #size()}.
 * The state vector lists the fields in declaration order, arrays element by element. Without an
 * {@link InitialState} method, initial states are drawn uniformly from [{@link #min()}, {@link
 * #max()}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface State {
  /** Length of a {@code double[]} state (required for arrays, and only for them). */
  int size() default 0;

  /** Lower end of the default initial-state range. */
  double min() default -1.0;

  /** Upper end of the default initial-state range. */
  double max() default 1.0;
}
