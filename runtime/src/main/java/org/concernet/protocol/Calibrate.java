/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

/**
 * Whether a single learned invariant is reported on the flow's own scale. Any monotone function
 * g(h) of a conserved quantity h is conserved too, so the contrastive loss leaves H's scale along
 * its level sets free, and a network can learn the energy warped (for example like a logarithm
 * where energies span decades). The flow fixes one scale: for a Hamiltonian system in canonical
 * coordinates |ẋ| = |∇E| at every point, so the g with |∇g(h)| = |ẋ| is the energy itself, up to
 * a constant. The projection and the level-set model depend only on H's level sets, which g does
 * not change; what g changes is the H a user reads (R², plots, the read-out, saved models).
 */
public enum Calibrate {
  /**
   * The default: after H is learned, fit g' (a quartic in h) so that g'(h)·|∇h| matches |ẋ| on the
   * training points, and report H = g(h) when that fit is good (relative error at most 10%), that
   * is, when the flow's speed is a function of H on its level sets; otherwise (a system that is not
   * Hamiltonian in these coordinates, or several outputs, or an autoencoder) the network's output.
   */
  AUTO,
  /** H is the network's output, as the paper. */
  OFF
}
