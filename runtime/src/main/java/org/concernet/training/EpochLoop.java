/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.protocol.LearningRateSchedule;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The epoch loop of every learner: each epoch shuffles the order of the items (trajectories,
 * points or states) with Fisher–Yates from the stage's {@link SplittableRandom}, feeds each batch's
 * indices through one reused int32 vector per batch size, runs the loss and the Adam step in one
 * session run on the caller's thread at the epoch's learning rate (a {@link LearningRateSchedule}),
 * stops on a non-finite loss with a {@link
 * TrainingDivergedException}, reports the epoch's mean loss, and writes a {@link Checkpoints
 * checkpoint} every so many epochs and at the end.
 *
 * <p>A stage whose checkpoint is read continues after the checkpoint's epoch with the weights and
 * Adam's state restored and the skipped epochs' permutations drawn again, so it ends with the same
 * weights, bit for bit, as an uninterrupted run. Every graph node (the restoring assignments
 * included) is built before the first run; the loop itself builds none.
 */
public final class EpochLoop<T extends TNumber> {
  /** How an epoch's loss is averaged. */
  public enum Mean {
    /** The plain mean of the batches' losses. */
    OF_BATCHES,
    /** The mean over items: each batch's loss weighted by its size. */
    OF_ITEMS
  }

  /**
   * What the epochs produced.
   *
   * @param losses every epoch's mean loss, the restored ones included
   * @param lastFinite the last finite batch loss (NaN before the first step)
   * @param seconds training time, the interrupted runs' included
   * @param finalLoss the last epoch's loss; after no epochs, the loss over all items in their
   *     original order
   */
  public record Outcome(List<Double> losses, double lastFinite, double seconds, double finalLoss) {}

  /** Receives a {@link Builder#branch branch}'s outcome while the loop's variables hold its final values. */
  @FunctionalInterface
  public interface BranchEnd {
    void ended(Outcome outcome);
  }

  /**
   * A second ending of a stage: from the state after epoch {@code after}, the remaining epochs once
   * more with {@code feed} and permutations from {@code seed} (reported to the listener and saved
   * in checkpoints under {@code stage}).
   */
  record Branch(int after, String stage, long seed, EpochValue feed, BranchEnd end) {}

  record Alternate<T extends TNumber>(Operand<T> loss, Op step) {}

  /** A scalar that depends only on the epoch, fed to a placeholder for every step of that epoch. */
  @FunctionalInterface
  public interface EpochValue {
    /** The value for epoch {@code epoch} (1-based) of {@code epochs}. */
    double at(int epoch, int epochs);
  }

  private final String stage;
  private final long seed;
  private final Session session;
  private final Placeholder<TInt32> indices;
  private final Operand<T> loss;
  private final Op step;
  private final String rateScale;
  private final LearningRateSchedule schedule;
  private final String epochFeed;
  private final EpochValue epochValue;
  private final int[] sizes;
  private final int items;
  private final Mean mean;
  private final String lossName;
  private final String unit;
  private final boolean degenerateBatches;
  private final ProgressListener listener;
  private final Checkpoints checkpoints;
  private final List<Variable<T>> saved;
  private final List<Branch> branches;
  /** For epochs whose epoch feed is 0: the loss without the fed term, and its update (or null). */
  private final Operand<T> offLoss;
  private final Op offStep;
  /** For epochs whose epoch feed has one of these values: their own loss and update. */
  private final Map<Double, Alternate<T>> alternates;
  private final List<Placeholder<T>> restoreValues = new ArrayList<>();
  private final List<Op> restores = new ArrayList<>();

  private EpochLoop(Builder<T> b, Ops tf) {
    this.stage = b.stage;
    this.seed = b.seed;
    this.session = b.session;
    this.indices = b.indices;
    this.loss = b.loss;
    this.step = b.adam.op();
    this.rateScale = b.adam.rateScale();
    this.schedule = b.schedule;
    this.epochFeed = b.epochFeed;
    this.epochValue = b.epochValue;
    this.sizes = b.sizes.clone();
    this.items = Arrays.stream(b.sizes).sum();
    this.mean = b.mean;
    this.lossName = b.lossName;
    this.unit = b.unit;
    this.degenerateBatches = b.degenerateBatches;
    this.listener = b.listener;
    this.checkpoints = b.checkpoints;
    List<Variable<T>> all = new ArrayList<>(b.weights);
    all.addAll(b.adam.state());
    this.saved = List.copyOf(all);
    this.branches = List.copyOf(b.branches);
    this.offLoss = b.offLoss;
    this.offStep = b.offStep;
    this.alternates = Map.copyOf(b.alternates);
    if (checkpoints != null || !branches.isEmpty()) {
      for (Variable<T> v : saved) {
        Placeholder<T> value = tf.placeholder(loss.type(), Placeholder.shape(v.shape()));
        restoreValues.add(value);
        restores.add(tf.assign(v, value));
      }
    }
    // the first run initialises the variables; it is not part of the timed loop
    Session.Runner init = session.runner();
    saved.forEach(init::fetch);
    init.run().close();
  }

