/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.concernet.contrastive.LearnedInvariant;
import org.concernet.data.Rollout;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.latent.LearnedAutoencoder;
import org.concernet.nn.ModelStore;
import org.concernet.simulate.Rk4;
import org.tensorflow.types.TFloat64;

/**
 * The models one seed of an experiment trained, as objects a user can hold and test: the learned
 * invariant H, the baseline dynamics and the ConCerNet (projected) dynamics, and for a system
 * learned in the latent space of an autoencoder (paper eq. 6) the autoencoder, through which every
 * method here takes and returns original states.
 *
 * <pre>{@code
 * TrainedModels models = Experiment.train(new KeplerSystem(), protocol, 0);
 * Rollout rollout = models.rollout(x0, Protocol.linspace(0, 5, 501));
 * assertThat(rollout).conserves(models::invariant).within(1e-6);   // org.concernet.truth
 * }</pre>
 *
 * @param autoencoder the frozen autoencoder of a latent system, or empty: H and both dynamics
 *     models then act on the latent code z = E(x)
 */
public record TrainedModels(LearnedInvariant learnedInvariant, LearnedDynamics baseline, LearnedDynamics concernet,
    Optional<LearnedAutoencoder> autoencoder) {

  public TrainedModels {
    Objects.requireNonNull(autoencoder, "autoencoder");
  }

  /**
   * The models an experiment saved for one seed: {@code folder} is {@code <out>/models/seed-N},
   * holding {@code invariant}, {@code baseline}, {@code concernet} and, for a latent system,
   * {@code autoencoder}.
   *
   * @throws IOException naming the folder, if a model is missing or unreadable
   */
  public static TrainedModels load(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("no saved models in " + folder + ": not a folder (an experiment saves seed N's models"
          + " in <out>/models/seed-N)");
    }
    LearnedInvariant invariant = LearnedInvariant.load(folder.resolve("invariant"));
    LearnedDynamics baseline = LearnedDynamics.baseline(ModelStore.load(folder.resolve("baseline")).weights());
    LearnedDynamics concernet = LearnedDynamics.projected(ModelStore.load(folder.resolve("concernet")).weights(),
        invariant::weights);
    Path autoencoder = folder.resolve("autoencoder");
    return new TrainedModels(invariant, baseline, concernet,
        Files.isDirectory(autoencoder) ? Optional.of(LearnedAutoencoder.load(autoencoder)) : Optional.empty());
  }

  /** The models of a system learned in its full state space. */
  public TrainedModels(LearnedInvariant learnedInvariant, LearnedDynamics baseline, LearnedDynamics concernet) {
    this(learnedInvariant, baseline, concernet, Optional.empty());
  }

  /** The learned conserved quantities H(x) (H(E(x)) for a latent system), m values. */
  public double[] invariant(double[] x) {
    return learnedInvariant.value(autoencoder.map(ae -> ae.encode(x)).orElse(x));
  }

  /**
   * The ConCerNet vector field f̃(x), which keeps H constant; for a latent system the decoded field
   * (∂D/∂z) f̃(z) at z = E(x).
   */
  public double[] vectorField(double[] x) {
    if (autoencoder.isEmpty()) {
      return concernet.vectorField(x);
    }
    LearnedAutoencoder ae = autoencoder.get();
    double[] z = ae.encode(x);
    return ae.decodeJvp(z, concernet.vectorField(z));
  }

  /**
   * The ConCerNet model rolled out from {@code x0} at evenly spaced {@code times} (RK4, float64);
   * a latent system rolls out in z from E(x0) and is decoded at every time.
   */
  public Rollout rollout(double[] x0, double[] times) {
    return rollout(new double[][] {x0}, times);
  }

  /**
   * The ConCerNet model rolled out from every initial state at once, with the step halved until
   * the trajectories change by under 1% (DESIGN.md's step rule without a reference).
   */
  public Rollout rollout(double[][] initial, double[] times) {
    return rollout(concernet, initial, times);
  }

  /** The baseline model rolled out the same way, for comparison. */
  public Rollout baselineRollout(double[][] initial, double[] times) {
    return rollout(baseline, initial, times);
  }

  private Rollout rollout(LearnedDynamics model, double[][] initial, double[] times) {
    Rk4 rk4 = Rk4.builder(model).type(TFloat64.class).build();
    if (autoencoder.isEmpty()) {
      return rk4.converged(initial, times, Rk4.DEFAULT_TOLERANCE, Rk4.DEFAULT_MAX_SUBSTEPS).rollout();
    }
    LearnedAutoencoder ae = autoencoder.get();
    Rollout latent = rk4.converged(Experiment.encode(ae, initial), times, Rk4.DEFAULT_TOLERANCE,
        Rk4.DEFAULT_MAX_SUBSTEPS).rollout();
    return Experiment.decode(ae, latent, latent.substeps());
  }
}
