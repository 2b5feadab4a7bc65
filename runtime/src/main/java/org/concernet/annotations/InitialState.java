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
 * A custom initial-state sampler: {@code void name(java.util.random.RandomGenerator rng)} that
 * sets every {@link State} field of a fresh instance. At most one for training (also used for the
 * R² test set) and at most one with {@code evaluation = true}, which samples the initial states
 * of the evaluation rollouts (when absent, the training sampler is used).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface InitialState {
  /** Whether this sampler is for the evaluation rollouts instead of training. */
  boolean evaluation() default false;
}
