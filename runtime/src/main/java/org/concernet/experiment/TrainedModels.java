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
import org.concernet.latent.StateSpace;
import org.concernet.nn.ModelStore;
import org.concernet.simulate.Rk4;
import org.tensorflow.types.TFloat64;

/**
 * The models one seed of an experiment trained, as objects a user can hold and test: the learned
 * invariant H, the baseline dynamics and the ConCerNet (projected) dynamics, and the {@link
 * StateSpace} they act in. For a system learned in the latent space of an autoencoder (paper eq.
 * 6) every method here takes and returns original states: it encodes, acts in z and decodes.
 *
 * <pre>{@code
 * TrainedModels models = Experiment.train(new KeplerSystem(), protocol, 0);
 * Rollout rollout = models.rollout(x0, Protocol.linspace(0, 5, 501));
 * assertThat(rollout).conserves(models::invariant).within(1e-6);   // org.concernet.testing
 * }</pre>
 *
 * @param space the states H and both dynamics models act on: the system's own, or the latent code
 *     z = E(x) of a frozen autoencoder
 * @param scale the flow's scale for a single learned output ({@link InvariantScale}): H = g(h) in
 *     {@link #invariant} and {@link #invariantGradient}; empty: H is the network's output
 */
public record TrainedModels(LearnedInvariant learnedInvariant, LearnedDynamics baseline, LearnedDynamics concernet,
    StateSpace space, Optional<InvariantScale> scale) {
  private static final String AUTOENCODER = "autoencoder";

  public TrainedModels {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(scale, "scale");
    if (scale.isPresent() && learnedInvariant.outputSize() != 1) {
      throw new IllegalArgumentException("the flow's scale is for one learned output, H has "
          + learnedInvariant.outputSize());
    }
  }

  /** Models whose H is the network's output. */
  public TrainedModels(LearnedInvariant learnedInvariant, LearnedDynamics baseline, LearnedDynamics concernet,
      StateSpace space) {
    this(learnedInvariant, baseline, concernet, space, Optional.empty());
  }

  /** These models with H on the flow's scale {@code fitted} (empty: the network's output). */
  public TrainedModels withScale(Optional<InvariantScale> fitted) {
    return new TrainedModels(learnedInvariant, baseline, concernet, space, fitted);
  }

  /** The network's output h(x) (H before the flow's scale; equal to {@link #invariant} without one). */
  public double[] networkInvariant(double[] x) {
    return learnedInvariant.value(space.encode(x));
  }

  /** ∂h/∂x of the network's output, [n][m], as {@link #invariantGradient} without the flow's scale. */
  public double[][] networkInvariantGradient(double[] x) {
    return space.pullBack(x, learnedInvariant.gradient(space.encode(x)));
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
    Path autoencoder = folder.resolve(AUTOENCODER);
    StateSpace space = Files.isDirectory(autoencoder) ? StateSpace.of(LearnedAutoencoder.load(autoencoder))
        : Standardisation.load(folder).<StateSpace>map(z -> z).orElse(StateSpace.identity());
    return new TrainedModels(invariant, baseline, concernet, space, InvariantScale.load(folder));
  }

  /**
   * Saves the models into {@code folder} as {@link #load} reads them: each as a SavedModel with
   * its weights as JSON and its training provenance.
   */
  public void save(Path folder) throws IOException {
    if (space.autoencoder().isPresent()) {
      space.autoencoder().get().save(folder.resolve(AUTOENCODER));
    }
    if (space instanceof Standardisation z) {
      z.save(folder);
    }
    if (scale.isPresent()) {
      scale.get().save(folder);
    }
    learnedInvariant.save(folder.resolve("invariant"));
    ModelStore.save(folder.resolve("baseline"), baseline.weights(), baseline.training().orElse(null));
    ModelStore.save(folder.resolve("concernet"), concernet.weights(), concernet.training().orElse(null));
  }

  /** The frozen autoencoder of a system learned in its latent space, else empty. */
  public Optional<LearnedAutoencoder> autoencoder() {
    return space.autoencoder();
  }

  /**
   * The learned conserved quantities H(x) (H(E(x)) for a latent system), m values; on the flow's
   * scale g(h(x)) when the models have one.
   */
  public double[] invariant(double[] x) {
    double[] h = networkInvariant(x);
    return scale.isEmpty() ? h : new double[] {scale.get().apply(h[0])};
  }

  /**
   * ∂H/∂x at a state x of the system, [n][m]: ∇_z H at z = E(x) pulled back through the space
   * ({@link StateSpace#pullBack}): H's own gradient, divided by each state's std for standardised
   * states, the encoder's chain rule for a latent system; in closed form and double precision;
   * times g'(h) on the flow's scale.
   */
  public double[][] invariantGradient(double[] x) {
    double[][] g = networkInvariantGradient(x);
    if (scale.isPresent()) {
      double slope = scale.get().slope(learnedInvariant.value(space.encode(x))[0]);
      for (double[] row : g) {
        row[0] *= slope;
      }
    }
    return g;
  }

  /**
   * The ConCerNet vector field f̃(x), which keeps H constant; for a latent system the decoded field
   * (∂D/∂z) f̃(z) at z = E(x).
   */
  public double[] vectorField(double[] x) {
    double[] z = space.encode(x);
    return space.decodeVelocity(z, concernet.vectorField(z));
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
    return converged(concernet, initial, times, null).rollout();
  }

  /** The baseline model rolled out the same way, for comparison. */
  public Rollout baselineRollout(double[][] initial, double[] times) {
    return converged(baseline, initial, times, null).rollout();
  }

  /** {@code model} rolled out as {@link #converged} does, with {@code substeps} RK4 steps per interval. */
  Rollout rollout(LearnedDynamics model, double[][] initial, double[] times, int substeps) {
    return space.decode(rk4(model).rollout(space.encode(initial), times, substeps));
  }

  /** The float64 RK4 integrator of {@code model} that every rollout of this class uses. */
  private static Rk4 rk4(LearnedDynamics model) {
    return Rk4.builder(model).type(TFloat64.class).build();
  }

  /**
   * {@code model} (one of this seed's) rolled out in the space from the encoded {@code initial}
   * states and decoded at every time, with the step rule of DESIGN.md: against {@code truth} when
   * one is given (the evaluation), else against the halved step's own rollout.
   */
  Rk4.StepChoice converged(LearnedDynamics model, double[][] initial, double[] times, Rollout truth) {
    Rk4 rk4 = rk4(model);
    double[][] codes = space.encode(initial);
    return truth != null
        ? rk4.converged(codes, times, truth, space::decode, Rk4.DEFAULT_TOLERANCE, Rk4.DEFAULT_MAX_SUBSTEPS)
        : rk4.converged(codes, times, space::decode, Rk4.DEFAULT_TOLERANCE, Rk4.DEFAULT_MAX_SUBSTEPS);
  }
}
