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

  /** A velocity v at z in this space as a velocity of the system's states: (∂D/∂z)v. */
  double[] decodeVelocity(double[] z, double[] v);

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
    public double[] decodeVelocity(double[] z, double[] v) {
      return v;
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
  }
}
