/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An autoencoder that maps a high-dimensional state x to a latent code z = E(x); contrastive and
 * dynamics learning then run in z, with ż = (∂E/∂x)ẋ, and rollouts are decoded by D (paper eq. 6).
 * Used only as a value of {@link DynamicalSystem#autoencoder()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface Autoencoder {
  /** Size of the latent code (at least 1, less than the state dimension). */
  int latent();

  /** Hidden widths of the encoder; the decoder mirrors them. */
  int[] hidden() default {32, 16};

  /** Training epochs. */
  int epochs() default 200;

  /** States per batch. */
  int batch() default 100;
}
