/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.contrastive.InvariantFunction;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Dissipation;
import org.concernet.protocol.DynamicsLoss;
import org.concernet.protocol.LearningRateSchedule;
import org.concernet.protocol.Protocol;
import org.concernet.training.Adam;
import org.concernet.training.Checkpoints;
import org.concernet.training.EpochLoop;
import org.concernet.training.ProgressListener;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Learns a vector field f(x) from observed pairs (x, ẋ) with the dynamics loss of the paper (eq. 4):
 * mean over a batch of points of ‖f̃(x) − ẋ‖², where f̃ = f for the baseline and f̃ is f projected
 * with a frozen invariant H (eq. 3) for ConCerNet. Adam ({@link Adam}, PyTorch's constants),
 * mini-batches of points reshuffled every epoch.
 *
 * <p>Reproducible: the initial weights and every epoch's permutation come from the seed, sessions
 * run on one thread, so the same seed and data give bit-identical weights. The baseline and the
 * projected model of one seed start from the same weights and see the same batches.
 *
 * <p>Fast: all points (and, for the projected model, the projector I − UUᵀ of the frozen H at
 * every point, computed once in double precision) are constants of the graph; a step feeds only
 * the batch's indices and runs on the caller's thread; no graph node is created while training.
 */
public final class DynamicsLearner {
  /** Progress stage names. */
  public static final String BASELINE_STAGE = "dynamics (baseline)";
  public static final String PROJECTED_STAGE = "dynamics (concernet)";
  public static final String DISSIPATIVE_STAGE = "dynamics (dissipative)";

  private final List<Integer> hidden;
  private final Activation activation;
  private final int epochs;
  private final int batch;
  private final double learningRate;
  private final LearningRateSchedule learningRateSchedule;
  private final long seed;
  private final Class<? extends TNumber> type;
  private final ProgressListener listener;
  private final Checkpoints checkpoints;
  private final DynamicsLoss loss;
  private final int shootingSteps;
  private final int shootingSubsteps;
  private final double unprojectedWeight;

  private DynamicsLearner(Builder b) {
    this.hidden = List.copyOf(b.hidden);
    this.activation = b.activation;
    this.epochs = b.epochs;
    this.batch = b.batch;
    this.learningRate = b.learningRate;
    this.learningRateSchedule = b.learningRateSchedule;
    this.seed = b.seed;
    this.type = b.type;
    this.listener = b.listener;
    this.checkpoints = b.checkpoints;
    this.loss = b.loss;
    this.shootingSteps = b.shootingSteps;
    this.shootingSubsteps = b.shootingSubsteps;
    this.unprojectedWeight = b.unprojectedWeight;
  }

  /** The paper's defaults: tanh 2 × 100, 1000 epochs, batches of 100 points, lr 1e-3, float32, seed 0. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings from a protocol: hidden, activation, dynamics epochs and batch, learning rate and its
   * schedule, the loss and the unprojected term's weight.
   */
  public static Builder builder(Protocol protocol) {
    return new Builder()
        .hidden(protocol.hidden())
        .activation(protocol.activation())
        .epochs(protocol.dynamicsEpochs())
        .batch(protocol.dynamicsBatch())
        .learningRate(protocol.learningRate())
        .learningRateSchedule(protocol.learningRateSchedule())
        .loss(protocol.dynamicsLoss())
        .shooting(protocol.shootingSteps(), protocol.shootingSubsteps())
        .unprojectedWeight(protocol.unprojectedWeight());
  }

  public long seed() {
    return seed;
  }

  /** The network f before training: drawn from the seed, the same for baseline and projected. */
  public MlpWeights initialWeights(int dimension) {
    return MlpWeights.initialize(dimension, hidden, dimension, activation, new SplittableRandom(seed).split());
  }

  /** Trains the baseline f on every point (x, ẋ) of {@code data}. */
  public LearnedDynamics trainBaseline(Trajectories data) {
    return train(data, null);
  }

  /** Trains ConCerNet's projected f̃ with the frozen invariant {@code invariant}. */
  public LearnedDynamics trainProjected(Trajectories data, InvariantFunction invariant) {
    return train(data, invariant);
  }

  /**
   * Trains the third, dissipative model ({@link DissipativeTerm}): ConCerNet's projected f plus a
   * learned term along ∇H of the frozen {@code invariant} whose dH/dt is g(x) ≤ 0, both networks
   * fitted together by the same loss as the other two models. f starts from the same weights and sees
   * the same batches as the baseline and ConCerNet.
   *
   * @throws IllegalArgumentException for {@code form} {@code NONE} or an invariant with several outputs
   */
  public LearnedDynamics trainDissipative(Trajectories data, InvariantFunction invariant, Dissipation form) {
    if (form == Dissipation.NONE) {
      throw new IllegalArgumentException("the dissipative model needs a dissipation form (rate or gradient), not none");
    }
    MlpWeights oriented = DissipativeTerm.orient(invariant.weights(), data);
    if (loss == DynamicsLoss.SHOOTING) {
      return trainTyped(type, data.statesFlat(), null, data.dimension(), oriented, form,
          ShootingLoss.Segments.of(data, shootingSteps), data);
    }
    if (!data.hasDerivatives()) {
      throw new IllegalArgumentException("dynamics learning needs observed derivatives; these trajectories carry none");
    }
    return trainTyped(type, data.statesFlat(), data.derivativesFlat(), data.dimension(), oriented, form, null, data);
  }

  /**
   * Trains on flat arrays: {@code states} and {@code derivatives} hold P × n values, point-major.
   *
   * @param invariant the frozen H, or {@code null} for the baseline
   */
  public LearnedDynamics train(double[] states, double[] derivatives, int dimension, InvariantFunction invariant) {
    if (dimension < 1 || states.length % dimension != 0 || states.length == 0) {
      throw new IllegalArgumentException("states hold " + states.length + " values, not a positive multiple of " + dimension);
    }
    if (derivatives.length != states.length) {
      throw new IllegalArgumentException("derivatives hold " + derivatives.length + " values for " + states.length + " state values");
    }
    return trainTyped(type, states, derivatives, dimension, invariant == null ? null : invariant.weights(),
        Dissipation.NONE, null, null);
  }

  private LearnedDynamics train(Trajectories data, InvariantFunction invariant) {
    if (loss == DynamicsLoss.SHOOTING) {
      return trainTyped(type, data.statesFlat(), null, data.dimension(), invariant == null ? null : invariant.weights(),
          Dissipation.NONE, ShootingLoss.Segments.of(data, shootingSteps), null);
    }
    if (!data.hasDerivatives()) {
      throw new IllegalArgumentException("dynamics learning needs observed derivatives; these trajectories carry none");
    }
    return train(data.statesFlat(), data.derivativesFlat(), data.dimension(), invariant);
  }

  /**
   * Trains on pointwise derivatives, or with {@code segments} (not null) on the shooting loss; a
   * dissipative model ({@code form} not NONE) also fits its rate to H's change along {@code windows}.
   */
  private <T extends TNumber> LearnedDynamics trainTyped(Class<T> dtype, double[] states, double[] derivatives,
      int n, MlpWeights invariant, Dissipation form, ShootingLoss.Segments segments, Trajectories windows) {
    boolean dissipative = form != Dissipation.NONE;
    String stage = invariant == null ? BASELINE_STAGE : dissipative ? DISSIPATIVE_STAGE : PROJECTED_STAGE;
    long started = System.nanoTime();
    int points = states.length / n;
    SplittableRandom root = new SplittableRandom(seed);
    MlpWeights init = MlpWeights.initialize(n, hidden, n, activation, root.split());
    SplittableRandom shuffle = root.split();
    // drawn after f's weights and the batch order, which stay those of the other two models
    MlpWeights rateInit = dissipative
        ? MlpWeights.initialize(n, DissipativeTerm.hidden(), 1, activation, root.split()) : null;
    double[] directions = dissipative && segments == null ? DissipativeTerm.directionsAt(form, states, n, invariant) : null;
    double[] projectors = invariant == null || segments != null ? null : projectorsAt(states, n, invariant);

    try (Graph graph = new Graph(); Session session = Sessions.open(graph)) {
      Ops tf = Ops.create(graph);
      Operand<T> x = constant(tf, dtype, Shape.of(points, n), states);
      Placeholder<TInt32> index = tf.withName("batch_index").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TInt32> axis = tf.constant(0);
      Mlp<T> f = Mlp.trainable(tf, "dynamics", init, dtype);
      Mlp<T> d = dissipative ? Mlp.trainable(tf, "dissipation", rateInit, dtype) : null;
      List<org.tensorflow.op.core.Variable<T>> variables = new java.util.ArrayList<>(f.variables());
      if (d != null) {
        variables.addAll(d.variables());
      }
      Operand<T> loss;
      int[] sizes;
      int size;
      if (segments == null) {
        Operand<T> y = constant(tf, dtype, Shape.of(points, n), derivatives);
        Operand<T> xb = tf.gather(x, index, axis);
        Operand<T> out = f.apply(xb);
        Operand<T> unprojected = out;
        if (invariant != null) {
          // f̃ = (I − UUᵀ) f with the projector of each point precomputed: three ops per step
          Operand<T> projector = constant(tf, dtype, Shape.of(points, n, n), projectors);
          out = tf.reduceSum(tf.math.mul(tf.expandDims(out, tf.constant(1)), tf.gather(projector, index, axis)),
              tf.constant(2));
        }
        if (d != null) {
          // + r(x)·u with u = ∇H/|∇H|² or ∇H precomputed per point (H is frozen)
          Operand<T> direction = constant(tf, dtype, Shape.of(points, n), directions);
          out = tf.math.add(out, tf.math.mul(DissipativeTerm.coefficient(tf, d.apply(xb)),
              tf.gather(direction, index, axis)));
        }
        Operand<T> residual = tf.math.sub(out, tf.gather(y, index, axis));
        loss = tf.math.mean(tf.reduceSum(tf.math.square(residual), tf.constant(1)), tf.constant(0));
        if (invariant != null && d == null && unprojectedWeight > 0) {
          // + α·mean |f − ẋ|²: the network's own output fits the data too, its part along ∇H included
          Operand<T> raw = tf.math.sub(unprojected, tf.gather(y, index, axis));
          loss = tf.math.add(loss, tf.math.mul(tf.dtypes.cast(tf.constant(unprojectedWeight), dtype),
              tf.math.mean(tf.reduceSum(tf.math.square(raw), tf.constant(1)), tf.constant(0))));
        }
        size = Math.min(batch, points);
        sizes = batchSizes(points, size);
      } else {
        // a batch holds `batch` segments: an epoch takes L times fewer (and dearer) steps than on derivatives
        Mlp<T> h = invariant == null ? null : Mlp.frozen(tf, invariant, dtype);
        java.util.function.UnaryOperator<Operand<T>> field = ShootingLoss.field(tf, f, h);
        if (d != null) {
          field = LearnedDynamics.dissipativeField(tf, field, h, d, form);
        }
        loss = ShootingLoss.build(tf, field, x, segments, index, shootingSubsteps);
        size = Math.min(batch, segments.count());
        sizes = batchSizes(segments.count(), size);
      }
      if (d != null) {
        // + the H-change loss over whole training windows (every point, every step)
        loss = tf.math.add(loss, DissipativeTerm.hChangeLoss(tf, dtype, DissipativeTerm.coefficient(tf, d.apply(x)),
            windows, invariant, form));
      }
      Adam.Step<T> adam = Adam.build(tf, loss, variables, learningRate, "dynamics_adam");
      EpochLoop<T> loop = EpochLoop.builder(stage, seed, session, index, loss, adam, variables)
          .batches(sizes, EpochLoop.Mean.OF_ITEMS)
          .describe(segments == null ? "the dynamics loss" : "the shooting loss", segments == null ? "points" : "segments")
          .schedule(learningRateSchedule)
          .training(listener, checkpoints).build(tf);
      EpochLoop.Outcome outcome = loop.run(epochs, shuffle);
      MlpWeights trained = epochs == 0 ? init : f.read(session);
      MlpWeights trainedRate = d == null ? null : epochs == 0 ? rateInit : d.read(session);
      loop.requireFinite(trained, d == null ? null : "field network", outcome);
      if (trainedRate != null) {
        loop.requireFinite(trainedRate, "dissipation network", outcome);
      }
      LearnedDynamics.Training training = new LearnedDynamics.Training(seed, epochs,
          size, learningRate,
          dtype.getSimpleName(), (System.nanoTime() - started) / 1e9, outcome.losses());
      return new LearnedDynamics(trained, invariant, form, trainedRate, training);
    }
  }

  private static int[] batchSizes(int items, int size) {
    int[] sizes = new int[(items + size - 1) / size];
    for (int k = 0; k < sizes.length; k++) {
      sizes[k] = Math.min(size, items - k * size);
    }
    return sizes;
  }

  /**
   * The projector I − UUᵀ onto the tangent space of H's level set at every point (U the
   * orthonormalised ∂H/∂x), flat [P, n, n] with row k holding the coefficients of f̃_k, computed in
   * double precision. H is frozen, so this is done once, not per step.
   */
  private static double[] projectorsAt(double[] states, int n, MlpWeights invariant) {
    if (invariant.inputSize() != n) {
      throw new IllegalArgumentException("the invariant takes " + invariant.inputSize() + " inputs but the state has " + n);
    }
    int points = states.length / n;
    double[] out = new double[points * n * n];
    double[] x = new double[n];
    for (int p = 0; p < points; p++) {
      System.arraycopy(states, p * n, x, 0, n);
      double[][] u = Projection.orthonormalBasis(invariant.inputGradient(x));
      for (int k = 0; k < n; k++) {
        for (int j = 0; j < n; j++) {
          double v = k == j ? 1.0 : 0.0;
          for (double[] column : u) {
            v -= column[k] * column[j];
          }
          out[(p * n + k) * n + j] = v;
        }
      }
    }
    return out;
  }

  private static <T extends TNumber> Operand<T> constant(Ops tf, Class<T> type, Shape shape, double[] values) {
    try (T tensor = Tensors.tensor(type, shape, values)) {
      return tf.constantOf(tensor);
    }
  }

  /** Settings of a {@link DynamicsLearner}. */
  public static final class Builder {
    private List<Integer> hidden = List.of(100, 100);
    private Activation activation = Activation.TANH;
    private int epochs = 1000;
    private int batch = 100;
    private double learningRate = Protocol.DEFAULT_LEARNING_RATE;
    private LearningRateSchedule learningRateSchedule = Protocol.DEFAULT_SCHEDULE;
    private long seed;
    private Class<? extends TNumber> type = TFloat32.class;
    private ProgressListener listener = ProgressListener.NONE;
    private Checkpoints checkpoints;
    private DynamicsLoss loss = DynamicsLoss.DERIVATIVE;
    private int shootingSteps = 4;
    private int shootingSubsteps = 1;
    private double unprojectedWeight;

    private Builder() {}

    public Builder hidden(List<Integer> v) {
      if (v.isEmpty() || v.stream().anyMatch(w -> w < 1)) {
        throw new IllegalArgumentException("hidden widths must be positive and non-empty, were " + v);
      }
      hidden = List.copyOf(v);
      return this;
    }

    public Builder activation(Activation v) { activation = v; return this; }

    public Builder epochs(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("epochs must be non-negative, was " + v);
      }
      epochs = v;
      return this;
    }

    public Builder batch(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("batch must be at least 1 point, was " + v);
      }
      batch = v;
      return this;
    }

    public Builder learningRate(double v) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("learning rate must be positive and finite, was " + v);
      }
      learningRate = v;
      return this;
    }

    /** How the rate changes over the epochs; default {@link Protocol#DEFAULT_SCHEDULE}. */
    public Builder learningRateSchedule(LearningRateSchedule v) {
      learningRateSchedule = java.util.Objects.requireNonNull(v, "learningRateSchedule");
      return this;
    }

    public Builder seed(long v) { seed = v; return this; }

    /** The graph dtype: {@code TFloat32.class} (default) or {@code TFloat64.class}. */
    public Builder type(Class<? extends TNumber> v) {
      if (v != TFloat32.class && v != org.tensorflow.types.TFloat64.class) {
        throw new IllegalArgumentException("only float32 and float64 are supported, not " + v.getSimpleName());
      }
      type = v;
      return this;
    }

    public Builder listener(ProgressListener v) { listener = v; return this; }

    /**
     * Saves the training state to {@code v} (and, when resuming, continues from the stage's
     * checkpoint); {@code null} (the default) for none.
     */
    public Builder checkpoints(Checkpoints v) { checkpoints = v; return this; }

    /** How the models are fitted: on derivatives (the default, eq. 4) or by shooting ({@link ShootingLoss}). */
    public Builder loss(DynamicsLoss v) {
      loss = java.util.Objects.requireNonNull(v, "loss");
      return this;
    }

    /**
     * The shooting loss's segments: {@code steps} observed intervals each, integrated with {@code
     * substeps} RK4 steps per interval; sets the loss to {@link DynamicsLoss#SHOOTING} only through
     * {@link #loss}.
     */
    public Builder shooting(int steps, int substeps) {
      if (steps < 1 || substeps < 1) {
        throw new IllegalArgumentException("shooting needs at least 1 observed step per segment and 1 RK4 substep"
            + " per step, found " + steps + " steps and " + substeps + " substeps");
      }
      shootingSteps = steps;
      shootingSubsteps = substeps;
      return this;
    }

    /**
     * Weight α of the unprojected term of the projected model's derivative loss: mean |P f − ẋ|² +
     * α · mean |f − ẋ|² over the batch, f the network inside the projection P (0, the default: the
     * paper's eq. 4 with the projected field alone). No effect on the baseline, the dissipative model
     * or the shooting loss.
     */
    public Builder unprojectedWeight(double v) {
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("unprojectedWeight must be finite and non-negative, was " + v);
      }
      unprojectedWeight = v;
      return this;
    }

    public DynamicsLearner build() {
      return new DynamicsLearner(this);
    }
  }
}
