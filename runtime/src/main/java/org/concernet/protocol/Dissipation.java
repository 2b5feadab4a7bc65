/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

/**
 * Whether a third dynamics model is trained beside the baseline and ConCerNet: ConCerNet's projected
 * field plus a learned term along ∇H that makes H decrease at a learned rate, for measurements that
 * lose energy. Its dH/dt is fixed exactly by the model, as ConCerNet's projection fixes it to 0, but
 * to g(x) ≤ 0 instead. It is not the paper's ConCerNet and is reported under its own name.
 */
public enum Dissipation {
  /** No third model (the default): the baseline and ConCerNet only. */
  NONE,
  /**
   * f̃ = P_H f + g(x)·∇H/|∇H|², g = −softplus(d(x) − c) learned, so dH/dt = g exactly; the term grows
   * as 1/|∇H| near a critical point of H unless g vanishes there.
   */
  RATE,
  /**
   * f̃ = P_H f + r(x)·∇H, r = −softplus(d(x) − c) learned, so dH/dt = g = r·|∇H|² exactly: like a
   * friction, the loss vanishes at a critical point of H (an equilibrium) and the field stays bounded.
   */
  GRADIENT
}
