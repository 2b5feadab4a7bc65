/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.List;
import org.concernet.system.Protocol;

/**
 * Named protocol settings applied on top of a system's declared protocol. The system keeps what
 * is its own (trajectory count and length, time span, evaluation horizon, activation,
 * autoencoder); a preset sets the method's settings.
 */
public enum Preset {
  /**
   * The paper's protocol (appendix B, as its public scripts ran it): networks of two hidden layers
   * of 100, one learned invariant, 1000 contrastive epochs on batches of 10 trajectories, dynamics
   * on batches of 100 points for 1000 epochs (200 on batches of 20 with an autoencoder), noise
   * 0.01, 10 evaluation rollouts of 1001 points, R² on 500 fresh trajectories, Adam lr 1e-3.
   */
  PAPER {
    @Override
    public Protocol apply(Protocol declared) {
      boolean latentSpace = declared.autoencoder().isPresent();
      return declared.toBuilder()
          .hidden(List.of(100, 100))
          .latent(1)
          .contrastiveEpochs(1000)
          .contrastiveBatch(10)
          .dynamicsEpochs(latentSpace ? 200 : 1000)
          .dynamicsBatch(latentSpace ? 20 : 100)
          .noise(0.01)
          .evaluationTrajectories(10)
          .evaluationPoints(1001)
          .r2Trajectories(500)
          .learningRate(Protocol.DEFAULT_LEARNING_RATE)
          .build();
    }
  },

  /**
   * A fast look at a system: a fifth of the epochs, 100 trajectories for R², otherwise the
   * system's own protocol. Finishes a paper-sized system in seconds on two cores.
   */
  QUICK {
    @Override
    public Protocol apply(Protocol declared) {
      return declared.toBuilder()
          .contrastiveEpochs(Math.max(1, declared.contrastiveEpochs() / 5))
          .dynamicsEpochs(Math.max(1, declared.dynamicsEpochs() / 5))
          .r2Trajectories(Math.min(declared.r2Trajectories(), 100))
          .build();
    }
  };

  /** The protocol this preset gives for a system that declared {@code declared}. */
  public abstract Protocol apply(Protocol declared);
}
