/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.Locale;
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.eval.Mse;
import org.concernet.latent.StateSpace;
import org.concernet.protocol.ProjectedNetwork;
import org.concernet.protocol.Protocol;

/**
 * Which network ConCerNet's projected model projects ({@code protocol.ProjectedNetwork.AUTO}): the
 * one trained through the projection (the paper's) or the baseline's, each projected onto the same
 * learned H and rolled out from the first states of the seed's validation trajectories (at most
 * {@value #MAX_TRAJECTORIES}) over their window; the lower MSE against those trajectories wins, a tie
 * keeps the paper's. Both hold H
 * exactly; the choice is about the speed along its level sets, which a network trained through the
 * projection learns worse on some systems (docs/generality.md, "Which network ConCerNet projects").
 *
 * @param keptBaseline whether the baseline's network was kept
 * @param trainedMse the validation MSE of the network trained through the projection, projected
 * @param baselineMse the validation MSE of the baseline's network, projected
 * @param trajectories the number of validation trajectories
 * @param seconds the time of both rollouts
 */
record NetworkChoice(boolean keptBaseline, double trainedMse, double baselineMse, int trajectories, double seconds) {
  /** Key of the choice's line in a seed's notes. */
  static final String KEY = "projectedNetwork";

  /** The most validation trajectories the choice rolls out: the first this many of the seed's. */
  static final int MAX_TRAJECTORIES = 100;

  /**
   * Whether the choice is made: {@code projectedNetwork = auto}, generated data (measured data have no
   * validation trajectories), one learned output and no autoencoder (several outputs and latent codes
   * keep the paper's network: not measured).
   */
  static boolean applies(Protocol protocol, int outputs, boolean autoencoder, boolean generated) {
    return protocol.projectedNetwork() == ProjectedNetwork.AUTO && generated && outputs == 1 && !autoencoder;
  }

  static boolean applies(Protocol protocol, int outputs, StateSpace space, boolean generated) {
    return applies(protocol, outputs, space.autoencoder().isPresent(), generated);
  }

  /**
   * The choice for {@code models} (ConCerNet's model the network trained through the projection) on
   * {@code validation} (system states), and the models with ConCerNet's model the one it kept.
   */
  static Chosen of(TrainedModels models, Trajectories validation) {
    long started = System.nanoTime();
    int count = Math.min(validation.count(), MAX_TRAJECTORIES);
    double[][][] states = new double[count][validation.length()][];
    double[][] initial = new double[count][];
    for (int i = 0; i < count; i++) {
      initial[i] = validation.state(i, 0);
      for (int t = 0; t < validation.length(); t++) {
        states[i][t] = validation.state(i, t);
      }
    }
    Rollout truth = new Rollout(validation.times(0), states, 1);
    LearnedDynamics baselineProjected = projected(models.baseline(), models.concernet());
    double trained = Mse.of(truth, models.converged(models.concernet(), initial, truth.times(), truth).rollout());
    double baseline = Mse.of(truth, models.converged(baselineProjected, initial, truth.times(), truth).rollout());
    boolean keep = Double.isNaN(trained) ? Double.isFinite(baseline) : baseline < trained;
    NetworkChoice choice = new NetworkChoice(keep, trained, baseline, count,
        (System.nanoTime() - started) / 1e9);
    return new Chosen(choice, keep ? new TrainedModels(models.learnedInvariant(), models.baseline(), baselineProjected,
        models.space(), models.scale()) : models);
  }

  /** The choice and the models with ConCerNet's model the kept one. */
  record Chosen(NetworkChoice choice, TrainedModels models) {}

  /**
   * {@code baseline}'s network projected onto the H of {@code concernet}, with the baseline's training
   * as its provenance (saved as ConCerNet's model, it says how its network was trained).
   */
  static LearnedDynamics projected(LearnedDynamics baseline, LearnedDynamics concernet) {
    return new LearnedDynamics(baseline.weights(), concernet.invariant().orElseThrow(), baseline.training().orElse(null));
  }

  /** One line: which network was kept, and both validation MSE. */
  String describe() {
    return keptBaseline
        ? String.format(Locale.ROOT, "ConCerNet projects the baseline's network: rollout MSE on %d validation"
            + " trajectories %.3e, against %.3e for the network trained through the projection", trajectories,
            baselineMse, trainedMse)
        : String.format(Locale.ROOT, "ConCerNet projects the network trained through the projection (the paper's):"
            + " rollout MSE on %d validation trajectories %.3e, against %.3e for the baseline's network", trajectories,
            trainedMse, baselineMse);
  }
}
