/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.Locale;
import org.apache.commons.math3.stat.StatUtils;
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.eval.Mse;
import org.concernet.latent.StateSpace;
import org.concernet.protocol.ProjectedNetwork;
import org.concernet.protocol.Protocol;
import org.concernet.simulate.Rk4;

/**
 * Which network ConCerNet's projected model projects ({@code protocol.ProjectedNetwork.AUTO}): the
 * one trained through the projection (the paper's) or the baseline's, each projected onto the same
 * learned H and rolled out from the first states of the seed's validation trajectories (at most
 * {@value #MAX_TRAJECTORIES}) over their window. The baseline's network is kept only when it is
 * clearly the better one: its mean MSE against those trajectories lower by at least {@value #Z}
 * standard errors of the paired per-trajectory differences; otherwise, and on a tie, the paper's.
 * Both hold H exactly; the choice is about the speed along its level sets, which a network trained
 * through the projection learns worse on some systems (docs/generality.md, "Which network ConCerNet
 * projects").
 *
 * @param keptBaseline whether the baseline's network was kept
 * @param trainedMse the validation MSE of the network trained through the projection, projected
 * @param baselineMse the validation MSE of the baseline's network, projected
 * @param z the mean per-trajectory difference (trained − baseline) over its standard error ({@link
 *     #pairedZ}): +∞ when only the trained network's rollouts blew up, −∞ when only the baseline's, NaN
 *     when both did
 * @param trajectories the number of validation trajectories
 * @param seconds the time of both rollouts
 */
record NetworkChoice(boolean keptBaseline, double trainedMse, double baselineMse, double z, int trajectories,
    double seconds) {
  /** Key of the choice's line in a seed's notes. */
  static final String KEY = "projectedNetwork";

  /** The most validation trajectories the choice rolls out: the first this many of the seed's. */
  static final int MAX_TRAJECTORIES = 100;

  /** Standard errors by which the baseline's network must be better to be kept. */
  static final double Z = 2.0;

  /**
   * Whether the choice is made: {@code projectedNetwork = auto}, generated data (measured data have no
   * validation trajectories), at least one learned output and no autoencoder (latent codes keep the
   * paper's network: not measured).
   */
  static boolean applies(Protocol protocol, int outputs, boolean autoencoder, boolean generated) {
    return protocol.projectedNetwork() == ProjectedNetwork.AUTO && generated && outputs >= 1 && !autoencoder;
  }

  static boolean applies(Protocol protocol, int outputs, StateSpace space, boolean generated) {
    return applies(protocol, outputs, space.autoencoder().isPresent(), generated);
  }

  /**
   * The choice for {@code models} (ConCerNet's model the network trained through the projection) on
   * {@code validation} (system states), and the models with ConCerNet's model the one it kept. The
   * trained network's rollout takes the step rule's substeps against the trajectories; the baseline's
   * uses the same.
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
    Rk4.StepChoice trained = models.converged(models.concernet(), initial, truth.times(), truth);
    Rollout baseline = models.rollout(baselineProjected, initial, truth.times(), trained.substeps());
    double[] t = Mse.perTrajectory(truth, trained.rollout());
    double[] b = Mse.perTrajectory(truth, baseline);
    double z = pairedZ(t, b);
    boolean keep = z >= Z;
    // the mean of the per-trajectory MSE is the MSE over all of them (Mse.perTrajectory)
    NetworkChoice choice = new NetworkChoice(keep, StatUtils.mean(t), StatUtils.mean(b), z, count,
        (System.nanoTime() - started) / 1e9);
    return new Chosen(choice, keep ? new TrainedModels(models.learnedInvariant(), models.baseline(), baselineProjected,
        models.space(), models.scale()) : models);
  }

  /**
   * The mean of the paired differences t_i − b_i over its standard error (the differences' sample
   * standard deviation over √N): +∞ when some t_i is not finite and every b_i is, −∞ the other way
   * round, NaN when both blew up; 0 for identical rollouts.
   */
  static double pairedZ(double[] t, double[] b) {
    boolean trainedFinite = java.util.Arrays.stream(t).allMatch(Double::isFinite);
    boolean baselineFinite = java.util.Arrays.stream(b).allMatch(Double::isFinite);
    if (!trainedFinite || !baselineFinite) {
      return trainedFinite ? Double.NEGATIVE_INFINITY : baselineFinite ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    int n = t.length;
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += (t[i] - b[i]) / n;
    }
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double d = t[i] - b[i] - mean;
      squares += d * d;
    }
    double standardError = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1) / n);
    if (standardError == 0) {
      return mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean);
    }
    return mean / standardError;
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

  /** One line: which network was kept, both validation MSE and how far apart they are. */
  String describe() {
    String standardErrors = Double.isInfinite(z) ? (z > 0 ? "∞" : "−∞") : String.format(Locale.ROOT, "%.1f", z);
    String apart = String.format(Locale.ROOT, "the paired difference is %s standard errors; the baseline's is kept"
        + " from %.0f", standardErrors, Z);
    return keptBaseline
        ? String.format(Locale.ROOT, "ConCerNet projects the baseline's network: rollout MSE on %d validation"
            + " trajectories %.3e, against %.3e for the network trained through the projection (%s)", trajectories,
            baselineMse, trainedMse, apart)
        : String.format(Locale.ROOT, "ConCerNet projects the network trained through the projection (the paper's):"
            + " rollout MSE on %d validation trajectories %.3e, against %.3e for the baseline's network (%s)",
            trajectories, trainedMse, baselineMse, apart);
  }
}
