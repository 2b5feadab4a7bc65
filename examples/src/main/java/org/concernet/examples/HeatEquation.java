/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Autoencoder;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.State;

/**
 * The 1-D heat equation u_t = u_xx on [−5, 5] with zero-flux ends (paper section 5.3), discretised
 * on 101 nodes: the total heat Σu is conserved. Learned in the latent space of an autoencoder.
 */
@DynamicalSystem(name = "HeatEquation", trajectories = 100, points = 100, startTime = 0, endTime = 10,
    evaluationHorizon = 1, dynamicsEpochs = 200, dynamicsBatch = 20,
    autoencoder = @Autoencoder(latent = 9, hidden = {32, 16}, epochs = 200, batch = 100))
public class HeatEquation {
  static final int NODES = 101;
  static final double DX = 0.1;

  @State(size = NODES) double[] u;

  /** Second differences; the ghost node beyond each end equals the edge value (zero flux). */
  @Derivative("u") double[] du() {
    double[] d = new double[NODES];
    for (int i = 0; i < NODES; i++) {
      double left = i == 0 ? u[0] : u[i - 1];
      double right = i == NODES - 1 ? u[NODES - 1] : u[i + 1];
      d[i] = (right - 2 * u[i] + left) / (DX * DX);
    }
    return d;
  }

  @Invariant double total() {
    double sum = 0;
    for (int i = 0; i < NODES; i++) {
      sum += u[i];
    }
    return sum;
  }

  /** A Gaussian bump exp(−(x − c)²/s) with c ~ U[−1, 1) and s ~ 0.25·U[0.5, 2). */
  @InitialState void sample(RandomGenerator rng) {
    double c = -1 + 2 * rng.nextDouble();
    double s = 0.25 * (0.5 + 1.5 * rng.nextDouble());
    u = new double[NODES];
    for (int i = 0; i < NODES; i++) {
      double x = -5 + DX * i;
      u[i] = Math.exp(-(x - c) * (x - c) / s);
    }
  }
}
