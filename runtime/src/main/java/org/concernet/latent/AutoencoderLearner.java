/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.latent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Precision;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
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
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Trains the autoencoder of a high-dimensional system (paper eq. 6): encoder E = MLP(n → hidden →
 * k) and decoder D = MLP(k → reversed hidden → n), tanh hidden layers and linear outputs, jointly
 * on the reconstruction MSE mean ‖D(E(x)) − x‖²/n with Adam.
 *
 * <p>Settings: {@link Protocol.AutoencoderSpec} (k, hidden widths, epochs, states per batch) and the
 * protocol's learning rate. Everything random comes from the seed: the encoder's initial weights,
 * then the decoder's ({@link MlpWeights#initialize}), then one permutation of the states per epoch,
 * all from one {@link SplittableRandom}.
 *
 * <p>The states are staged once into the graph as a constant [P, n]; a step feeds only the batch's
 * row indices, gathers in the graph and runs forward, backward and Adam in one session run on the
 * caller's thread. The training loop builds no graph nodes.
 */
public final class AutoencoderLearner {
  /** Stage name in progress reports and {@link TrainingDivergedException}s. */
  public static final String STAGE = "autoencoder";

  private final Protocol.AutoencoderSpec spec;
  private final double learningRate;
  private final Precision precision;
  private final ProgressListener listener;
  private final Checkpoints checkpoints;

  /** A float32 learner, reporting nothing. */
  public AutoencoderLearner(Protocol.AutoencoderSpec spec, double learningRate) {
    this(spec, learningRate, Precision.FLOAT32, ProgressListener.NONE, null);
  }

  /** The learner of {@code protocol}'s autoencoder, with its learning rate. */
  public static AutoencoderLearner of(Protocol protocol) {
    return new AutoencoderLearner(protocol.autoencoder().orElseThrow(() -> new IllegalArgumentException(
        "the protocol declares no autoencoder")), protocol.learningRate());
  }

  private AutoencoderLearner(Protocol.AutoencoderSpec spec, double learningRate, Precision precision,
      ProgressListener listener, Checkpoints checkpoints) {
    this.spec = Objects.requireNonNull(spec, "spec");
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, was " + learningRate);
    }
    this.learningRate = learningRate;
    this.precision = Objects.requireNonNull(precision, "precision");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.checkpoints = checkpoints;
  }

  public AutoencoderLearner withPrecision(Precision precision) {
    return new AutoencoderLearner(spec, learningRate, precision, listener, checkpoints);
  }

  public AutoencoderLearner withListener(ProgressListener listener) {
    return new AutoencoderLearner(spec, learningRate, precision, listener, checkpoints);
  }

  /**
   * This learner saving its state to {@code checkpoints} (and, when they are resuming, continuing
   * from the stage's checkpoint); {@code null} for none.
   */
  public AutoencoderLearner withCheckpoints(Checkpoints checkpoints) {
    return new AutoencoderLearner(spec, learningRate, precision, listener, checkpoints);
  }

  public Protocol.AutoencoderSpec spec() {
    return spec;
  }

  /** Trains on every state of {@code data} (derivatives are not used). */
  public LearnedAutoencoder learn(String system, Trajectories data, long seed) {
    return learn(system, data.statesFlat(), data.dimension(), seed);
  }

  /**
   * Trains on {@code states}, P × n values row-major.
   *
   * @throws TrainingDivergedException on a non-finite loss or weight
   */
  public LearnedAutoencoder learn(String system, double[] states, int dimension, long seed) {
    if (dimension < 1 || states.length == 0 || states.length % dimension != 0) {
      throw new IllegalArgumentException(states.length + " values are not a whole number of states of "
          + dimension + " components");
    }
    for (int i = 0; i < states.length; i++) {
      if (!Double.isFinite(states[i])) {
        throw new IllegalArgumentException("state " + i / dimension + ", component " + i % dimension + " is " + states[i]);
      }
    }
    return train(precision.type(), system, states, dimension, seed);
  }

  private <T extends TNumber> LearnedAutoencoder train(Class<T> type, String system, double[] states, int n,
      long seed) {
    int count = states.length / n;
    int batch = Math.min(spec.batch(), count);
    int epochs = spec.epochs();
    SplittableRandom rng = new SplittableRandom(seed);
    List<Integer> reversed = new ArrayList<>(spec.hidden());
    Collections.reverse(reversed);
    MlpWeights encoderInit = MlpWeights.initialize(n, spec.hidden(), spec.latent(), Activation.TANH, rng);
    MlpWeights decoderInit = MlpWeights.initialize(spec.latent(), reversed, n, Activation.TANH, rng);
    List<Integer> sizes = new ArrayList<>();
    for (int from = 0; from < count; from += batch) {
      sizes.add(Math.min(batch, count - from));
    }

    try (Graph g = new Graph(); Session session = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> staged;
      try (T tensor = Tensors.tensor(type, Shape.of(count, n), states)) {
        staged = tf.withName("autoencoder_states").constantOf(tensor);
      }
      Placeholder<TInt32> indices = tf.withName("autoencoder_batch").placeholder(TInt32.class,
          Placeholder.shape(Shape.of(-1)));
      Operand<T> x = tf.gather(staged, indices, tf.constant(0));
      Mlp<T> encoder = Mlp.trainable(tf, "encoder", encoderInit, type);
      Mlp<T> decoder = Mlp.trainable(tf, "decoder", decoderInit, type);
      Operand<T> error = tf.math.sub(decoder.apply(encoder.apply(x)), x);
      Operand<T> loss = tf.math.mean(tf.math.square(error), tf.constant(new int[] {0, 1}));
      List<Variable<T>> variables = new ArrayList<>(encoder.variables());
      variables.addAll(decoder.variables());
      Adam.Step<T> adam = Adam.build(tf, loss, variables, learningRate, "autoencoder_adam");
      EpochLoop<T> loop = EpochLoop.builder(STAGE, seed, session, indices, loss, adam, variables)
          .batches(sizes.stream().mapToInt(Integer::intValue).toArray(), EpochLoop.Mean.OF_ITEMS)
          .describe("the reconstruction loss", "states").training(listener, checkpoints).build(tf);
      EpochLoop.Outcome outcome = loop.run(epochs, rng);
      MlpWeights e = encoder.read(session);
      MlpWeights d = decoder.read(session);
      loop.requireFinite(e, "encoder", outcome);
      loop.requireFinite(d, "decoder", outcome);
      String dtype = precision == Precision.FLOAT64 ? "float64" : "float32";
      return new LearnedAutoencoder(e, d, new LearnedAutoencoder.Provenance(system, seed, spec.latent(),
          spec.hidden(), epochs, batch, learningRate, dtype, count, n, epochs == 0 ? 0.0 : outcome.seconds() / epochs,
          outcome.finalLoss()));
    }
  }
}
