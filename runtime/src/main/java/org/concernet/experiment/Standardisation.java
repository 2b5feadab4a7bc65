/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.latent.LearnedAutoencoder;
import org.concernet.latent.StateSpace;

/**
 * Measured states standardised coordinate by coordinate, z_k = (x_k − mean_k) / std_k, with the
 * mean and standard deviation of the training points: the space a measured experiment learns in,
 * so that a spring measured in pixels (±250) and a pendulum in radians (±1.5) both reach the
 * networks at order one. Derivatives scale by 1 / std_k; H(z(x)) conserved in z is conserved in x.
 * Every figure a measured run reports is in the file's own units.
 */
final class Standardisation implements StateSpace {
  private final double[] mean;
  private final double[] std;

  private Standardisation(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /**
   * The standardisation of every point of {@code data}.
   *
   * @throws IllegalArgumentException naming the coordinate when it never changes (std 0)
   */
  static Standardisation of(Trajectories data) {
    int n = data.dimension();
    double[] mean = new double[n];
    double[] square = new double[n];
    double[][] points = data.pointStates();
    for (double[] x : points) {
      for (int k = 0; k < n; k++) {
        mean[k] += x[k] / points.length;
      }
    }
    for (double[] x : points) {
      for (int k = 0; k < n; k++) {
        square[k] += (x[k] - mean[k]) * (x[k] - mean[k]) / points.length;
      }
    }
    double[] std = new double[n];
    for (int k = 0; k < n; k++) {
      std[k] = Math.sqrt(square[k]);
      boolean constant = true;
      for (double[] x : points) {
        constant &= x[k] == points[0][k];
      }
      if (constant || !(std[k] > 0)) {
        throw new IllegalArgumentException("state '" + data.stateNames().get(k) + "' has the same value "
            + points[0][k] + " at every training point: nothing to learn from it");
      }
    }
    return new Standardisation(mean, std);
  }

  double[] mean() {
    return mean.clone();
  }

  double[] std() {
    return std.clone();
  }

  @Override
  public Optional<LearnedAutoencoder> autoencoder() {
    return Optional.empty();
  }

  @Override
  public double[] encode(double[] x) {
    double[] z = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      z[k] = (x[k] - mean[k]) / std[k];
    }
    return z;
  }

  /** The state at {@code z}. */
  double[] decode(double[] z) {
    double[] x = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      x[k] = mean[k] + std[k] * z[k];
    }
    return x;
  }

  @Override
  public Trajectories encode(Trajectories data) {
    int count = data.count();
    int length = data.length();
    int n = data.dimension();
    double[] states = data.statesFlat();
    double[] derivatives = data.hasDerivatives() ? data.derivativesFlat() : null;
    for (int p = 0; p < count * length; p++) {
      for (int k = 0; k < n; k++) {
        states[p * n + k] = (states[p * n + k] - mean[k]) / std[k];
        if (derivatives != null) {
          derivatives[p * n + k] /= std[k];
        }
      }
    }
    return Trajectories.ofFlat(data.stateNames(), count, length, data.timesFlat(), states, derivatives);
  }

  @Override
  public Rollout decode(Rollout rollout) {
    double[][][] states = new double[rollout.count()][rollout.length()][];
    for (int i = 0; i < rollout.count(); i++) {
      for (int t = 0; t < rollout.length(); t++) {
        states[i][t] = decode(rollout.state(i, t));
      }
    }
    return new Rollout(rollout.times(), states, rollout.substeps());
  }

  @Override
  public double[] decodeVelocity(double[] z, double[] v) {
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = std[k] * v[k];
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "standardised: mean %s, std %s", Arrays.toString(mean), Arrays.toString(std));
  }
}
