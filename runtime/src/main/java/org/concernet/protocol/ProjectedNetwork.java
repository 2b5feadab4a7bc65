/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

/**
 * Which trained network ConCerNet's projected model projects onto the learned H's level sets. Both
 * choices keep H exactly as the paper's layer does (the same projection, the same H); they differ in
 * the speed along the level sets, which the network sets. The paper trains the network through the
 * projection; the baseline's network, trained on the whole field, is often the more accurate one
 * along the level sets (docs/generality.md, "Which network ConCerNet projects").
 */
public enum ProjectedNetwork {
  /**
   * The default: after both dynamics models are trained, the projected model projects whichever of
   * the two networks, the one trained through the projection or the baseline's, has the lower
   * rollout MSE once projected on the seed's validation trajectories (generated, noise-free, over
   * the training window; not the evaluation's); a tie keeps the paper's. With measured data, which
   * have no validation trajectories, the paper's.
   */
  AUTO,
  /** The network trained through the projection, as the paper. */
  TRAINED
}
