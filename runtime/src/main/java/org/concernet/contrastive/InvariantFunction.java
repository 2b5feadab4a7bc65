/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import org.concernet.nn.MlpWeights;

/**
 * A frozen invariant H: R^n → R^m given by the weights of an MLP (n → hidden → m). This is all the
 * dynamics stage needs of a learned invariant: its gradient G = ∂H/∂x comes from {@code
 * Mlp.frozen(tf, weights(), type).inputGradient(x)} in graphs and {@link MlpWeights#inputGradient}
 * in Java. A contrastively learned invariant implements it; so does {@link #of(MlpWeights)}.
 */
@FunctionalInterface
public interface InvariantFunction {
  /** The MLP weights of H: input size n (the state), output size m (the conserved quantities). */
  MlpWeights weights();

  /** H given directly by its weights. */
  static InvariantFunction of(MlpWeights weights) {
    return () -> weights;
  }
}
