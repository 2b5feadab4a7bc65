/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

import java.util.List;
import java.util.Optional;
import org.concernet.nn.Activation;

/**
 * The experiment protocol of a system: data, networks, training and evaluation settings. Each
 * setting is declared once, with its meaning and default, in {@link Setting}. A system's protocol
 * comes from its {@code @DynamicalSystem} attributes ({@link #builder()} with the values it
 * changes); presets and the command line derive new protocols with {@link #toBuilder()}.
 *
 * @param trajectories training trajectories
 * @param points points per training trajectory
 * @param startTime start of the training time span
 * @param endTime end of the training time span
 * @param noise standard deviation of the observation noise on states and derivatives
 * @param smoothingWindow Savitzky–Golay window (odd, points) in which the training states are
 *     smoothed along time before anything learns from them: 0 chooses it from the data where that
 *     helps (generated data with noise; see {@code experiment.Smoothing}), 1 is none (the paper)
 * @param standardise whether the models learn on standardised states ({@link Standardise}; measured
 *     data are always standardised)
 * @param evaluationTrajectories rollouts for MSE and violation
 * @param evaluationPoints time points per rollout, on [0, evaluationHorizon]
 * @param evaluationHorizon rollout length
 * @param r2Trajectories fresh noise-free trajectories for R²
 * @param latent number m of learned conserved quantities; 0 (auto): estimated from the data
 *     ({@code eval.InvariantCount})
 * @param hidden hidden layer widths of the invariant and dynamics networks
 * @param activation hidden activation
 * @param contrastiveEpochs epochs of square-ratio-loss training
 * @param contrastiveBatch trajectories per contrastive batch
 * @param dynamicsEpochs epochs of dynamics training
 * @param dynamicsBatch points per dynamics batch
 * @param dynamicsLoss how the dynamics models are fitted: on derivatives (eq. 4) or by shooting
 * @param shootingSteps observed steps per shooting segment
 * @param shootingSubsteps RK4 steps per observed step in the shooting loss
 * @param unprojectedWeight α of the unprojected term in ConCerNet's dynamics loss: its network's own
 *     output f is also fitted to ẋ, α·|f − ẋ|² beside |P f − ẋ|² (0: the paper's projected loss alone;
 *     no effect with the shooting loss)
 * @param learningRate Adam learning rate (of the first epoch of each stage)
 * @param learningRateSchedule how the rate changes over a stage's epochs (contrastive and dynamics)
 * @param alignmentWeight λ of the derivative-alignment term beside the square ratio loss (0: the
 *     paper's loss alone)
 * @param alignmentStart share of the contrastive epochs, in [0, 1), trained with the square ratio
 *     loss alone before the alignment term joins it (0: from the first epoch)
 * @param independenceWeight μ of the independence term between several learned outputs (0: the
 *     paper's joint loss; no effect with one output)
 * @param deflationDegree for m &gt; 1 outputs: output k's square ratio loss is taken on its residual after a
 *     least-squares fit on the monomials of degree ≤ this in the outputs before it ({@code
 *     contrastive.DeflationLoss}); 0: the joint loss; no effect with one output
 * @param volumeWeight for m &gt; 1 outputs: ν of the volume barrier against outputs that are functions
 *     of one another ({@code contrastive.VolumeLoss}), with one square ratio loss per output; 0: none;
 *     no effect with one output
 * @param levelSetNewton Newton steps after each RK4 step of the level-set evaluation model (0: none)
 * @param dissipation a third dynamics model, ConCerNet's projection plus a learned, sign-constrained
 *     dH/dt ≤ 0 ({@link Dissipation}); {@code NONE} for no third model
 * @param calibrate whether a single learned H is reported on the flow's scale ({@link Calibrate})
 * @param hamiltonianWeight η of the Hamiltonian candidate of the refinement stage, for an even number
 *     n ≥ 4 of states (0: none; see {@code contrastive.HamiltonianLoss})
 * @param autoencoder the autoencoder, for high-dimensional systems
 */
