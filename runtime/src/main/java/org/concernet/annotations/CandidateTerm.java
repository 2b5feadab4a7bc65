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
 * A term the symbolic read-out may use when it writes a learned invariant as a formula, beside its
 * own library (monomials, sin, cos and log of the states): a no-argument method returning
 * {@code double}, evaluated on the system's state, for example {@code 1 / r()} for Kepler's energy.
 * Its gradient is taken by central finite differences in double precision. Used only by the
 * read-out, never to train or to evaluate.
 *
 * <pre>{@code
 * @CandidateTerm(name = "1/r")
 * double inverseRadius() { return 1 / r(); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CandidateTerm {
  /** Name in formulas; the method's name when empty. */
  String name() default "";
}
