/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.latent;

import java.util.Optional;
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;

/**
 * The space in which the invariant H and both dynamics models learn and roll out: the system's own
 * states ({@link #identity()}), or the latent space z = E(x) of a trained autoencoder (paper eq. 6,
 * {@link #of(LearnedAutoencoder)}). The seed pipeline, {@code TrainedModels} and a resumed run go
 * through this one interface, so the full-state and the latent case share a single path: encode
 * the data and the initial states, learn and roll out in the space, decode what is measured.
 */
public interface StateSpace {

  /** The system's own states: encoding and decoding are the identity. */
  static StateSpace identity() {
    return Identity.INSTANCE;
  }

  /** The latent space of {@code autoencoder}: z = E(x), ż = (∂E/∂x)ẋ, x = D(z). */
  static StateSpace of(LearnedAutoencoder autoencoder) {
    return new Latent(autoencoder);
  }

  /** The autoencoder that spans the space, if it is a latent one. */
  Optional<LearnedAutoencoder> autoencoder();

  /** A state of the system in this space. */
  double[] encode(double[] x);

  /** Trajectories of the system in this space, their derivatives pushed forward as well. */
  Trajectories encode(Trajectories data);

  /** A rollout in this space as states of the system, at every time. */
  Rollout decode(Rollout rollout);

  /** A point z of this space as a state of the system. */
  double[] decode(double[] z);

  /** A velocity v at z in this space as a velocity of the system's states: (∂D/∂z)v. */
  double[] decodeVelocity(double[] z, double[] v);

  /**
   * Gradients of functions of this space's coordinates, {@code inSpace} [l][m] at z = E(x), as
   * gradients with respect to the system's states at x: (∂E/∂x)ᵀ·inSpace, [n][m].
   */
  double[][] pullBack(double[] x, double[][] inSpace);

  /**
   * Gradients of functions of the system's states, {@code inStates} [n][m] at x = D(z), as gradients
   * with respect to this space's coordinates at z: (∂D/∂z)ᵀ·inStates, [l][m], one column of ∂D/∂z
   * at a time ({@link #decodeVelocity} of each unit vector).
   */
  default double[][] pushForward(double[] z, double[][] inStates) {
    int m = inStates.length == 0 ? 0 : inStates[0].length;
    double[][] out = new double[z.length][m];
    for (int j = 0; j < z.length; j++) {
      double[] unit = new double[z.length];
      unit[j] = 1;
      double[] column = decodeVelocity(z, unit);
      for (int i = 0; i < column.length; i++) {
        for (int k = 0; k < m; k++) {
          out[j][k] += column[i] * inStates[i][k];
        }
      }
    }
    return out;
  }

  /** Every state in this space. */
  default double[][] encode(double[][] states) {
    double[][] codes = new double[states.length][];
    for (int i = 0; i < states.length; i++) {
      codes[i] = encode(states[i]);
    }
    return codes;
  }

  /** The system's own states. */
  enum Identity implements StateSpace {
    INSTANCE;

    @Override
    public Optional<LearnedAutoencoder> autoencoder() {
      return Optional.empty();
    }

    @Override
    public double[] encode(double[] x) {
      return x;
    }

    @Override
    public double[][] encode(double[][] states) {
      return states;
    }

    @Override
    public Trajectories encode(Trajectories data) {
      return data;
    }

    @Override
    public Rollout decode(Rollout rollout) {
      return rollout;
    }

    @Override
    public double[] decode(double[] z) {
      return z;
    }

    @Override
    public double[] decodeVelocity(double[] z, double[] v) {
      return v;
    }

    @Override
    public double[][] pullBack(double[] x, double[][] inSpace) {
      return inSpace;
    }

    @Override
    public double[][] pushForward(double[] z, double[][] inStates) {
      return inStates;
    }
  }

  /** The latent space of a trained, frozen autoencoder. */
  final class Latent implements StateSpace {
    private final LearnedAutoencoder autoencoder;

    private Latent(LearnedAutoencoder autoencoder) {
      this.autoencoder = java.util.Objects.requireNonNull(autoencoder, "autoencoder");
    }

    @Override
    public Optional<LearnedAutoencoder> autoencoder() {
      return Optional.of(autoencoder);
    }

    @Override
    public double[] encode(double[] x) {
      return autoencoder.encode(x);
    }

    @Override
    public Trajectories encode(Trajectories data) {
      return autoencoder.encode(data);
    }

    @Override
    public double[] decode(double[] z) {
      return autoencoder.decode(z);
    }

    @Override
    public Rollout decode(Rollout latent) {
      double[][][] states = new double[latent.count()][latent.length()][];
      for (int i = 0; i < latent.count(); i++) {
        for (int t = 0; t < latent.length(); t++) {
          states[i][t] = autoencoder.decode(latent.state(i, t));
        }
      }
      return new Rollout(latent.times(), states, latent.substeps());
    }

    @Override
    public double[] decodeVelocity(double[] z, double[] v) {
      return autoencoder.decodeJvp(z, v);
    }

    @Override
    public double[][] pullBack(double[] x, double[][] inSpace) {
      double[][] encoder = autoencoder.encoderWeights().inputGradient(x);
      int m = inSpace[0].length;
      double[][] out = new double[x.length][m];
      for (int i = 0; i < x.length; i++) {
        for (int l = 0; l < inSpace.length; l++) {
          double e = encoder[i][l];
          for (int k = 0; k < m; k++) {
            out[i][k] += e * inSpace[l][k];
          }
        }
      }
      return out;
    }
  }
}