public record Protocol(
    int trajectories,
    int points,
    double startTime,
    double endTime,
    double noise,
    int smoothingWindow,
    Standardise standardise,
    int evaluationTrajectories,
    int evaluationPoints,
    double evaluationHorizon,
    int r2Trajectories,
    int latent,
    List<Integer> hidden,
    Activation activation,
    int contrastiveEpochs,
    int contrastiveBatch,
    int dynamicsEpochs,
    int dynamicsBatch,
    DynamicsLoss dynamicsLoss,
    int shootingSteps,
    int shootingSubsteps,
    double unprojectedWeight,
    double learningRate,
    LearningRateSchedule learningRateSchedule,
    double alignmentWeight,
    double alignmentStart,
    double independenceWeight,
    int deflationDegree,
    double volumeWeight,
    int levelSetNewton,
    Dissipation dissipation,
    Calibrate calibrate,
    double hamiltonianWeight,
    ProjectedNetwork projectedNetwork,
    Optional<AutoencoderSpec> autoencoder) {

  /** The Adam learning rate of the paper. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  /** {@link #smoothingWindow()}'s value for a window chosen from the data. */
  public static final int AUTO_SMOOTHING = 0;

  /** The library's learning-rate schedule when a protocol names none. */
  public static final LearningRateSchedule DEFAULT_SCHEDULE = LearningRateSchedule.COSINE;

  /**
   * A builder holding every {@link Setting}'s default (the {@code @DynamicalSystem} defaults, no
   * autoencoder); the form generated code calls, naming only the settings it changes.
   */
  public static Builder builder() {
    return Setting.defaults();
  }

  public Protocol {
    hidden = List.copyOf(hidden);
    java.util.Objects.requireNonNull(learningRateSchedule, "learningRateSchedule");
    java.util.Objects.requireNonNull(dynamicsLoss, "dynamicsLoss");
    java.util.Objects.requireNonNull(dissipation, "dissipation");
    java.util.Objects.requireNonNull(standardise, "standardise");
    java.util.Objects.requireNonNull(calibrate, "calibrate");
    java.util.Objects.requireNonNull(projectedNetwork, "projectedNetwork");
    require(hamiltonianWeight >= 0 && Double.isFinite(hamiltonianWeight),
        "hamiltonianWeight must be finite and non-negative, was " + hamiltonianWeight);
    require(trajectories >= 2, "trajectories must be at least 2, was " + trajectories);
    require(points >= 2, "points must be at least 2, was " + points);
    require(endTime > startTime, "endTime (" + endTime + ") must exceed startTime (" + startTime + ")");
    require(noise >= 0 && Double.isFinite(noise), "noise must be finite and non-negative, was " + noise);
    require(smoothingWindow == AUTO_SMOOTHING || smoothingWindow == 1 || smoothingWindow >= 5 && smoothingWindow % 2 == 1,
        "smoothingWindow must be 0 (auto), 1 (none) or an odd number of points of at least 5, was " + smoothingWindow);
    require(evaluationTrajectories >= 1, "evaluationTrajectories must be at least 1, was " + evaluationTrajectories);
    require(evaluationPoints >= 2, "evaluationPoints must be at least 2, was " + evaluationPoints);
    require(evaluationHorizon > 0, "evaluationHorizon must be positive, was " + evaluationHorizon);
    require(r2Trajectories >= 1, "r2Trajectories must be at least 1, was " + r2Trajectories);
    require(latent >= 0, "latent must be at least 0 (0: estimate the number of invariants), was " + latent);
    long r2Points = (long) r2Trajectories * points;
    require(r2Points >= r2PointsNeeded(latent), "r2Trajectories × points = " + r2Points + " R² points are too few:"
        + " the cubic R² of " + latent + " learned output" + (latent == 1 ? "" : "s") + " needs at least "
        + r2PointsNeeded(latent) + "; raise r2Trajectories");
    require(!hidden.isEmpty() && hidden.stream().allMatch(w -> w >= 1), "hidden widths must be positive, were " + hidden);
    require(contrastiveEpochs >= 0, "contrastiveEpochs must be non-negative, was " + contrastiveEpochs);
    require(contrastiveBatch >= 2, "contrastiveBatch must be at least 2 trajectories, was " + contrastiveBatch);
    require(dynamicsEpochs >= 0, "dynamicsEpochs must be non-negative, was " + dynamicsEpochs);
    require(dynamicsBatch >= 1, "dynamicsBatch must be at least 1, was " + dynamicsBatch);
    require(shootingSteps >= 1, "shootingSteps must be at least 1, was " + shootingSteps);
    require(shootingSubsteps >= 1, "shootingSubsteps must be at least 1, was " + shootingSubsteps);
    require(unprojectedWeight >= 0 && Double.isFinite(unprojectedWeight),
        "unprojectedWeight must be finite and non-negative, was " + unprojectedWeight);
    require(learningRate > 0, "learningRate must be positive, was " + learningRate);
    require(alignmentWeight >= 0 && Double.isFinite(alignmentWeight),
        "alignmentWeight must be finite and non-negative, was " + alignmentWeight);
    require(alignmentStart >= 0 && alignmentStart < 1,
        "alignmentStart is a share of the contrastive epochs: it must be in [0, 1), was " + alignmentStart);
    require(independenceWeight >= 0 && Double.isFinite(independenceWeight),
        "independenceWeight must be finite and non-negative, was " + independenceWeight);
    require(volumeWeight >= 0 && Double.isFinite(volumeWeight),
        "volumeWeight must be finite and non-negative (0: no volume barrier), was " + volumeWeight);
    require(deflationDegree >= 0, "deflationDegree must be non-negative (0: the joint loss), was " + deflationDegree);
    require(levelSetNewton >= 0, "levelSetNewton must be non-negative, was " + levelSetNewton);
  }

  /**
   * A protocol whose dynamics models are fitted on derivatives (the paper's eq. 4): every setting but
   * {@code dynamicsLoss}, {@code shootingSteps}, {@code shootingSubsteps}, {@code alignmentStart} and
   * {@code dissipation}, which take their defaults.
   */
  public Protocol(int trajectories, int points, double startTime, double endTime, double noise,
      int evaluationTrajectories, int evaluationPoints, double evaluationHorizon, int r2Trajectories, int latent,
      List<Integer> hidden, Activation activation, int contrastiveEpochs, int contrastiveBatch, int dynamicsEpochs,
      int dynamicsBatch, double learningRate, LearningRateSchedule learningRateSchedule, double alignmentWeight,
      double independenceWeight, int levelSetNewton, Optional<AutoencoderSpec> autoencoder) {
    this(trajectories, points, startTime, endTime, noise, Setting.SMOOTHING_WINDOW.defaultValue().orElseThrow(),
        Setting.STANDARDISE.defaultValue().orElseThrow(), evaluationTrajectories, evaluationPoints, evaluationHorizon,
        r2Trajectories, latent, hidden, activation, contrastiveEpochs, contrastiveBatch, dynamicsEpochs, dynamicsBatch,
        Setting.DYNAMICS_LOSS.defaultValue().orElseThrow(), Setting.SHOOTING_STEPS.defaultValue().orElseThrow(),
        Setting.SHOOTING_SUBSTEPS.defaultValue().orElseThrow(), Setting.UNPROJECTED_WEIGHT.defaultValue().orElseThrow(),
        learningRate, learningRateSchedule, alignmentWeight,
        Setting.ALIGNMENT_START.defaultValue().orElseThrow(), independenceWeight,
        Setting.DEFLATION_DEGREE.defaultValue().orElseThrow(),
        Setting.VOLUME_WEIGHT.defaultValue().orElseThrow(), levelSetNewton,
        Setting.DISSIPATION.defaultValue().orElseThrow(), Setting.CALIBRATE.defaultValue().orElseThrow(),
        Setting.HAMILTONIAN_WEIGHT.defaultValue().orElseThrow(), Setting.PROJECTED_NETWORK.defaultValue().orElseThrow(),
        autoencoder);
  }

  /** A protocol with every setting but {@code dissipation}, which takes its default ({@link Dissipation#NONE}). */
  public Protocol(int trajectories, int points, double startTime, double endTime, double noise,
      int evaluationTrajectories, int evaluationPoints, double evaluationHorizon, int r2Trajectories, int latent,
      List<Integer> hidden, Activation activation, int contrastiveEpochs, int contrastiveBatch, int dynamicsEpochs,
      int dynamicsBatch, DynamicsLoss dynamicsLoss, int shootingSteps, int shootingSubsteps, double learningRate,
      LearningRateSchedule learningRateSchedule, double alignmentWeight, double alignmentStart,
      double independenceWeight, int levelSetNewton, Optional<AutoencoderSpec> autoencoder) {
    this(trajectories, points, startTime, endTime, noise, Setting.SMOOTHING_WINDOW.defaultValue().orElseThrow(),
        Setting.STANDARDISE.defaultValue().orElseThrow(), evaluationTrajectories, evaluationPoints, evaluationHorizon,
        r2Trajectories, latent, hidden, activation, contrastiveEpochs, contrastiveBatch, dynamicsEpochs, dynamicsBatch,
        dynamicsLoss, shootingSteps, shootingSubsteps, Setting.UNPROJECTED_WEIGHT.defaultValue().orElseThrow(),
        learningRate, learningRateSchedule, alignmentWeight,
        alignmentStart, independenceWeight, Setting.DEFLATION_DEGREE.defaultValue().orElseThrow(),
        Setting.VOLUME_WEIGHT.defaultValue().orElseThrow(), levelSetNewton,
        Setting.DISSIPATION.defaultValue().orElseThrow(), Setting.CALIBRATE.defaultValue().orElseThrow(),
        Setting.HAMILTONIAN_WEIGHT.defaultValue().orElseThrow(), Setting.PROJECTED_NETWORK.defaultValue().orElseThrow(),
        autoencoder);
  }

  /**
   * Points the R² figures need with m learned outputs: the cubic fit ({@code RSquared.cubic}) has
   * C(m + 3, 3) − 1 terms, plus an intercept and one more point.
   */
  public static long r2PointsNeeded(int m) {
    return (long) (m + 1) * (m + 2) * (m + 3) / 6 + 1;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The training time points: {@code linspace(startTime, endTime, points)}. */
  public double[] trainingTimes() {
    return linspace(startTime, endTime, points);
  }

  /** The evaluation time points: {@code linspace(0, evaluationHorizon, evaluationPoints)}. */
  public double[] evaluationTimes() {
    return linspace(0.0, evaluationHorizon, evaluationPoints);
  }

  /** {@code count} evenly spaced values from {@code start} to {@code end} inclusive, like numpy. */
  public static double[] linspace(double start, double end, int count) {
    double[] values = new double[count];
    double step = (end - start) / (count - 1);
    for (int i = 0; i < count; i++) {
      values[i] = start + i * step;
    }
    values[count - 1] = end;
    return values;
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** An autoencoder's shape and training settings. */
  public record AutoencoderSpec(int latent, List<Integer> hidden, int epochs, int batch) {
    public AutoencoderSpec {
      hidden = List.copyOf(hidden);
      require(latent >= 1, "autoencoder latent size must be at least 1, was " + latent);
      require(epochs >= 0, "autoencoder epochs must be non-negative, was " + epochs);
      require(batch >= 1, "autoencoder batch must be at least 1, was " + batch);
    }
  }

  /** Derives a protocol with some settings changed. */
  public static final class Builder {
    private int trajectories;
    private int points;
    private double startTime;
    private double endTime;
    private double noise;
    private int smoothingWindow;
    private Standardise standardise;
    private int evaluationTrajectories;
    private int evaluationPoints;
    private double evaluationHorizon;
    private int r2Trajectories;
    private int latent;
    private List<Integer> hidden;
    private Activation activation;
    private int contrastiveEpochs;
    private int contrastiveBatch;
    private int dynamicsEpochs;
    private int dynamicsBatch;
    private DynamicsLoss dynamicsLoss;
    private int shootingSteps;
    private int shootingSubsteps;
    private double unprojectedWeight;
    private double learningRate;
    private LearningRateSchedule learningRateSchedule;
    private double alignmentWeight;
    private double alignmentStart;
    private double independenceWeight;
    private int deflationDegree;
    private double volumeWeight;
    private int levelSetNewton;
    private Dissipation dissipation;
    private Calibrate calibrate;
    private double hamiltonianWeight;
    private ProjectedNetwork projectedNetwork;
    private Optional<AutoencoderSpec> autoencoder;

    private Builder() {
      autoencoder = Optional.empty();
    }

    /** A builder with nothing set, for {@link Setting#defaults()}. */
    static Builder empty() {
      return new Builder();
    }

    /** A builder holding every setting of {@code p}, copied through {@link Setting#ALL}. */
    private Builder(Protocol p) {
      for (Setting<?> setting : Setting.ALL) {
        if (setting.group().isEmpty()) {
          setting.copy(p, this);
        }
      }
      autoencoder = p.autoencoder;
    }

    public Builder trajectories(int v) { trajectories = v; return this; }
    public Builder points(int v) { points = v; return this; }
    public Builder startTime(double v) { startTime = v; return this; }
    public Builder endTime(double v) { endTime = v; return this; }
    public Builder noise(double v) { noise = v; return this; }
    public Builder smoothingWindow(int v) { smoothingWindow = v; return this; }
    public Builder standardise(Standardise v) { standardise = v; return this; }
    public Builder evaluationTrajectories(int v) { evaluationTrajectories = v; return this; }
    public Builder evaluationPoints(int v) { evaluationPoints = v; return this; }
    public Builder evaluationHorizon(double v) { evaluationHorizon = v; return this; }
    public Builder r2Trajectories(int v) { r2Trajectories = v; return this; }
    public Builder latent(int v) { latent = v; return this; }
    public Builder hidden(List<Integer> v) { hidden = v; return this; }
    public Builder activation(Activation v) { activation = v; return this; }
    public Builder contrastiveEpochs(int v) { contrastiveEpochs = v; return this; }
    public Builder contrastiveBatch(int v) { contrastiveBatch = v; return this; }
    public Builder dynamicsEpochs(int v) { dynamicsEpochs = v; return this; }
    public Builder dynamicsBatch(int v) { dynamicsBatch = v; return this; }
    public Builder dynamicsLoss(DynamicsLoss v) { dynamicsLoss = v; return this; }
    public Builder shootingSteps(int v) { shootingSteps = v; return this; }
    public Builder shootingSubsteps(int v) { shootingSubsteps = v; return this; }
    public Builder unprojectedWeight(double v) { unprojectedWeight = v; return this; }
    public Builder learningRate(double v) { learningRate = v; return this; }
    public Builder learningRateSchedule(LearningRateSchedule v) { learningRateSchedule = v; return this; }
    public Builder alignmentWeight(double v) { alignmentWeight = v; return this; }
    public Builder alignmentStart(double v) { alignmentStart = v; return this; }
    public Builder independenceWeight(double v) { independenceWeight = v; return this; }
    public Builder deflationDegree(int v) { deflationDegree = v; return this; }
    public Builder volumeWeight(double v) { volumeWeight = v; return this; }
    public Builder levelSetNewton(int v) { levelSetNewton = v; return this; }
    public Builder dissipation(Dissipation v) { dissipation = v; return this; }
    public Builder calibrate(Calibrate v) { calibrate = v; return this; }
    public Builder hamiltonianWeight(double v) { hamiltonianWeight = v; return this; }
    public Builder projectedNetwork(ProjectedNetwork v) { projectedNetwork = v; return this; }
    public Builder autoencoder(Optional<AutoencoderSpec> v) { autoencoder = v; return this; }
    public Builder autoencoder(AutoencoderSpec v) { return autoencoder(Optional.of(v)); }

    /**
     * An autoencoder with latent size {@code latent} and the other {@link Setting}s of the
     * autoencoder at their defaults (the {@code @Autoencoder} defaults); change them by name after.
     */
    public Builder autoencoder(int latent) {
      return autoencoder(new AutoencoderSpec(latent, Setting.AUTOENCODER_HIDDEN.defaultValue().orElseThrow(),
          Setting.AUTOENCODER_EPOCHS.defaultValue().orElseThrow(), Setting.AUTOENCODER_BATCH.defaultValue().orElseThrow()));
    }

    public Builder autoencoderLatent(int v) { AutoencoderSpec a = ae(); return autoencoder(new AutoencoderSpec(v, a.hidden(), a.epochs(), a.batch())); }
    public Builder autoencoderHidden(List<Integer> v) { AutoencoderSpec a = ae(); return autoencoder(new AutoencoderSpec(a.latent(), v, a.epochs(), a.batch())); }
    public Builder autoencoderEpochs(int v) { AutoencoderSpec a = ae(); return autoencoder(new AutoencoderSpec(a.latent(), a.hidden(), v, a.batch())); }
    public Builder autoencoderBatch(int v) { AutoencoderSpec a = ae(); return autoencoder(new AutoencoderSpec(a.latent(), a.hidden(), a.epochs(), v)); }

    /** Whether the protocol being built has an autoencoder, whose settings can then be changed. */
    public boolean hasAutoencoder() {
      return autoencoder.isPresent();
    }

    private AutoencoderSpec ae() {
      return autoencoder.orElseThrow(() -> new IllegalStateException(
          "the protocol has no autoencoder, so its settings cannot be changed"));
    }

    public Protocol build() {
      return new Protocol(trajectories, points, startTime, endTime, noise, smoothingWindow, standardise,
          evaluationTrajectories,
          evaluationPoints, evaluationHorizon, r2Trajectories, latent, hidden, activation,
          contrastiveEpochs, contrastiveBatch, dynamicsEpochs, dynamicsBatch, dynamicsLoss, shootingSteps,
          shootingSubsteps, unprojectedWeight, learningRate, learningRateSchedule, alignmentWeight, alignmentStart,
          independenceWeight, deflationDegree, volumeWeight, levelSetNewton, dissipation, calibrate, hamiltonianWeight, projectedNetwork,
          autoencoder);
    }
  }
}