  /**
   * The loop of a stage that trains {@code weights} with {@code adam} down {@code loss}, whose
   * batches are the items whose indices are fed to {@code indices}.
   */
  public static <T extends TNumber> Builder<T> builder(String stage, long seed, Session session,
      Placeholder<TInt32> indices, Operand<T> loss, Adam.Step<T> adam, List<Variable<T>> weights) {
    return new Builder<>(stage, seed, session, indices, loss, adam, weights);
  }

  /**
   * Trains {@code epochs} epochs (or the rest of them after a checkpoint), drawing every epoch's
   * permutation from {@code rng}, which must be where the stage's stream stands after the initial
   * weights were drawn. With a {@link Builder#branch branch}, the branch's epochs run first when
   * the stage reaches its branch point, and the stage then continues from the state it had there,
   * with the permutations it would have drawn without the branch.
   */
  public Outcome run(int epochs, SplittableRandom rng) {
    int[] order = identity();
    int first = 1;
    double[] lastFinite = {Double.NaN};
    double seconds = 0;
    List<Double> losses = new ArrayList<>(epochs);
    Checkpoints.State restored = checkpoints == null ? null : checkpoints.read(stage, seed, epochs, layout());
    if (restored != null) {
      for (Branch branch : branches) {
        if (restored.epoch() > branch.after()) {
          replayBranch(branch, epochs);
        }
      }
      restore(restored.variables());
      for (int epoch = 1; epoch <= restored.epoch(); epoch++) {
        shuffle(order, rng);
      }
      first = restored.epoch() + 1;
      lastFinite[0] = restored.lastFinite();
      seconds = restored.seconds();
      losses.addAll(restored.losses());
    }
    Map<Integer, TInt32> fed = new TreeMap<>();
    for (int size : sizes) {
      fed.computeIfAbsent(size, s -> TInt32.vectorOf(new int[s]));
    }
    try {
      long start = System.nanoTime();
      for (int epoch = first; epoch <= epochs; epoch++) {
        for (Branch branch : branches) {
          if (epoch == branch.after() + 1) {
            // the branch's time is its own: the stage's seconds (and seconds per epoch) stay its own epochs'
            start += runBranch(branch, epochs, order, fed, lastFinite[0], losses);
          }
        }
        shuffle(order, rng);
        double epochLoss = epoch(stage, epoch, epochs, order, fed, epochValue, lastFinite);
        losses.add(epochLoss);
        if (checkpoints != null && (epoch % checkpoints.every() == 0 || epoch == epochs)) {
          checkpoints.write(new Checkpoints.State(stage, seed, epochs, epoch, lastFinite[0],
              seconds + (System.nanoTime() - start) / 1e9, losses, read()));
        }
        listener.epoch(stage, epoch, epochs, epochLoss);
      }
      return new Outcome(List.copyOf(losses), lastFinite[0], seconds + (System.nanoTime() - start) / 1e9,
          losses.isEmpty() ? evaluate() : losses.get(losses.size() - 1));
    } finally {
      fed.values().forEach(TInt32::close);
    }
  }

