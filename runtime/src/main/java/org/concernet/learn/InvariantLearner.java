/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
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
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Step (i) of ConCerNet: learns conserved quantities H = MLP(n → hidden → m) from trajectories
 * alone by minimising the {@link SquareRatioLoss} with Adam.
 *
 * <p>Protocol settings used: {@code hidden}, {@code activation}, {@code latent} (m), {@code
 * contrastiveEpochs}, {@code contrastiveBatch} (trajectories per batch), {@code learningRate} and
 * {@code learningRateSchedule} (each epoch's rate).
 * The network trains on the raw states, as the paper's; there is no input normalisation.
 *
 * <p>Each epoch visits the trajectories in a fresh random order, in batches of whole trajectories;
 * a last batch of a single trajectory (which would carry no signal) joins the one before it.
 * Everything random comes from the seed: the weights are drawn first ({@link
 * MlpWeights#initialize}), then one permutation per epoch, from one {@link SplittableRandom}. With
 * the default single-threaded sessions the same seed gives bit-identical weights.
 *
 * <p>Speed: the data are staged once into the graph as one constant [N, T·n]; a step feeds only
 * the batch's trajectory indices (an int32 vector), gathers in the graph, and runs forward,
 * backward and Adam in one session run on the caller's thread. The training loop builds no
 * graph nodes.
 */
public final class InvariantLearner {
  /** Stage name in progress reports and {@link TrainingDivergedException}s. */
  public static final String STAGE = "contrastive";
  private static final String OPTIMIZER = "invariant_adam";

  private final Protocol protocol;
  private final Precision precision;
  private final ProgressListener listener;

  /** A float32 learner for {@code protocol}, reporting nothing. */
  public InvariantLearner(Protocol protocol) {
    this(protocol, Precision.FLOAT32, ProgressListener.NONE);
  }

  private InvariantLearner(Protocol protocol, Precision precision, ProgressListener listener) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.precision = Objects.requireNonNull(precision, "precision");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** This learner training in {@code precision}. */
  public InvariantLearner withPrecision(Precision precision) {
    return new InvariantLearner(protocol, precision, listener);
  }

  /** This learner reporting every epoch to {@code listener}. */
  public InvariantLearner withListener(ProgressListener listener) {
    return new InvariantLearner(protocol, precision, listener);
  }

  public Protocol protocol() {
    return protocol;
  }

  public Precision precision() {
    return precision;
  }

  /**
   * Learns H from {@code data}'s states.
   *
   * @param system the system's name, for provenance
   * @throws DegenerateBatchException if the data cannot give a square ratio loss (fewer than two
   *     trajectories or points, all states identical), or a batch turns out degenerate while training
   * @throws TrainingDivergedException on a non-finite loss, at once
   */
  public LearnedInvariant learn(String system, Trajectories data, long seed) {
    SquareRatioLoss.checkData(data.statesFlat(), data.count(), data.length(), data.dimension());
    return train(precision.type(), system, data, seed);
  }

  private <T extends TNumber> LearnedInvariant train(Class<T> type, String system, Trajectories data, long seed) {
    int count = data.count();
    int points = data.length();
    int n = data.dimension();
    int epochs = protocol.contrastiveEpochs();
    SplittableRandom rng = new SplittableRandom(seed);
    MlpWeights init = MlpWeights.initialize(n, protocol.hidden(), protocol.latent(), protocol.activation(), rng);
    int[][] batches = batchSizes(count, protocol.contrastiveBatch());

    try (Graph g = new Graph(); Session session = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> states;
      try (T staged = Tensors.tensor(type, Shape.of(count, (long) points * n), data.statesFlat())) {
        states = tf.withName("contrastive_states").constantOf(staged);
      }
      Placeholder<TInt32> indices = tf.withName("contrastive_batch").placeholder(TInt32.class,
          Placeholder.shape(Shape.of(-1)));
      Operand<T> x = tf.reshape(tf.gather(states, indices, tf.constant(0)), tf.constant(new long[] {-1, n}));
      Mlp<T> mlp = Mlp.trainable(tf, "invariant", init, type);
      Operand<T> loss = SquareRatioLoss.build(tf, mlp.apply(x), points);
      Op step = Adam.minimize(g, tf, loss, mlp.variables(), protocol.learningRate(), OPTIMIZER);

      // the first run initialises the variables; it is not part of the timed loop
      Session.Runner init0 = session.runner();
      mlp.variables().forEach(init0::fetch);
      init0.run().close();

      // one reusable index vector per batch size: steps allocate nothing in the graph or in TensorFlow
      java.util.Map<Integer, TInt32> fed = new java.util.TreeMap<>();
      for (int[] batch : batches) {
        fed.computeIfAbsent(batch[0], size -> TInt32.vectorOf(new int[size]));
      }
      try {
        return loop(session, mlp, indices, fed, loss, step, batches, epochs, rng, seed, system, data, count,
            points, n);
      } finally {
        fed.values().forEach(TInt32::close);
      }
    }
  }

  private <T extends TNumber> LearnedInvariant loop(Session session, Mlp<T> mlp, Placeholder<TInt32> indices,
      java.util.Map<Integer, TInt32> fed, Operand<T> loss, Op step, int[][] batches, int epochs,
      SplittableRandom rng, long seed, String system, Trajectories data, int count, int points, int n) {
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
      try (TFloat32 rate = TFloat32.scalarOf((float) protocol.learningRateSchedule().factor(epoch, epochs))) {
        for (int[] batch : batches) {
          double value = run(session, indices, fed.get(batch[0]), order, from, loss, step, rate, epoch, seed,
              lastFinite);
          from += batch[0];
          if (!Double.isFinite(value)) {
            throw new TrainingDivergedException(STAGE, seed, epoch, lastFinite,
                "the square ratio loss became " + value + " on a batch of " + batch[0] + " trajectories");
          }
          lastFinite = value;
          sum += value;
        }
      }
      epochLoss = sum / batches.length;
      listener.epoch(STAGE, epoch, epochs, epochLoss);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (epochs == 0) {
      double sum = 0;
      int from = 0;
      for (int[] batch : batches) {
        sum += run(session, indices, fed.get(batch[0]), order, from, loss, null, null, 0, seed, lastFinite);
        from += batch[0];
      }
      epochLoss = sum / batches.length;
    }
    MlpWeights trained = mlp.read(session);
    checkFinite(trained, seed, epochs, lastFinite);
    InvariantProvenance provenance = new InvariantProvenance(system, InvariantProvenance.settings(protocol),
        seed, precision, count, points, n, InvariantProvenance.hash(data),
        InvariantProvenance.currentLibraryVersion(), epochs, batches.length,
        epochs == 0 ? 0.0 : seconds / epochs, epochLoss);
    return new LearnedInvariant(trained, provenance);
  }

  /**
   * One step (or, with {@code step} null, one evaluation) on trajectories order[from, from + size);
   * {@code fed} is a reusable int32 vector of that size, {@code rate} the epoch's learning-rate factor.
   */
  private static <T extends TNumber> double run(Session session, Placeholder<TInt32> indices, TInt32 fed,
      int[] order, int from, Operand<T> loss, Op step, TFloat32 rate, int epoch, long seed, double lastFinite) {
    int size = Math.toIntExact(fed.size());
    for (int j = 0; j < size; j++) {
      fed.setInt(order[from + j], j);
    }
    Session.Runner runner = session.runner().feed(indices, fed).fetch(loss).setOptions(Sessions.CALLER_THREAD);
    if (step != null) {
      runner.addTarget(step).feed(Adam.learningRateScale(OPTIMIZER), rate);
    }
    try (Result result = runner.run()) {
      return Tensors.toScalar(result.get(0));
    } catch (TFInvalidArgumentException e) {
      throw new DegenerateBatchException(STAGE + " epoch " + epoch + " (seed " + seed + "), batch of trajectories "
          + java.util.Arrays.toString(java.util.Arrays.copyOfRange(order, from, from + size)) + ": "
          + e.getMessage() + "; last finite loss " + lastFinite, e);
    }
  }

  private static void checkFinite(MlpWeights weights, long seed, int epoch, double lastFinite) {
    for (int l = 0; l < weights.layers(); l++) {
      for (double[] row : weights.weight(l)) {
        for (double v : row) {
          if (!Double.isFinite(v)) {
            throw new TrainingDivergedException(STAGE, seed, epoch, lastFinite, "a weight of layer " + l + " is " + v);
          }
        }
      }
      for (double v : weights.bias(l)) {
        if (!Double.isFinite(v)) {
          throw new TrainingDivergedException(STAGE, seed, epoch, lastFinite, "a bias of layer " + l + " is " + v);
        }
      }
    }
  }

  /**
   * The batch sizes of an epoch: ⌈N / batch⌉ batches of {@code batch} trajectories, the last one
   * smaller; a last batch of one trajectory joins the batch before it. Each entry is {size}.
   */
  static int[][] batchSizes(int count, int batch) {
    List<int[]> sizes = new ArrayList<>();
    for (int from = 0; from < count; from += batch) {
      sizes.add(new int[] {Math.min(batch, count - from)});
    }
    if (sizes.size() > 1 && sizes.get(sizes.size() - 1)[0] == 1) {
      sizes.remove(sizes.size() - 1);
      sizes.get(sizes.size() - 1)[0] += 1;
    }
    return sizes.toArray(new int[0][]);
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
