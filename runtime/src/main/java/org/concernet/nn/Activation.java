/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

/** Hidden-layer activation of the networks. */
public enum Activation {
  /** Hyperbolic tangent: smooth, so the learned invariant has a smooth gradient. */
  TANH,
  /** Rectified linear unit. */
  RELU
}