  /**
   * One training epoch of {@code stageName} over the items in {@code order}, feeding {@code feed}'s
   * value (when there is a feed); {@code lastFinite[0]} follows the last finite batch loss.
   *
   * @return the epoch's mean loss
   */
  private double epoch(String stageName, int epoch, int epochs, int[] order, Map<Integer, TInt32> fed,
      EpochValue feed, double[] lastFinite) {
    double sum = 0;
    int from = 0;
    double fedValue = feed == null ? Double.NaN : feed.at(epoch, epochs);
    boolean off = offStep != null && fedValue == 0;
    Alternate<T> alternate = alternates.get(fedValue);
    Operand<T> epochLoss = off ? offLoss : alternate != null ? alternate.loss() : loss;
    Op epochStep = off ? offStep : alternate != null ? alternate.step() : step;
    try (TFloat32 rate = TFloat32.scalarOf((float) schedule.factor(epoch, epochs));
        TFloat32 extra = epochFeed == null || off ? null : TFloat32.scalarOf((float) fedValue)) {
      for (int size : sizes) {
        double value = batch(fed.get(size), order, from, rate, extra, epoch, lastFinite[0], epochLoss, epochStep);
        if (!Double.isFinite(value)) {
          throw new TrainingDivergedException(stageName, seed, epoch, lastFinite[0],
              lossName + " became " + value + " on a batch of " + size + " " + unit);
        }
        lastFinite[0] = value;
        sum += mean == Mean.OF_ITEMS ? value * size : value;
        from += size;
      }
    }
    return sum / (mean == Mean.OF_ITEMS ? items : sizes.length);
  }

