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
 * The heat equation of {@link HeatEquation} on a rod ten times longer with the same grid spacing:
 * 1001 nodes on [-50, 50], zero-flux ends, conserving Σ u. The initial bumps sit near the centre
 * as in the paper's rod, so most of the rod stays cold; learning runs in a 16-dimensional latent
 * space (encoder 1001 → 64 → 32 → 16), a size chosen for this length, not from the paper.
 */
@DynamicalSystem(
    name = "LongRod",
    trajectories = 100,
    points = 100,
    startTime = 0.0,
    endTime = 10.0,
    noise = 0.01,
    evaluationTrajectories = 10,
    evaluationPoints = 1001,
    evaluationHorizon = 1.0,
    r2Trajectories = 500,
    latent = 1,
    hidden = {100, 100},
    contrastiveEpochs = 1000,
    contrastiveBatch = 10,
    dynamicsEpochs = 200,
    dynamicsBatch = 20,
    autoencoder = @Autoencoder(latent = 16, hidden = {64, 32}, epochs = 200, batch = 100))
public final class LongRod {
  static final int NODES = 1001;
  static final double X_MIN = -50.0;
  static final double DX = 0.1;

  /** Temperature at x_i = -50 + 0.1 i. */
  @State(size = NODES) double[] u = new double[NODES];

  /** Second differences; the ghost nodes equal the edge values, so no heat leaves. */
  @Derivative("u")
  double[] du() {
    double[] du = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      double left = i == 0 ? u[0] : u[i - 1];
      double right = i == u.length - 1 ? u[u.length - 1] : u[i + 1];
      du[i] = (right - 2 * u[i] + left) / (DX * DX);
    }
    return du;
  }

  /** Total heat. */
  @Invariant
  double total() {
    double sum = 0;
    for (double value : u) {
      sum += value;
    }
    return sum;
  }

  /** A Gaussian bump exp(-(x - c)² / s), centre c ~ U[-1, 1), width s ~ 0.25 U[0.5, 2). */
  @InitialState
  void sample(RandomGenerator rng) {
    double c = rng.nextDouble(-1.0, 1.0);
    double s = 0.25 * rng.nextDouble(0.5, 2.0);
    for (int i = 0; i < NODES; i++) {
      double x = X_MIN + i * DX;
      u[i] = Math.exp(-(x - c) * (x - c) / s);
    }
  }
}
