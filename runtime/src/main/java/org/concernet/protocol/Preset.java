/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concernet.nn.Activation;

/**
 * Named protocol settings applied on top of a system's declared protocol. For the paper's four
 * systems (by name: SpringMass, ChemicalKinetics, Kepler, HeatEquation) {@link #PAPER} sets every
 * value of DESIGN.md's preset table; for any other system it keeps what is the system's own (data
 * sizes, time span, horizon, activation, autoencoder) and sets the method's settings, each
 * {@link Setting#paperValue()}.
 */
public enum Preset {
  /**
   * The paper's protocol (appendix B, as its public scripts ran it): networks of two hidden layers
   * of 100, one learned invariant, 1000 contrastive epochs on batches of 10 trajectories, dynamics
   * on batches of 100 points for 1000 epochs (200 on batches of 20 with an autoencoder), noise
   * 0.01, 10 evaluation rollouts of 1001 points, R² on 500 fresh trajectories, Adam with a constant
   * lr 1e-3.
   */
  PAPER {
    @Override
    public Protocol apply(String system, Protocol declared) {
      Protocol.Builder b = declared.toBuilder();
      PaperSystem known = PAPER_SYSTEMS.get(system);
      if (known != null) {
        b.trajectories(known.trajectories).points(known.points).startTime(0).endTime(known.endTime)
            .activation(known.activation).evaluationHorizon(known.horizon)
            .autoencoder(known.autoencoder ? Optional.of(new Protocol.AutoencoderSpec(9, List.of(32, 16), 200, 100))
                : Optional.empty());
      }
      for (Setting<?> setting : Setting.ALL) {
        setting.withPaperValue(b);
      }
      if (b.hasAutoencoder()) {
        b.dynamicsEpochs(200).dynamicsBatch(20);
      }
      return b.build();
    }
  },

  /**
   * A fast look at a system: a fifth of the epochs, 100 trajectories for R², otherwise the
   * system's own protocol. Finishes a paper-sized system in seconds on two cores.
   */
  QUICK {
    @Override
    public Protocol apply(String system, Protocol declared) {
      return declared.toBuilder()
          .contrastiveEpochs(Math.max(1, declared.contrastiveEpochs() / 5))
          .dynamicsEpochs(Math.max(1, declared.dynamicsEpochs() / 5))
          .r2Trajectories(Math.min(declared.r2Trajectories(), 100))
          .build();
    }
  };

  /**
   * The protocol this preset gives for the system named {@code system} that declared {@code
   * declared}.
   */
  public abstract Protocol apply(String system, Protocol declared);

  /** The per-system settings of the paper's four systems (DESIGN.md, "The paper preset"). */
  private record PaperSystem(int trajectories, int points, double endTime, Activation activation,
      double horizon, boolean autoencoder) {}

  private static final Map<String, PaperSystem> PAPER_SYSTEMS = Map.of(
      "SpringMass", new PaperSystem(25, 30, 3, Activation.TANH, 50, false),
      "ChemicalKinetics", new PaperSystem(50, 30, 3, Activation.RELU, 10, false),
      "Kepler", new PaperSystem(50, 100, 10, Activation.TANH, 5, false),
      "HeatEquation", new PaperSystem(100, 100, 10, Activation.TANH, 1, true));
}
