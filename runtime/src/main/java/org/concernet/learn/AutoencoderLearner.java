/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.concernet.annotations.Activation;
import org.concernet.data.Trajectories;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.system.Protocol;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
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

  /** A float32 learner, reporting nothing. */
  public AutoencoderLearner(Protocol.AutoencoderSpec spec, double learningRate) {
    this(spec, learningRate, Precision.FLOAT32, ProgressListener.NONE);
  }

  /** The learner of {@code protocol}'s autoencoder, with its learning rate. */
  public static AutoencoderLearner of(Protocol protocol) {
    return new AutoencoderLearner(protocol.autoencoder().orElseThrow(() -> new IllegalArgumentException(
        "the protocol declares no autoencoder")), protocol.learningRate());
  }

  private AutoencoderLearner(Protocol.AutoencoderSpec spec, double learningRate, Precision precision,
      ProgressListener listener) {
    this.spec = Objects.requireNonNull(spec, "spec");
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, was " + learningRate);
    }
    this.learningRate = learningRate;
    this.precision = Objects.requireNonNull(precision, "precision");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public AutoencoderLearner withPrecision(Precision precision) {
    return new AutoencoderLearner(spec, learningRate, precision, listener);
  }

  public AutoencoderLearner withListener(ProgressListener listener) {
    return new AutoencoderLearner(spec, learningRate, precision, listener);
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
      Op step = Adam.minimize(g, tf, loss, variables, learningRate, "autoencoder_adam");

      Session.Runner init = session.runner();
      variables.forEach(init::fetch);
      init.run().close();

      Map<Integer, TInt32> fed = new TreeMap<>();
      for (int size : sizes) {
        fed.computeIfAbsent(size, s -> TInt32.vectorOf(new int[s]));
      }
      try {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
          order[i] = i;
        }
        double lastFinite = Double.NaN;
        double epochLoss = Double.NaN;
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
          shuffle(order, rng);
          double sum = 0;
          int from = 0;
          for (int size : sizes) {
            double value = run(session, indices, fed.get(size), order, from, loss, step);
            if (!Double.isFinite(value)) {
              throw new TrainingDivergedException(STAGE, seed, epoch, lastFinite,
                  "the reconstruction loss became " + value + " on a batch of " + size + " states");
            }
            lastFinite = value;
            sum += value * size;
            from += size;
          }
          epochLoss = sum / count;
          listener.epoch(STAGE, epoch, epochs, epochLoss);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (epochs == 0) {
          double sum = 0;
          int from = 0;
          for (int size : sizes) {
            sum += run(session, indices, fed.get(size), order, from, loss, null) * size;
            from += size;
          }
          epochLoss = sum / count;
        }
        MlpWeights e = encoder.read(session);
        MlpWeights d = decoder.read(session);
        checkFinite(e, "encoder", seed, epochs, lastFinite);
        checkFinite(d, "decoder", seed, epochs, lastFinite);
        String dtype = precision == Precision.FLOAT64 ? "float64" : "float32";
        return new LearnedAutoencoder(e, d, new LearnedAutoencoder.Provenance(system, seed, spec.latent(),
            spec.hidden(), epochs, batch, learningRate, dtype, count, n, epochs == 0 ? 0.0 : seconds / epochs,
            epochLoss));
      } finally {
        fed.values().forEach(TInt32::close);
      }
    }
  }

  private static <T extends TNumber> double run(Session session, Placeholder<TInt32> indices, TInt32 fed,
      int[] order, int from, Operand<T> loss, Op step) {
    int size = Math.toIntExact(fed.size());
    for (int j = 0; j < size; j++) {
      fed.setInt(order[from + j], j);
    }
    Session.Runner runner = session.runner().feed(indices, fed).fetch(loss).setOptions(Sessions.CALLER_THREAD);
    if (step != null) {
      runner.addTarget(step);
    }
    try (Result result = runner.run()) {
      return Tensors.toScalar(result.get(0));
    }
  }

  private static void checkFinite(MlpWeights weights, String network, long seed, int epoch, double lastFinite) {
    for (int l = 0; l < weights.layers(); l++) {
      for (double[] row : weights.weight(l)) {
        for (double v : row) {
          if (!Double.isFinite(v)) {
            throw new TrainingDivergedException(STAGE, seed, epoch, lastFinite,
                "a weight of the " + network + "'s layer " + l + " is " + v);
          }
        }
      }
      for (double v : weights.bias(l)) {
        if (!Double.isFinite(v)) {
          throw new TrainingDivergedException(STAGE, seed, epoch, lastFinite,
              "a bias of the " + network + "'s layer " + l + " is " + v);
        }
      }
    }
  }

  /** Fisher–Yates, in place. */
  private static void shuffle(int[] order, SplittableRandom rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