  /**
   * Runs the branch's epochs from the current state and order, hands its outcome (its losses after
   * the stage's {@code shared} ones; its own seconds) to the branch's end, saves it as the branch's
   * checkpoint (with checkpoints), and puts the state back.
   *
   * @return the nanoseconds it took
   */
  private long runBranch(Branch branch, int epochs, int[] order, Map<Integer, TInt32> fed, double lastFinite,
      List<Double> shared) {
    long start = System.nanoTime();
    List<Checkpoints.Variable> state = read();
    int[] branchOrder = order.clone();
    SplittableRandom rng = new SplittableRandom(branch.seed());
    double[] last = {lastFinite};
    List<Double> losses = new ArrayList<>(shared);
    for (int epoch = branch.after() + 1; epoch <= epochs; epoch++) {
      shuffle(branchOrder, rng);
      double epochLoss = epoch(branch.stage(), epoch, epochs, branchOrder, fed, branch.feed(), last);
      losses.add(epochLoss);
      listener.epoch(branch.stage(), epoch, epochs, epochLoss);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (checkpoints != null) {
      checkpoints.write(new Checkpoints.State(branch.stage(), seed, epochs, epochs, last[0], seconds, losses, read()));
    }
    branch.end().ended(new Outcome(List.copyOf(losses), last[0], seconds, losses.get(losses.size() - 1)));
    restore(state);
    return System.nanoTime() - start;
  }

  /**
   * For a stage resumed past its branch point: the branch ran before the checkpoint was written,
   * so its outcome comes from its own checkpoint; the caller restores {@code stageState} after.
   */
  private void replayBranch(Branch branch, int epochs) {
    Checkpoints.State ended = checkpoints.read(branch.stage(), seed, epochs, layout());
    if (ended == null) {
      throw new IllegalStateException("the checkpoint of " + stage + " (seed " + seed + ") is past epoch "
          + branch.after() + ", where " + branch.stage() + " branches off, but " + branch.stage()
          + " has no checkpoint; delete the checkpoints to train the stage again");
    }
    restore(ended.variables());
    List<Double> losses = ended.losses();
    branch.end().ended(new Outcome(List.copyOf(losses), ended.lastFinite(), ended.seconds(),
        losses.get(losses.size() - 1)));
  }

  /** The loss over all items in their original order, without training (for a stage of 0 epochs). */
  private double evaluate() {
    int[] order = identity();
    double sum = 0;
    int from = 0;
    for (int size : sizes) {
      try (TInt32 fed = TInt32.vectorOf(new int[size])) {
        double value = batch(fed, order, from, null, null, 0, Double.NaN, loss, step);
        sum += mean == Mean.OF_ITEMS ? value * size : value;
      }
      from += size;
    }
    return sum / (mean == Mean.OF_ITEMS ? items : sizes.length);
  }

  /**
   * Stops with a {@link TrainingDivergedException} if a weight of {@code weights} is not finite.
   *
   * @param network the network's name in the message, or {@code null} for a stage of one network
   * @param outcome the training that produced {@code weights}
   */
  public void requireFinite(MlpWeights weights, String network, Outcome outcome) {
    int epoch = outcome.losses().size();
    double lastFinite = outcome.lastFinite();
    String layer = network == null ? "layer " : "the " + network + "'s layer ";
    for (int l = 0; l < weights.layers(); l++) {
      for (double[] row : weights.weight(l)) {
        for (double v : row) {
          if (!Double.isFinite(v)) {
            throw new TrainingDivergedException(stage, seed, epoch, lastFinite, "a weight of " + layer + l + " is " + v);
          }
        }
      }
      for (double v : weights.bias(l)) {
        if (!Double.isFinite(v)) {
          throw new TrainingDivergedException(stage, seed, epoch, lastFinite, "a bias of " + layer + l + " is " + v);
        }
      }
    }
  }

  /**
   * One step at the learning-rate factor {@code rate} (or, with {@code rate} null, one evaluation)
   * on items order[from, from + size), feeding {@code extra} (when not null) to the epoch's placeholder.
   */
  private double batch(TInt32 fed, int[] order, int from, TFloat32 rate, TFloat32 extra, int epoch,
      double lastFinite, Operand<T> loss, Op step) {
    int size = Math.toIntExact(fed.size());
    for (int j = 0; j < size; j++) {
      fed.setInt(order[from + j], j);
    }
    Session.Runner runner = session.runner().feed(indices, fed).fetch(loss).setOptions(Sessions.CALLER_THREAD);
    if (rate != null) {
      runner.addTarget(step).feed(rateScale, rate);
    }
    if (extra != null) {
      runner.feed(epochFeed, extra);
    }
    try (Result result = runner.run()) {
      return Tensors.toScalar(result.get(0));
    } catch (TFInvalidArgumentException e) {
      if (!degenerateBatches) {
        throw e;
      }
      throw new DegenerateBatchException(stage + " epoch " + epoch + " (seed " + seed + "), batch of " + unit + " "
          + Arrays.toString(Arrays.copyOfRange(order, from, from + size)) + ": " + e.getMessage()
          + "; last finite loss " + lastFinite, e);
    }
  }

  /** The saved variables' names and shapes, without values. */
  private List<Checkpoints.Variable> layout() {
    List<Checkpoints.Variable> out = new ArrayList<>();
    for (Variable<T> v : saved) {
      out.add(new Checkpoints.Variable(v.op().name(), v.shape().asArray(), null));
    }
    return out;
  }

  private List<Checkpoints.Variable> read() {
    Session.Runner runner = session.runner().setOptions(Sessions.CALLER_THREAD);
    saved.forEach(runner::fetch);
    List<Checkpoints.Variable> out = new ArrayList<>();
    try (Result result = runner.run()) {
      for (int i = 0; i < saved.size(); i++) {
        Variable<T> v = saved.get(i);
        out.add(new Checkpoints.Variable(v.op().name(), v.shape().asArray(), Tensors.toDoubles(result.get(i))));
      }
    }
    return out;
  }

  private void restore(List<Checkpoints.Variable> values) {
    Session.Runner runner = session.runner().setOptions(Sessions.CALLER_THREAD);
    List<T> tensors = new ArrayList<>();
    try {
      for (int i = 0; i < saved.size(); i++) {
        T tensor = Tensors.tensor(loss.type(), saved.get(i).shape(), values.get(i).values());
        tensors.add(tensor);
        runner.feed(restoreValues.get(i), tensor).addTarget(restores.get(i));
      }
      runner.run().close();
    } finally {
      tensors.forEach(T::close);
    }
  }

  private int[] identity() {
    int[] order = new int[items];
    for (int i = 0; i < items; i++) {
      order[i] = i;
    }
    return order;
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

  /** Settings of an {@link EpochLoop}. */
  public static final class Builder<T extends TNumber> {
    private final String stage;
    private final long seed;
    private final Session session;
    private final Placeholder<TInt32> indices;
    private final Operand<T> loss;
    private final Adam.Step<T> adam;
    private final List<Variable<T>> weights;
    private int[] sizes;
    private Mean mean = Mean.OF_ITEMS;
    private String lossName = "the loss";
    private String unit = "items";
    private boolean degenerateBatches;
    private ProgressListener listener = ProgressListener.NONE;
    private Checkpoints checkpoints;
    private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
    private String epochFeed;
    private EpochValue epochValue;
    private final List<Branch> branches = new ArrayList<>();
    private final Map<Double, Alternate<T>> alternates = new java.util.HashMap<>();
    private Operand<T> offLoss;
    private Op offStep;

    private Builder(String stage, long seed, Session session, Placeholder<TInt32> indices, Operand<T> loss,
        Adam.Step<T> adam, List<Variable<T>> weights) {
      this.stage = Objects.requireNonNull(stage, "stage");
      this.seed = seed;
      this.session = Objects.requireNonNull(session, "session");
      this.indices = Objects.requireNonNull(indices, "indices");
      this.loss = Objects.requireNonNull(loss, "loss");
      this.adam = Objects.requireNonNull(adam, "adam");
      this.weights = List.copyOf(weights);
    }

    /** The batch sizes of an epoch, in order (they sum to the number of items), and how the loss is averaged. */
    public Builder<T> batches(int[] sizes, Mean mean) {
      this.sizes = sizes.clone();
      this.mean = mean;
      return this;
    }

    /** How the learning rate changes over the epochs; default {@link LearningRateSchedule#CONSTANT}. */
    public Builder<T> schedule(LearningRateSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * Feeds {@code value}'s value of each epoch to the scalar float32 placeholder named {@code
     * placeholder} on every step of that epoch (a loss weight that changes with the epoch); a
     * function of the epoch only, so a resumed stage feeds the same values.
     */
    public Builder<T> epochFeed(String placeholder, EpochValue value) {
      this.epochFeed = Objects.requireNonNull(placeholder, "placeholder");
      this.epochValue = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Another ending of the stage (one per call; they run in order), for a choice between trainings that share their first
     * {@code after} epochs: when the stage has trained those epochs, the remaining ones run first
     * as the stage {@code stage}, with {@code feed}'s values for the {@link #epochFeed epoch feed}
     * and their own permutations from {@code seed} (starting from the stage's order at that
     * point); {@code end} then receives their outcome while the variables hold the branch's final
     * values, and the stage continues from where it branched off, exactly as without the branch.
     * The branch's time is not the stage's. Needs an epoch feed; {@code after} in [0, epochs).
     */
    public Builder<T> branch(int after, String stage, long seed, EpochValue feed, BranchEnd end) {
      if (after < 0) {
        throw new IllegalArgumentException("a branch starts after epoch 0 or later, not " + after);
      }
      this.branches.add(new Branch(after, Objects.requireNonNull(stage, "stage"), seed,
          Objects.requireNonNull(feed, "feed"), Objects.requireNonNull(end, "end")));
      return this;
    }

    /**
     * For the epochs whose {@link #epochFeed epoch feed} is {@code value} (not 0): {@code loss} and
     * its update {@code step} with the same optimizer state ({@link Adam#sameState}) instead of the
     * stage's; a branch that trains a different loss from the same point feeds this value.
     */
    public Builder<T> epochsWith(double value, Operand<T> loss, Op step) {
      if (value == 0) {
        throw new IllegalArgumentException("epochs whose feed is 0 are the off epochs (offEpochs)");
      }
      alternates.put(value, new Alternate<>(Objects.requireNonNull(loss, "loss"), Objects.requireNonNull(step, "step")));
      return this;
    }

    /**
     * For the epochs whose {@link #epochFeed epoch feed} is 0: {@code loss} is the stage's loss
     * without the term the feed switches on, and {@code step} its update with the same optimizer
     * state ({@link Adam#sameState}). Those epochs run this cheaper graph instead, with the same
     * result: a term weighted by 0 adds nothing to the loss or its gradient.
     */
    public Builder<T> offEpochs(Operand<T> loss, Op step) {
      this.offLoss = Objects.requireNonNull(loss, "loss");
      this.offStep = Objects.requireNonNull(step, "step");
      return this;
    }

    /** Names for messages: e.g. "the square ratio loss", "trajectories". */
    public Builder<T> describe(String lossName, String unit) {
      this.lossName = lossName;
      this.unit = unit;
      return this;
    }

    /** Turns an invalid-argument error of a step into a {@link DegenerateBatchException} naming the batch. */
    public Builder<T> degenerateBatches() {
      this.degenerateBatches = true;
      return this;
    }

    /** Whom to report each epoch to, and where to save and find checkpoints ({@code null} for none). */
    public Builder<T> training(ProgressListener listener, Checkpoints checkpoints) {
      this.listener = Objects.requireNonNull(listener, "listener");
      this.checkpoints = checkpoints;
      return this;
    }

    /** Builds the loop's graph nodes with {@code tf} and initialises the variables. */
    public EpochLoop<T> build(Ops tf) {
      Objects.requireNonNull(sizes, "batches");
      if (offStep != null && epochFeed == null) {
        throw new IllegalStateException("off epochs are those whose epoch feed is 0: they need an epoch feed");
      }
      if ((!branches.isEmpty() || !alternates.isEmpty()) && epochFeed == null) {
        throw new IllegalStateException("a branch needs an epoch feed to differ from the stage it branches off");
      }
      return new EpochLoop<>(this, tf);
    }
  }
}
