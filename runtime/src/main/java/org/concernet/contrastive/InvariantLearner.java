/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.concernet.data.Trajectories;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Precision;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Protocol;
import org.concernet.training.Adam;
import org.concernet.training.Checkpoints;
import org.concernet.training.EpochLoop;
import org.concernet.training.LibraryVersion;
import org.concernet.training.ProgressListener;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Step (i) of ConCerNet: learns conserved quantities H = MLP(n → hidden → m) from trajectories
 * alone by minimising the {@link SquareRatioLoss} with Adam, optionally plus λ times the {@link
 * AlignmentLoss} (∇H ⊥ ẋ on the data's derivatives), from the first epoch or, with {@code
 * alignmentStart} s &gt; 0, only after the first ⌊s · epochs⌋ epochs of the square ratio loss alone
 * (a refinement stage: the paper's loss chooses the quantity, alignment sharpens it). With m &gt; 1 outputs and
 * {@code independenceWeight} μ &gt; 0 (default 0), each output has its own square ratio loss
 * and μ times the {@link IndependenceLoss} keeps their gradients apart; with m &gt; 1 and {@code
 * deflationDegree} d &gt; 0, the square ratio part is the {@link DeflationLoss} of degree d (each output
 * judged on what the outputs before it do not say); with m &gt; 1 and {@code volumeWeight} ν &gt; 0
 * (default 0.001), ν times the {@link VolumeLoss} barrier keeps the outputs from becoming functions of
 * one another, beside one square ratio loss per output (or the deflation loss); with m = 1 the graph
 * is the paper's whatever μ, d and ν are.
 *
 * <p>Protocol settings used: {@code hidden}, {@code activation}, {@code latent} (m), {@code
 * contrastiveEpochs}, {@code contrastiveBatch} (trajectories per batch), {@code learningRate} and
 * {@code learningRateSchedule} (each epoch's rate), {@code alignmentWeight}, {@code alignmentStart},
 * {@code independenceWeight}, {@code deflationDegree}, {@code volumeWeight}.
 * The network trains on the raw states, as the paper's; there is no input normalisation.
 *
 * <p><b>Choosing the refinement by validation</b> ({@link #select}): with the refinement stage
 * on (alignment weight &gt; 0, start s &gt; 0) and one output, the epochs after ⌊s · epochs⌋
 * also run a second time without the alignment term (an {@link EpochLoop} branch from the same
 * state: the paper's loss to the end), and the learner keeps whichever of the two H has the lower
 * score, a figure the caller gives (the experiment's is H's spread on validation trajectories the
 * training never saw). The refinement sharpens H on most systems and blurs it on some (the heat
 * equation's latent space, docs/generality.md).
 *
 * <p><b>A third candidate, the Hamiltonian ending</b> ({@link #withSystemScale}, {@code
 * hamiltonianWeight} η &gt; 0, for an even number n ≥ 4 of states): the same epochs run once more,
 * from the same point, with the refinement's loss plus λη times the {@link HamiltonianLoss} (∇H
 * parallel to Jᵀẋ, the energy's gradient for a Hamiltonian system whose states are its positions,
 * then their momenta). On a near-integrable system the refined H mixes the energy with a second,
 * nearly conserved quantity (Hénon–Heiles: cubic R² of the energy 0.69); the Hamiltonian term
 * singles the energy out, and its H is also the better conserved on validation trajectories. Where
 * the relation does not hold (a system that is not Hamiltonian in its declared coordinates) its H is
 * far worse conserved and the score keeps one of the other two. The lowest score of the three wins;
 * ties keep the refined H, then the paper-loss one.
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

  /** Stage name of the paper-loss ending trained beside the refinement by {@link #select}. */
  public static final String PAPER_STAGE = "contrastive-paper";

  /** Stage name of the Hamiltonian ending trained beside the refinement by {@link #select}. */
  public static final String HAMILTONIAN_STAGE = "contrastive-hamiltonian";

  /** The endings of the contrastive stage that {@link #select} chooses among. */
  public enum Ending {
    /** The refinement: the square ratio loss, then the alignment term beside it. */
    REFINED,
    /** The paper's square ratio loss alone to the end. */
    PAPER,
    /** The refinement plus η times the {@link HamiltonianLoss} over the same epochs. */
    HAMILTONIAN
  }

  /**
   * Which H {@link #select} kept.
   *
   * @param kept the ending whose H was kept
   * @param refinedScore the refined H's score
   * @param paperScore the paper-loss H's score
   * @param hamiltonianScore the Hamiltonian ending's H's score (NaN when that ending was not trained)
   * @param paperSeconds the paper-loss ending's training time
   * @param hamiltonianSeconds the Hamiltonian ending's training time (0 when it was not trained)
   * @param layout how the Hamiltonian ending paired positions with momenta (empty when it was not trained)
   */
  public record Choice(Ending kept, double refinedScore, double paperScore, double hamiltonianScore, double paperSeconds,
      double hamiltonianSeconds, Optional<HamiltonianLoss.Layout> layout) {
    /** Whether the refined H was kept. */
    public boolean refined() {
      return kept == Ending.REFINED;
    }

    /** Whether the Hamiltonian ending was trained. */
    public boolean hamiltonianTrained() {
      return !Double.isNaN(hamiltonianScore) || hamiltonianSeconds > 0;
    }
  }

  /** What {@link #select} learned: the H it kept, and the choice when there was one. */
  public record Selection(LearnedInvariant invariant, Optional<Choice> choice) {}

  /** The scalar placeholder that switches the alignment term on (1) or off (0) for an epoch. */
  private static final String ALIGNMENT_ON = "contrastive_alignment_on";

  /** The epoch feed's value for the Hamiltonian ending's epochs, which run their own graph. */
  private static final double HAMILTONIAN_FEED = 2.0;

  private final Protocol protocol;
  private final Precision precision;
  private final ProgressListener listener;
  private final Checkpoints checkpoints;
  /** The states' units for the Hamiltonian ending, or null for no such ending. */
  private final double[] systemScale;

  /**
   * A float32 learner for {@code protocol}, reporting nothing, with the protocol's alignment weight
   * ({@link Protocol#alignmentWeight()}; 0: the square ratio loss alone).
   */
  public InvariantLearner(Protocol protocol) {
    this(protocol, Precision.FLOAT32, ProgressListener.NONE, null, null);
  }

  private InvariantLearner(Protocol protocol, Precision precision, ProgressListener listener,
      Checkpoints checkpoints, double[] systemScale) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.precision = Objects.requireNonNull(precision, "precision");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.checkpoints = checkpoints;
    this.systemScale = systemScale == null ? null : systemScale.clone();
  }

  /** This learner training in {@code precision}. */
  public InvariantLearner withPrecision(Precision precision) {
    return new InvariantLearner(protocol, precision, listener, checkpoints, systemScale);
  }

  /** This learner reporting every epoch to {@code listener}. */
  public InvariantLearner withListener(ProgressListener listener) {
    return new InvariantLearner(protocol, precision, listener, checkpoints, systemScale);
  }

  /**
   * This learner with the Hamiltonian ending among {@link #select}'s candidates (when the
   * protocol's {@code hamiltonianWeight} is positive, there is a choice and the states are an even
   * number of at least four): {@code scale} gives, per input, the factor from the states H learns on
   * to the system's own (the standard deviations of standardised states; ones for states as
   * declared). Without it (the default, and for a latent code, where no canonical coordinates
   * exist) there is no such ending.
   */
  public InvariantLearner withSystemScale(double[] scale) {
    return new InvariantLearner(protocol, precision, listener, checkpoints, Objects.requireNonNull(scale, "scale"));
  }

  /**
   * This learner saving its state to {@code checkpoints} (and, when they are resuming, continuing
   * from the stage's checkpoint); {@code null} for none.
   */
  public InvariantLearner withCheckpoints(Checkpoints checkpoints) {
    return new InvariantLearner(protocol, precision, listener, checkpoints, systemScale);
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
    return select(system, data, seed, null).invariant();
  }

  /**
   * Learns H from {@code data}'s states as {@link #learn} does; when the protocol has the refinement
   * stage (alignment weight &gt; 0, alignment start &gt; 0), one output and at least one epoch, and
   * {@code score} is given, also trains the paper-loss ending and keeps the H with the lower score
   * (the refined one on a tie or a score that is not a number; see the class comment). The refined
   * H is, bit for bit, the one {@link #learn} gives.
   *
   * @param score a figure of a learned H, lower for a better one, measured on data the training does
   *     not see; {@code null} for no choice
   */
  public Selection select(String system, Trajectories data, long seed, ToDoubleFunction<LearnedInvariant> score) {
    SquareRatioLoss.checkData(data.statesFlat(), data.count(), data.length(), data.dimension());
    double alignmentWeight = protocol.alignmentWeight();
    if (alignmentWeight > 0 && !data.hasDerivatives()) {
      throw new IllegalArgumentException("the alignment term (weight " + alignmentWeight + ") needs derivatives,"
          + " and " + data + " has none; set the weight to 0 or give derivatives");
    }
    boolean choosing = score != null && alignmentWeight > 0 && protocol.alignmentStart() > 0
        && protocol.latent() == 1 && protocol.contrastiveEpochs() > 0;
    return train(precision.type(), system, data, seed, choosing ? score : null);
  }

  private <T extends TNumber> Selection train(Class<T> type, String system, Trajectories data, long seed,
      ToDoubleFunction<LearnedInvariant> score) {
    int count = data.count();
    int points = data.length();
    int n = data.dimension();
    int epochs = protocol.contrastiveEpochs();
    SplittableRandom rng = new SplittableRandom(seed);
    MlpWeights init = MlpWeights.initialize(n, protocol.hidden(), protocol.latent(), protocol.activation(), rng);
    int[][] batches = batchSizes(count, protocol.contrastiveBatch());
    int[] sizes = new int[batches.length];
    for (int b = 0; b < batches.length; b++) {
      sizes[b] = batches[b][0];
    }

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
      boolean independent = protocol.latent() > 1 && protocol.independenceWeight() > 0;
      boolean volume = protocol.latent() > 1 && protocol.volumeWeight() > 0;
      int deflation = protocol.latent() > 1 ? protocol.deflationDegree() : 0;
      Operand<T> loss = deflation > 0 ? DeflationLoss.build(tf, mlp.apply(x), points, deflation)
          : independent || volume ? IndependenceLoss.perOutputSquareRatio(tf, mlp.apply(x), points)
          : SquareRatioLoss.build(tf, mlp.apply(x), points);
      if (volume) {
        Operand<T> nu = tf.dtypes.cast(tf.constant(protocol.volumeWeight()), type);
        loss = tf.math.add(loss, tf.math.mul(nu, VolumeLoss.build(tf, mlp.inputGradient(x))));
      }
      if (independent) {
        Operand<T> mu = tf.dtypes.cast(tf.constant(protocol.independenceWeight()), type);
        loss = tf.math.add(loss, tf.math.mul(mu, IndependenceLoss.build(tf, mlp.inputGradient(x))));
      }
      Operand<T> withoutAlignment = loss;
      boolean hamiltonian = score != null && systemScale != null && protocol.hamiltonianWeight() > 0
          && HamiltonianLoss.applies(n);
      if (systemScale != null && systemScale.length != n) {
        throw new IllegalArgumentException("the system scale has " + systemScale.length + " values for " + n + " states");
      }
      Operand<T> hamiltonianLoss = null;
      HamiltonianLoss.Layout layout = hamiltonian ? layout(data) : null;
      if (protocol.alignmentWeight() > 0) {
        Operand<T> velocities;
        try (T staged = Tensors.tensor(type, Shape.of(count, (long) points * n), data.derivativesFlat())) {
          velocities = tf.withName("contrastive_derivatives").constantOf(staged);
        }
        Operand<T> v = tf.reshape(tf.gather(velocities, indices, tf.constant(0)), tf.constant(new long[] {-1, n}));
        Operand<T> lambda = tf.dtypes.cast(tf.constant(protocol.alignmentWeight()), type);
        if (protocol.alignmentStart() > 0) {
          // 0 before the term's first epoch, 1 from it on: fed per epoch by the loop
          Operand<TFloat32> on = tf.withName(ALIGNMENT_ON).placeholderWithDefault(tf.constant(1.0f), Shape.scalar());
          lambda = tf.math.mul(lambda, tf.dtypes.cast(on, type));
        }
        Operand<T> gradients = mlp.inputGradient(x);  // one closed form for both terms
        Operand<T> alignment = AlignmentLoss.build(tf, gradients, v);
        loss = tf.math.add(loss, tf.math.mul(lambda, alignment));
        if (hamiltonian) {
          // the third ending's loss: the refinement's, at its full weight, plus η times the Hamiltonian term
          Operand<T> full = tf.dtypes.cast(tf.constant(protocol.alignmentWeight()), type);
          Operand<T> eta = tf.dtypes.cast(tf.constant(protocol.alignmentWeight() * protocol.hamiltonianWeight()), type);
          hamiltonianLoss = tf.math.add(tf.math.add(withoutAlignment, tf.math.mul(full, alignment)),
              tf.math.mul(eta, HamiltonianLoss.build(tf, gradients, v, systemScale, layout)));
        }
      }
      Adam.Step<T> adam = Adam.build(tf, loss, mlp.variables(), protocol.learningRate(), "invariant_adam");
      EpochLoop.Builder<T> builder = EpochLoop.builder(STAGE, seed, session, indices, loss, adam, mlp.variables())
          .batches(sizes, EpochLoop.Mean.OF_BATCHES).describe("the square ratio loss", "trajectories")
          .schedule(protocol.learningRateSchedule())
          .degenerateBatches().training(listener, checkpoints);
      if (protocol.alignmentWeight() > 0 && protocol.alignmentStart() > 0) {
        int first = firstAlignedEpoch(epochs, protocol.alignmentStart());
        builder.epochFeed(ALIGNMENT_ON, (epoch, total) -> epoch >= first ? 1.0 : 0.0);
        // the epochs without the term (before the start, and the paper-loss ending) skip its graph
        builder.offEpochs(withoutAlignment, Adam.sameState(tf, adam, withoutAlignment, mlp.variables(),
            protocol.learningRate(), "invariant_adam_without_alignment"));
      }
      MlpWeights[] paper = new MlpWeights[1];
      EpochLoop.Outcome[] paperOutcome = new EpochLoop.Outcome[1];
      MlpWeights[] hamiltonianWeights = new MlpWeights[1];
      EpochLoop.Outcome[] hamiltonianOutcome = new EpochLoop.Outcome[1];
      // the paper-loss ending branches off after the last epoch without the term
      int after = score == null ? 0 : firstAlignedEpoch(epochs, protocol.alignmentStart()) - 1;
      if (score != null) {
        builder.branch(after, PAPER_STAGE, new SplittableRandom(seed).split().nextLong(), (epoch, total) -> 0.0,
            branched -> {
              paper[0] = mlp.read(session);
              paperOutcome[0] = branched;
            });
      }
      if (hamiltonian) {
        // fed 2: the epochs run the Hamiltonian ending's own graph, with the same optimizer state
        builder.epochsWith(HAMILTONIAN_FEED, hamiltonianLoss, Adam.sameState(tf, adam, hamiltonianLoss, mlp.variables(),
            protocol.learningRate(), "invariant_adam_hamiltonian"));
        builder.branch(after, HAMILTONIAN_STAGE, new SplittableRandom(seed).split().split().nextLong(),
            (epoch, total) -> HAMILTONIAN_FEED, branched -> {
              hamiltonianWeights[0] = mlp.read(session);
              hamiltonianOutcome[0] = branched;
            });
      }
      EpochLoop<T> loop = builder.build(tf);
      EpochLoop.Outcome outcome = loop.run(epochs, rng);
      MlpWeights trained = mlp.read(session);
      loop.requireFinite(trained, null, outcome);
      LearnedInvariant refined = invariant(system, protocol, data, seed, trained, outcome, epochs, batches.length);
      if (score == null) {
        return new Selection(refined, Optional.empty());
      }
      loop.requireFinite(paper[0], "paper-loss ending", paperOutcome[0]);
      LearnedInvariant paperLoss = invariant(system, protocol.toBuilder().alignmentWeight(0).build(), data, seed,
          paper[0], paperOutcome[0], epochs - after, batches.length);
      double refinedScore = score.applyAsDouble(refined);
      double paperScore = score.applyAsDouble(paperLoss);
      LearnedInvariant hamiltonianH = null;
      double hamiltonianScore = Double.NaN;
      if (hamiltonian) {
        loop.requireFinite(hamiltonianWeights[0], "Hamiltonian ending", hamiltonianOutcome[0]);
        hamiltonianH = invariant(system, protocol, data, seed, hamiltonianWeights[0], hamiltonianOutcome[0], epochs - after, batches.length);
        hamiltonianScore = score.applyAsDouble(hamiltonianH);
      }
      // the lowest score wins; a tie (or a score that is not a number) keeps the refinement, the
      // library's default, then the paper-loss H
      Ending kept = Ending.REFINED;
      double best = Double.isNaN(refinedScore) ? Double.POSITIVE_INFINITY : refinedScore;
      if (paperScore < best) {
        kept = Ending.PAPER;
        best = paperScore;
      }
      if (hamiltonianScore < best) {
        kept = Ending.HAMILTONIAN;
      }
      Choice choice = new Choice(kept, refinedScore, paperScore, hamiltonianScore, paperOutcome[0].seconds(),
          hamiltonian ? hamiltonianOutcome[0].seconds() : 0.0, Optional.ofNullable(layout));
      LearnedInvariant chosen = switch (kept) {
        case REFINED -> refined;
        case PAPER -> paperLoss;
        case HAMILTONIAN -> hamiltonianH;
      };
      return new Selection(chosen, Optional.of(choice));
    }
  }

  /**
   * H with its provenance: the settings of {@code trainedWith}, and the training figures of {@code
   * outcome}, whose seconds are those of its last {@code timed} epochs.
   */
  private LearnedInvariant invariant(String system, Protocol trainedWith, Trajectories data, long seed,
      MlpWeights weights, EpochLoop.Outcome outcome, int timed, int stepsPerEpoch) {
    int epochs = protocol.contrastiveEpochs();
    InvariantProvenance provenance = new InvariantProvenance(system, InvariantProvenance.settings(trainedWith),
        seed, precision, data.count(), data.length(), data.dimension(), InvariantProvenance.hash(data),
        LibraryVersion.get(), epochs, stepsPerEpoch, timed == 0 ? 0.0 : outcome.seconds() / timed, outcome.finalLoss());
    return new LearnedInvariant(weights, provenance);
  }

  /** The pairing of positions with momenta in {@code data}, judged in the system's own units. */
  private HamiltonianLoss.Layout layout(Trajectories data) {
    double[][] x = data.pointStates();
    double[] flat = data.derivativesFlat();
    int n = data.dimension();
    double[][] v = new double[x.length][n];
    for (int p = 0; p < x.length; p++) {
      for (int d = 0; d < n; d++) {
        x[p][d] *= systemScale[d];
        v[p][d] = flat[p * n + d] * systemScale[d];
      }
    }
    return HamiltonianLoss.layout(x, v);
  }

  /**
   * The first epoch (1-based) of {@code epochs} that trains with the alignment term when the share
   * {@code start} of them trains without it: ⌊start · epochs⌋ + 1.
   */
  static int firstAlignedEpoch(int epochs, double start) {
    return (int) Math.floor(start * epochs) + 1;
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
}
