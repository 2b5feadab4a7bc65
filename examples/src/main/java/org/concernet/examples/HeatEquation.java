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
 * The one-dimensional heat equation of ConCerNet (ICML 2023), section 5.2: 101 nodes on
 * [-5, 5] with zero-flux boundaries (ghost nodes equal to the edge values), conserving the total
 * heat Σ u. Learning runs in the 9-dimensional latent space of an autoencoder (eq. 6).
 *
 * <p>The equations and the sampler hold for a rod of any length with this spacing, centred on 0:
 * {@link LongRod} extends this class and declares only its length and its protocol.
 */
@DynamicalSystem(
    name = "HeatEquation",
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
    autoencoder = @Autoencoder(latent = 9, hidden = {32, 16}, epochs = 200, batch = 100))
public class HeatEquation {
  static final int NODES = 101;
  static final double DX = 0.1;

  /** Temperature at x_i = -(NODES - 1) DX / 2 + i DX: here -5 + 0.1 i. */
  @State(size = NODES) double[] u;

  public HeatEquation() {
    this(NODES);
  }

  /** A rod of {@code nodes} nodes, for a system that extends this one and resizes {@code u}. */
  HeatEquation(int nodes) {
    u = new double[nodes];
  }

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
    double xMin = -(u.length - 1) * DX / 2; // exactly -5.0 for 101 nodes, -50.0 for 1001
    for (int i = 0; i < u.length; i++) {
      double x = xMin + i * DX;
      u[i] = Math.exp(-(x - c) * (x - c) / s);
    }
  }
}
