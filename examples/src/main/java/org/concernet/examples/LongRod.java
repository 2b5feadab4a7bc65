/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import org.concernet.annotations.Autoencoder;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.StateSize;

/**
 * The heat equation of {@link HeatEquation} on a rod ten times longer with the same grid spacing:
 * 1001 nodes on [-50, 50], zero-flux ends, conserving Σ u. The equations, the invariant and the
 * sampler are {@link HeatEquation}'s, inherited; this declaration sets only the length and the
 * protocol. The initial bumps sit near the centre as in the paper's rod, so most of the rod stays
 * cold; learning runs in a 16-dimensional latent space (encoder 1001 → 64 → 32 → 16), a size chosen
 * for this length, not from the paper.
 */
@DynamicalSystem(
    name = "LongRod",
    trajectories = 100,
    evaluationHorizon = 1.0,
    dynamicsEpochs = 200,
    dynamicsBatch = 20,
    stateSizes = @StateSize(state = "u", size = LongRod.NODES),
    autoencoder = @Autoencoder(latent = 16, hidden = {64, 32}, epochs = 200, batch = 100))
public final class LongRod extends HeatEquation {
  static final int NODES = 1001;

  public LongRod() {
    super(NODES);
  }
}
