/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.concernet.nn.Activation;
import org.concernet.protocol.Calibrate;
import org.concernet.protocol.Dissipation;
import org.concernet.protocol.DynamicsLoss;
import org.concernet.protocol.LearningRateSchedule;
import org.concernet.protocol.ProjectedNetwork;
import org.concernet.protocol.Standardise;

/**
 * Declares a dynamical system. The annotation processor generates {@code <Name>System}, an
 * implementation of {@code org.concernet.system.SystemSpec}, and {@code <Name>Experiment}, whose
 * {@code main} runs the whole ConCerNet pipeline for the system.
 *
 * <p>The attributes are the system's own experiment protocol: how much data to generate, how to
 * evaluate, and the networks to learn with. Every one can be overridden on the command line of the
 * generated experiment. Each attribute is a {@code org.concernet.protocol.Setting} of the same name,
 * where its meaning and default are declared; a test keeps the defaults here equal to those.
 *
 * <p>The class must be a top-level or static nested, non-abstract class with a no-argument
 * constructor that the generated code (in the same package) can call. It may extend another
 * {@code @DynamicalSystem} class: its annotated fields and methods are inherited (superclass
 * members first), and {@link #stateSizes()} resizes inherited array states.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DynamicalSystem {
  /** The system's name in results and reports; the class's simple name when empty. */
  String name() default "";

  /** Number of training trajectories (at least 2: contrastive learning compares trajectories). */
  int trajectories() default 50;

  /** Points sampled per trajectory, evenly spaced on [startTime, endTime] (at least 2). */
  int points() default 100;

  /** Start of the training time span. */
  double startTime() default 0.0;

  /** End of the training time span; must be greater than {@link #startTime()}. */
  double endTime() default 10.0;

  /** Standard deviation of the Gaussian observation noise added to states and derivatives. */
  double noise() default 0.01;

  /**
   * Savitzky–Golay window (odd, points) in which the training states are smoothed along time
   * before anything learns from them: noise in the states, unlike noise in the derivatives, biases
   * both H and the dynamics models. 0 (the default, {@code --smoothing-window auto}) takes, among the
   * windows of 5 to 25 points, the one whose smoothed states have the least estimated error (Stein's
   * unbiased risk estimate, from {@link #noise}), and applies it only when that error is below the
   * noise's variance in every coordinate: states that change fast between samples, noise-free data,
   * measured data and the states of a system with an {@link #autoencoder} are left as they are. 1
   * is none, as the paper. Measurements:
   * docs/generality.md ("Smoothing the training states").
   */
  int smoothingWindow() default 0;

  /**
   * Whether H and both dynamics models learn on standardised states, z_k = (x_k − mean_k) / std_k
   * over the training points, instead of the states as declared: the networks are initialised for
   * inputs of order one, and a state counted in hundreds saturates their tanh units. {@code AUTO}
   * (the default) standardises when the activation is tanh and some state's training points are far
   * from unit scale (root mean square above 10 or standard deviation below 0.01), {@code ON} always,
   * {@code OFF} never (the paper). Every figure is reported in the system's own units. See {@link
   * Standardise}; measurements: docs/generality.md ("States far from unit scale").
   */
  Standardise standardise() default Standardise.AUTO;

  /** Trajectories rolled out to measure MSE and conservation violation (the paper uses 10). */
  int evaluationTrajectories() default 10;

  /** Time points per evaluation rollout, on [0, evaluationHorizon] (the paper uses 1001). */
  int evaluationPoints() default 1001;

  /** Length of the evaluation rollouts. */
  double evaluationHorizon() default 10.0;

  /** Fresh noise-free trajectories used to measure R² of the learned invariant (the paper uses 500). */
  int r2Trajectories() default 500;

  /**
   * Number of learned conserved quantities m (the output width of the invariant network); 0 means
   * auto: the number is estimated from the data ({@code --latent auto}).
   */
  int latent() default 1;

  /** Hidden layer widths of the invariant and dynamics networks. */
  int[] hidden() default {100, 100};

  /** Activation of the hidden layers. */
  Activation activation() default Activation.TANH;

  /**
   * Epochs of contrastive (square ratio loss) training: 3000 (the paper: 1000). Measured on the
   * generality suite against 1000: the learned H is better conserved on every system, ConCerNet's
   * violation lower on seven of eight and its MSE on six (Hénon–Heiles moves below its baseline on
   * both); docs/generality.md ("Three times the contrastive epochs"). Measured systems keep 1000.
   */
  int contrastiveEpochs() default 3000;

  /** Trajectories per contrastive batch (at least 2). */
  int contrastiveBatch() default 10;

  /** Epochs of dynamics training (baseline and ConCerNet each). */
  int dynamicsEpochs() default 1000;

  /** Points per dynamics batch. */
  int dynamicsBatch() default 100;

  /** Adam's learning rate (of the first epoch of each stage); the paper's is 1e-3. */
  double learningRate() default 1e-3;

  /**
   * How the learning rate changes over the contrastive and dynamics epochs: the library's cosine
   * annealing, or the paper's constant rate.
   */
  LearningRateSchedule learningRateSchedule() default LearningRateSchedule.COSINE;

  /**
   * How both dynamics models are fitted: {@code DERIVATIVE} (the default, the paper's eq. 4: the field
   * regressed on the observed derivatives) or {@code SHOOTING} (the field integrated with RK4 over
   * segments of {@link #shootingSteps} observed steps from observed states and fitted to the observed
   * states; needs no derivatives). Measurements: docs/results.md.
   */
  DynamicsLoss dynamicsLoss() default DynamicsLoss.DERIVATIVE;

  /** Observed steps per segment of the shooting loss (with {@code dynamicsLoss = SHOOTING}). */
  int shootingSteps() default 4;

  /** RK4 steps per observed step in the shooting loss (with {@code dynamicsLoss = SHOOTING}). */
  int shootingSubsteps() default 1;

  /**
   * Weight α of the unprojected term in ConCerNet's dynamics loss (with {@code dynamicsLoss =
   * DERIVATIVE}): the network f inside the projection is also fitted to the derivatives, α · |f −
   * ẋ|² beside the projected |P f − ẋ|², so that f's component along ∇H, which the projection
   * removes, is the data's too rather than free. 0 (the default) is the paper's projected loss alone;
   * no effect with the shooting loss. Measurements: docs/generality.md ("The unprojected term").
   */
  double unprojectedWeight() default 0.0;

  /**
   * Weight λ of the derivative-alignment term beside the square ratio loss: λ · Σ(∇H·ẋ)²/|∇H|² /
   * Σ|ẋ|², the share of the data's flow along ∇H, which asks H to stay constant along the data's
   * derivatives. It joins the loss after the share {@link #alignmentStart} of the contrastive
   * epochs. 1 with a start of 0.5 (the defaults) was chosen against λ = 0.1 from the first epoch on
   * the generality suite (docs/generality.md); 0 is the paper's loss alone ({@code --preset paper}).
   */
  double alignmentWeight() default 1.0;

  /**
   * Share of the contrastive epochs, in [0, 1), trained with the square ratio loss alone before the
   * alignment term ({@link #alignmentWeight}) joins it: the paper's loss chooses which quantity H
   * is, and alignment then sharpens its level sets. 0.5 (the default): the second half of the
   * epochs is the refinement; 0: the term acts from the first epoch. No effect with {@code
   * alignmentWeight = 0}.
   */
  double alignmentStart() default 0.5;

  /**
   * Weight μ of the independence term for m = {@code latent} &gt; 1 learned outputs: each output then
   * has its own square ratio loss (their mean), plus μ · mean over points and pairs i &lt; j of
   * cos²(∇H_i, ∇H_j), which keeps the outputs functionally independent instead of m copies of one
   * quantity. 0 (the default) is the paper's joint loss on all outputs, which measured better on
   * the rigid body (docs/several-invariants.md); with one output it has no effect.
   */
  double independenceWeight() default 0.0;

  /**
   * For m = {@code latent} &gt; 1 learned outputs: output k's square ratio loss is taken on its
   * residual after a least-squares fit, within each batch, on the monomials of degree ≤ this in
   * the outputs before it, so no output can repeat (a function of) the ones before it
   * ({@code contrastive.DeflationLoss}). 0 (the default) is the paper's joint loss; with one output
   * it has no effect. Measured better than the joint loss on the rigid body and the isotropic
   * oscillator, not on Kepler with two outputs (docs/several-invariants.md).
   */
  int deflationDegree() default 0;

  /**
   * Weight ν of the volume barrier for m = {@code latent} &gt; 1 learned outputs: each output has its
   * own square ratio loss (their mean), plus ν · −log of the batch mean of det Ĝ, the Gram
   * determinant of the normalised output gradients ({@code contrastive.VolumeLoss}). It grows without
   * bound only as the outputs become functions of one another, so true invariants whose gradients
   * are nearly parallel in places cost little. 0.001 (the default) was measured against the joint
   * loss, deflation and ν = 0.01, 0.1 (docs/several-invariants.md); 0: none (with {@code
   * independenceWeight} and {@code deflationDegree} 0 too, the paper's joint loss); with one
   * output it has no effect.
   */
  double volumeWeight() default 0.001;

  /**
   * Newton steps after each RK4 step of a third evaluation model, ConCerNet held on the level set
   * of the learned invariants it started on (0, the default: no third model). See
   * {@code dynamics.LevelSetRollout}.
   */
  int levelSetNewton() default 0;

  /**
   * A third dynamics model for damped measurements: ConCerNet's projected field plus a learned term
   * along ∇H whose dH/dt is g(x) ≤ 0 exactly ({@code RATE} or {@code GRADIENT}, see {@link
   * Dissipation}); {@code NONE} (the default) trains none. Not the paper's ConCerNet; reported under
   * its own name. Measurements: docs/measured.md.
   */
  Dissipation dissipation() default Dissipation.NONE;

  /**
   * Whether a single learned H is reported on the flow's own scale: {@code AUTO} (the default)
   * reports H = g(h), g fitted so that |∇H| matches the speed |ẋ| on the training points, when that
   * fit is good (for a Hamiltonian system H is then its energy up to a constant); {@code OFF} the
   * network's output (the paper). The projection, which depends only on H's level sets, is the same
   * either way. See {@link Calibrate}; measurements: docs/generality.md ("H on the flow's scale").
   */
  Calibrate calibrate() default Calibrate.AUTO;

  /**
   * With one learned output and the refinement stage, for an even number n ≥ 4 of states declared
   * as positions, then their momenta in the same order, or each position followed by its momentum
   * (the data tell which): the weight η of a third ending of the
   * contrastive stage, the refinement plus η times the Hamiltonian term (∇H parallel to Jᵀẋ =
   * (−ṗ, q̇), which is the energy's gradient when the system is Hamiltonian in these coordinates, and
   * singles the energy out of other nearly conserved quantities); the ending whose H has the lowest
   * spread on validation trajectories is kept, so systems for which the relation does not hold keep
   * the refined H. 10 is the default; 0 (the paper): no third ending. See {@code
   * contrastive.HamiltonianLoss}; measurements: docs/generality.md ("The Hamiltonian ending").
   */
  double hamiltonianWeight() default 10.0;

  /**
   * Which trained network ConCerNet's projected model projects onto H's level sets: {@code AUTO}
   * (the default) the network trained through the projection (the paper's) or the baseline's
   * network, whichever has the lower rollout MSE once projected on the seed's validation trajectories
   * (generated, noise-free, over the training window, never the evaluation's; a tie, and measured
   * data, keep the paper's); {@code TRAINED} the paper's. Both keep H exactly; they differ in the
   * speed along its level sets. See {@link ProjectedNetwork}; measurements: docs/generality.md
   * ("Which network ConCerNet projects").
   */
  ProjectedNetwork projectedNetwork() default ProjectedNetwork.AUTO;

  /**
   * New sizes for array states this class inherits from another {@code @DynamicalSystem} class it
   * extends; empty (the default) keeps each {@code @State(size = …)}.
   */
  StateSize[] stateSizes() default {};

  /**
   * An autoencoder for high-dimensional states: learning then runs in its latent space. Empty
   * (the default) means none; at most one.
   */
  Autoencoder[] autoencoder() default {};
}
