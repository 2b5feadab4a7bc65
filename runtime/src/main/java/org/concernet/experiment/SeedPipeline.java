/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.concernet.contrastive.HamiltonianLoss;
import org.concernet.contrastive.InvariantLearner;
import org.concernet.contrastive.LearnedInvariant;
import org.concernet.data.Rollout;
import org.concernet.data.SavitzkyGolay;
import org.concernet.data.Trajectories;
import org.concernet.dynamics.DynamicsLearner;
import org.concernet.dynamics.LevelSetRollout;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.eval.InvariantCount;
import org.concernet.eval.InvariantQuality;
import org.concernet.eval.Metrics;
import org.concernet.eval.Mse;
import org.concernet.eval.RSquared;
import org.concernet.latent.AutoencoderLearner;
import org.concernet.latent.LearnedAutoencoder;
import org.concernet.latent.StateSpace;
import org.concernet.nn.Precision;
import org.concernet.protocol.Calibrate;
import org.concernet.protocol.Protocol;
import org.concernet.report.ConsoleProgress;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.SeedResult;
import org.concernet.results.SymbolicInvariant;
import org.concernet.simulate.ReferenceIntegrator;
import org.concernet.simulate.Rk4;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.symbolic.Formula;
import org.concernet.symbolic.SymbolicReadout;
import org.concernet.system.SystemSpec;
import org.concernet.training.Checkpoints;
import org.concernet.training.ProgressListener;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * One seed of the paper's pipeline, the one path every run, {@link TrainedModels} and a resumed run
 * take: data → [autoencoder] → contrastive learning of H → a baseline and a projected dynamics model
 * → evaluation. The models learn in a {@link StateSpace}: the system's own states, or the latent
 * space of an autoencoder trained first on the same data (paper eq. 6). Evaluation is always on
 * the system's states: R² of H(E(x)) against the known invariants on fresh noise-free trajectories,
 * how conserved H is on those same trajectories without any known invariant, and rollouts in the space from E(x0), decoded at every time, against the double-precision truth.
 *
 * <p>Every random stream is derived from the seed and the stage's name ({@link Seeds}).
 */
final class SeedPipeline {
  private final ExperimentConfig config;
  private final SystemSpec system;
  private final Protocol protocol;
  private final TrajectoryGenerator generator = TrajectoryGenerator.reference();
  /** With latent = 0 (auto): each seed's estimate of the number of invariants, from its training. */
  private final Map<Long, InvariantCount> counts = new java.util.concurrent.ConcurrentHashMap<>();
  /** Each seed's choice between the refined and the paper-loss H, when it made one. */
  private final Map<Long, InvariantLearner.Choice> choices = new java.util.concurrent.ConcurrentHashMap<>();
  /** Each seed's choice of the network ConCerNet projects, when it made one. */
  private final Map<Long, NetworkChoice> networkChoices = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Long, Standardisation.Chosen> standardised = new java.util.concurrent.ConcurrentHashMap<>();

  SeedPipeline(ExperimentConfig config) {
    this.config = config;
    this.system = config.system();
    this.protocol = config.protocol();
  }

  /** How a seed's stages train: whom they report to, and their checkpoints ({@code null} for none). */
  record Training(ProgressListener listener, Checkpoints checkpoints) {
    static final Training QUIET = new Training(ProgressListener.NONE, null);
  }

  /**
   * Runs one seed on {@code measured} data, or on data generated from the seed when it is {@code
   * null}, and reports its figures to {@code progress}.
   */
  SeedRun run(long seed, Trajectories measured, ConsoleProgress progress, Training training) {
    StageClock clock = new StageClock();
    clock.start("data");
    Smoothing smoothed = measured != null ? Smoothing.of(measured, protocol, true) : prepared(seed);
    Trajectories data = smoothed.data();
    clock.stop();
    smoothed.note().ifPresent(how -> progress.message("seed " + seed + ": " + how));
    Fresh fresh = prefetch(seed, measured == null);
    TrainedModels models = train(data, seed, training, clock, fresh);
    Optional<InvariantScale.Fit> scaleFit = measured == null ? flowScale(models, data) : Optional.empty();
    if (scaleFit.isPresent()) {
      models = models.withScale(scaleFit.get().scale());
      clock.rate("invariantScale.relativeError", scaleFit.get().relativeError());
      clock.rate("invariantScale.used", scaleFit.get().scale().isPresent() ? 1 : 0);
    }
    Map<String, String> notes = new LinkedHashMap<>();
    smoothed.note().ifPresent(how -> {
      clock.rate("data.smoothingWindow", smoothed.filter().map(SavitzkyGolay::window).orElse(1));
      if (!Double.isNaN(smoothed.estimatedError())) {
        clock.rate("data.smoothingError", smoothed.estimatedError());
      }
      notes.put("smoothing", how);
    });
    Standardisation.Chosen chosen = standardised.remove(seed);
    if (chosen != null) {
      notes.put("standardisation", chosen.describe());
      progress.message("seed " + seed + ": " + chosen.describe());
    }
    scaleFit.ifPresent(fit -> {
      notes.put("invariantScale", fit.describe());
      progress.message("seed " + seed + ": " + fit.describe());
    });
    warn(notes, progress, "dataWarning", DataWarnings.derivativeSpan(data));
    Trajectories learned = models.space().encode(data);
    models.baseline().training().ifPresent(t ->
        warn(notes, progress, "baselineWarning", DataWarnings.unfit("baseline", t.finalLoss(), learned)));

    clock.start("evaluation");
    Map<String, Double> r2 = new LinkedHashMap<>();
    Map<String, Double> r2Cubic = new LinkedHashMap<>();
    double heldOut = Double.NaN;
    Trajectories heldOutStates = fresh.heldOut().get();
    if (models.autoencoder().isPresent()) {
      LearnedAutoencoder ae = models.autoencoder().get();
      heldOut = ae.reconstructionMse(heldOutStates.pointStates());
      clock.rate("autoencoder.heldOutMse", heldOut);
      notes.put("autoencoder", String.format(Locale.ROOT, "%d→%s→%d; reconstruction MSE %.3e on %d×%d held-out"
          + " (fresh, noise-free) states, %.3e on the %d (noisy) training states", system.dimension(),
          ae.provenance().hidden(), ae.provenance().latent(), heldOut, heldOutStates.count(), heldOutStates.length(),
          clock.rates().get("autoencoder.trainMse"), ae.provenance().states()));
    }
    if (!system.invariantNames().isEmpty()) {
      RSquared.Sample sample = RSquared.sample(models::invariant, heldOutStates, system::invariants);
      for (int k = 0; k < sample.linear().length; k++) {
        r2.put(system.invariantNames().get(k), sample.linear()[k]);
        r2Cubic.put(system.invariantNames().get(k), sample.cubic()[k]);
      }
      if (models.scale().isPresent()) {
        RSquared.Sample network = RSquared.sample(models::networkInvariant, heldOutStates, system::invariants);
        for (int k = 0; k < network.linear().length; k++) {
          clock.rate("network.invariantR2." + system.invariantNames().get(k), network.linear()[k]);
          clock.rate("network.invariantR2Cubic." + system.invariantNames().get(k), network.cubic()[k]);
        }
      }
    }
    Map<String, Map<String, Double>> quality = invariantQuality(models, heldOutStates, notes, progress);
    InvariantLearner.Choice choice = choices.remove(seed);
    if (choice != null) {
      notes.put(REFINEMENT_CHOICE, describe(choice));  // the seconds are in the rates: notes do not vary by run
      progress.message(String.format(Locale.ROOT, "seed %d: %s (the paper-loss ending trained in %.1f s%s)", seed,
          describe(choice), choice.paperSeconds(), choice.hamiltonianTrained()
              ? String.format(Locale.ROOT, ", the Hamiltonian ending in %.1f s", choice.hamiltonianSeconds()) : ""));
    }
    NetworkChoice network = networkChoices.remove(seed);
    if (network != null) {
      notes.put(NetworkChoice.KEY, network.describe());
      progress.message(String.format(Locale.ROOT, "seed %d: %s (%.1f s)", seed, network.describe(), network.seconds()));
    }
    InvariantCount count = counts.remove(seed);
    if (count != null) {
      count.rates().forEach(clock::rate);
      notes.put(InvariantCount.KEY, count.describe());
      progress.message("seed " + seed + ": invariant count: " + count.describe());
    }
    Map<String, SymbolicInvariant> formulas = symbolicInvariants(seed, models, heldOutStates, data, notes, progress);
    EvaluationRollouts rollouts = rollouts(seed, models);
    Rollout truth = rollouts.truth();
    Rk4.StepChoice b = rollouts.baseline();
    Rk4.StepChoice c = rollouts.concernet();
    Metrics mb = Metrics.of(system, truth, b.rollout());
    Metrics mc = Metrics.of(system, truth, c.rollout());
    levelSet(models, truth, c, clock, notes, progress);
    Optional<Metrics> mf = formulaModel(models, formulas, truth, c.substeps(), clock, notes, progress);
    clock.stop();
    notes.put("rolloutSubsteps", "baseline " + b.substeps() + ", concernet " + c.substeps()
        + (models.autoencoder().isPresent() ? " (RK4 in the latent space, decoded at every time)" : ""));
    if (!b.rollout().isFinite()) {
      notes.put("baselineNonFinite", b.rollout().nonFiniteReport());
    }
    if (!c.rollout().isFinite()) {
      notes.put("concernetNonFinite", c.rollout().nonFiniteReport());
    }
    Map<String, Double> timings = clock.total();
    Map<String, Metrics> byModel = new LinkedHashMap<>();
    byModel.put(SeedResult.BASELINE, mb);
    byModel.put(SeedResult.CONCERNET, mc);
    mf.ifPresent(m -> byModel.put(FormulaModel.NAME, m));
    SeedResult result = new SeedResult(seed, r2, r2Cubic, figures(byModel, Metrics::mse),
        figures(byModel, Metrics::finalMse), figures(byModel, Metrics::violation),
        figures(byModel, Metrics::finalViolation), timings, clock.rates(), notes, evaluationTrajectories(truth, b.rollout(), c.rollout()), quality, formulas);
    progress.message(String.format(Locale.ROOT, "seed %d: %sR² %s, MSE baseline %.3e / ConCerNet %.3e (%.1f s)",
        seed, Double.isNaN(heldOut) ? "" : String.format(Locale.ROOT, "autoencoder held-out MSE %.3e, ", heldOut),
        r2.isEmpty() ? "-" : formatR2(r2), mb.mse(), mc.mse(), timings.get("total")));
    result.worstTrajectoryLine().ifPresent(progress::message);
    return new SeedRun(result, models, truth, b.rollout(), c.rollout());
  }

  /**
   * With {@code levelSetNewton} &gt; 0, the third model: ConCerNet rolled out in double precision with
   * ConCerNet's step and held on the level set of the learned invariants after every step ({@link
   * LevelSetRollout}); its MSE, violations and the largest relative drift of the learned invariants
   * (beside ConCerNet's own) go to the seed's rates under {@code levelSet.*}. Not for autoencoder
   * systems, whose rollouts run in the latent space.
   */
  private void levelSet(TrainedModels models, Rollout truth, Rk4.StepChoice concernet, StageClock clock,
      Map<String, String> notes, ConsoleProgress progress) {
    if (protocol.levelSetNewton() == 0) {
      return;
    }
    if (models.autoencoder().isPresent()) {
      notes.put("levelSet", "not run: the level-set model is for systems without an autoencoder");
      return;
    }
    double[][] initial = new double[truth.count()][];
    for (int i = 0; i < initial.length; i++) {
      initial[i] = truth.state(i, 0);
    }
    long started = System.nanoTime();
    StateSpace space = models.space();
    Rollout inSpace = new LevelSetRollout(models.concernet(), protocol.levelSetNewton())
        .rollout(space.encode(initial), truth.times(), concernet.substeps());
    Rollout held = space.decode(inSpace);
    Metrics m = Metrics.of(system, truth, held);
    var h = models.concernet().invariant().orElseThrow();
    double drift = LevelSetRollout.maxRelativeDrift(h, inSpace);
    double concernetDrift = LevelSetRollout.maxRelativeDrift(h, encode(space, concernet.rollout()));
    clock.rate("levelSet.mse", m.mse());
    clock.rate("levelSet.mseFinal", m.finalMse());
    m.violation().forEach((name, v) -> clock.rate("levelSet.violation." + name, v));
    clock.rate("levelSet.maxDrift", drift);
    clock.rate("concernet.maxDrift", concernetDrift);
    clock.rate("levelSet.seconds", (System.nanoTime() - started) / 1e9);
    if (!held.isFinite()) {
      notes.put("levelSetNonFinite", held.nonFiniteReport());
    }
    StringBuilder violations = new StringBuilder();
    m.violation().forEach((name, v) -> violations.append(String.format(Locale.ROOT, ", violation %s %.3e", name, v)));
    progress.message(String.format(Locale.ROOT, "level-set model (%d Newton steps, %d substeps): MSE %.3e%s;"
        + " learned invariants' largest relative drift %.1e (ConCerNet without it: %.1e)",
        protocol.levelSetNewton(), concernet.substeps(), m.mse(), violations, drift, concernetDrift));
  }

  /** A rollout of the system's states as states of {@code space} (the same rollout in the system's own). */
  private static Rollout encode(StateSpace space, Rollout rollout) {
    if (space == StateSpace.identity()) {
      return rollout;
    }
    double[][][] states = new double[rollout.count()][rollout.length()][];
    for (int i = 0; i < rollout.count(); i++) {
      for (int t = 0; t < rollout.length(); t++) {
        states[i][t] = space.encode(rollout.state(i, t));
      }
    }
    return new Rollout(rollout.times(), states, rollout.substeps());
  }

  /** One figure of each model's metrics, in the models' order. */
  private static <V> Map<String, V> figures(Map<String, Metrics> byModel, java.util.function.Function<Metrics, V> figure) {
    Map<String, V> out = new LinkedHashMap<>();
    byModel.forEach((model, m) -> out.put(model, figure.apply(m)));
    return out;
  }

  /**
   * The formula model ({@link FormulaModel}): its metrics, when every learned output was read out as
   * a formula and the models work in the system's states; else a note saying why not. Its drift
   * and time go to the seed's rates under {@code formula.*}.
   */
  private Optional<Metrics> formulaModel(TrainedModels models, Map<String, SymbolicInvariant> formulas, Rollout truth,
      int substeps, StageClock clock, Map<String, String> notes, ConsoleProgress progress) {
    Optional<String> unavailable = FormulaModel.unavailable(models, formulas);
    if (unavailable.isPresent()) {
      notes.put(FormulaModel.NAME, "not run: " + unavailable.get());
      return Optional.empty();
    }
    long started = System.nanoTime();
    List<Formula> phi = FormulaModel.formulas(system, formulas);
    Rollout held = FormulaModel.rollout(models, phi, truth, substeps);
    Metrics m = Metrics.of(system, truth, held);
    double drift = FormulaModel.maxRelativeDrift(phi, held);
    clock.rate("formula.maxDrift", drift);
    clock.rate("formula.seconds", (System.nanoTime() - started) / 1e9);
    if (!held.isFinite()) {
      notes.put(FormulaModel.NAME + "NonFinite", held.nonFiniteReport());
    }
    progress.message(FormulaModel.describe(substeps, m.mse(), m.violation(), drift));
    return Optional.of(m);
  }

  /** Key of the refinement choice's line in a seed's notes. */
  static final String REFINEMENT_CHOICE = "refinementChoice";

  private static String describe(HamiltonianLoss.Layout layout) {
    return switch (layout) {
      case BLOCK -> "states read as positions, then momenta";
      case INTERLEAVED -> "states read as each position followed by its momentum";
    };
  }

  private static String describe(InvariantLearner.Choice choice) {
    String kept = switch (choice.kept()) {
      case REFINED -> "refined";
      case PAPER -> "paper-loss";
      case HAMILTONIAN -> "Hamiltonian";
    };
    return String.format(Locale.ROOT, "kept the %s H: spread on validation trajectories %.3e with the alignment"
        + " refinement, %.3e with the paper's loss alone%s", kept, choice.refinedScore(), choice.paperScore(),
        choice.hamiltonianTrained() ? String.format(Locale.ROOT, ", %.3e with the Hamiltonian term, %s",
            choice.hamiltonianScore(), choice.layout().map(SeedPipeline::describe).orElse("")) : "");
  }

  private static double[] ones(int n) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, 1.0);
    return out;
  }

  /** Prints {@code warning}, if there is one, and keeps it in the seed's notes under {@code key}. */
  private static void warn(Map<String, String> notes, ConsoleProgress progress, String key, Optional<String> warning) {
    warning.ifPresent(w -> {
      notes.put(key, w);
      progress.message("warning: " + w);
    });
  }

  /**
   * How conserved each learned output is on the held-out trajectories {@code fresh}, in the space H
   * acts on ({@link InvariantQuality}); when the figures say projecting onto H is likely to hurt,
   * a plain warning to {@code progress} and in {@code notes}: the evaluation still runs both models,
   * but the user must not read the projected model as the better one.
   */
  private static Map<String, Map<String, Double>> invariantQuality(TrainedModels models, Trajectories fresh,
      Map<String, String> notes, ConsoleProgress progress) {
    LearnedInvariant h = models.learnedInvariant();
    InvariantQuality[] figures = InvariantQuality.of(h::value, h::gradient, models.space().encode(fresh));
    Map<String, Map<String, Double>> quality = new LinkedHashMap<>();
    List<String> poor = new ArrayList<>();
    for (int k = 0; k < figures.length; k++) {
      Map<String, Double> byFigure = new LinkedHashMap<>();
      byFigure.put(InvariantQuality.SPREAD, figures[k].spread());
      byFigure.put(InvariantQuality.ALIGNMENT, figures[k].alignment());
      quality.put(SeedResult.learnedOutput(k), byFigure);
      if (figures[k].likelyHurts()) {
        poor.add(SeedResult.learnedOutput(k) + " (" + figures[k].describe() + ")");
      }
    }
    if (!poor.isEmpty()) {
      String warning = String.format(Locale.ROOT, "WARNING: the learned %s %s not conserved on held-out trajectories"
          + " (thresholds: spread %.2f, alignment %.2f). The data may conserve nothing, or H is not accurate enough:"
          + " projecting onto it is likely to make the dynamics worse; do not read ConCerNet's figures as an"
          + " improvement over the baseline.", String.join(", ", poor), poor.size() == 1 ? "is" : "are",
          InvariantQuality.SPREAD_THRESHOLD, InvariantQuality.ALIGNMENT_THRESHOLD);
      notes.put("invariantQuality", warning);
      progress.message(warning);
    }
    return quality;
  }

  /**
   * Each learned output read out as a formula on the held-out trajectories {@code fresh}, in the
   * system's own states ({@link SymbolicReadout}), one console line per output; a read-out that
   * cannot run (H's gradient vanishes everywhere) is a note, not a failed seed.
   */
  private Map<String, SymbolicInvariant> symbolicInvariants(long seed, TrainedModels models, Trajectories fresh,
      Trajectories training, Map<String, String> notes, ConsoleProgress progress) {
    try {
      Map<String, SymbolicInvariant> formulas = readOut(models, fresh, training);
      formulas.values().forEach(f -> progress.message("seed " + seed + ": " + f.summary()));
      return formulas;
    } catch (IllegalArgumentException e) {
      notes.put("symbolicInvariants", "no read-out: " + e.getMessage());
      progress.message("seed " + seed + ": no symbolic read-out: " + e.getMessage());
      return Map.of();
    }
  }

  /** Each learned output of {@code models} read out as a formula on {@code fresh} (system states). */
  Map<String, SymbolicInvariant> readOut(TrainedModels models, Trajectories fresh, Trajectories training) {
    return SymbolicReadout.defaults().withDeclared(system.candidateTermNames(), system::candidateTerms)
        .withFlowData(training)
        .read(models::invariant, models::invariantGradient, fresh,
        system.invariantNames(), system::invariants);
  }

  /** The held-out, noise-free trajectories of a seed, on which R², quality and the read-out are measured. */
  Trajectories heldOut(long seed) {
    return fresh(seed, "r2");
  }

  /**
   * A seed's noise-free validation trajectories (for the refinement and the projected network's
   * choices) and held-out ones (for R², quality and the read-out), each computed once, when first
   * asked for; {@code generated}: whether the seed's training data were generated from the system
   * (measured data get no choice of the projected network).
   */
  record Fresh(Supplier<Trajectories> validation, Supplier<Trajectories> heldOut, boolean generated) {}

  /**
   * Starts generating the seed's validation and then its held-out trajectories on a background
   * thread, while its models train: they depend on the seed only, so the results are those of
   * generating them when needed, and a run of one seed leaves a core to them.
   */
  private Fresh prefetch(long seed, boolean generated) {
    java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(
        Background.daemons("concernet-trajectories-seed-" + seed));
    // validation trajectories only where the refinement or the projected network is chosen
    boolean chosen = protocol.alignmentWeight() > 0 && protocol.alignmentStart() > 0 && protocol.latent() == 1
        && protocol.contrastiveEpochs() > 0
        || NetworkChoice.applies(protocol, protocol.latent(), protocol.autoencoder().isPresent(), generated);
    CompletableFuture<Trajectories> validation = chosen
        ? CompletableFuture.supplyAsync(() -> fresh(seed, "validation"), thread) : null;
    CompletableFuture<Trajectories> heldOut = CompletableFuture.supplyAsync(() -> heldOut(seed), thread);
    thread.shutdown();  // the thread ends after its tasks
    return new Fresh(validation != null ? () -> await(validation) : () -> fresh(seed, "validation"),
        () -> await(heldOut), generated);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw Background.rethrown(e.getCause());
    }
  }

  /** Noise-free trajectories as many and as long as the R² ones, from the seed's stream {@code stream}. */
  private Trajectories fresh(long seed, String stream) {
    return generator.generate(system, protocol.r2Trajectories(), protocol.trainingTimes(), Seeds.derive(seed, stream));
  }

  /** The training data a seed generates from the system, smoothed as the protocol says. */
  Trajectories trainingData(long seed) {
    return prepared(seed).data();
  }

  /** A seed's generated training data, smoothed as the protocol says ({@link Smoothing#of}). */
  private Smoothing prepared(long seed) {
    return Smoothing.of(generator.trainingData(system, protocol, Seeds.derive(seed, "data")), protocol, false);
  }

  /**
   * The models of one seed trained on {@code data}: for a protocol with an autoencoder, the
   * autoencoder first (on the states of {@code data}), then H and both dynamics models in its
   * latent space; otherwise H and both dynamics models on the states themselves.
   */
  TrainedModels train(Trajectories data, long seed, Training training, StageClock clock) {
    TrainedModels models = train(data, seed, training, clock, new Fresh(() -> fresh(seed, "validation"),
        () -> heldOut(seed), true));
    return flowScale(models, data).map(fit -> models.withScale(fit.scale())).orElse(models);
  }

  /**
   * With {@code calibrate = auto}, one learned output and no autoencoder: the fit of the flow's
   * scale for H on the training {@code data} (states in the system's units), whether or not it is
   * good enough to use ({@link InvariantScale#fit}); empty where none is tried.
   */
  private Optional<InvariantScale.Fit> flowScale(TrainedModels models, Trajectories data) {
    if (protocol.calibrate() == Calibrate.OFF || models.learnedInvariant().outputSize() != 1
        || models.autoencoder().isPresent() || !data.hasDerivatives()) {
      return Optional.empty();
    }
    return Optional.of(InvariantScale.fit(data, x -> models.networkInvariant(x)[0],
        x -> column(models.networkInvariantGradient(x))));
  }

  private static double[] column(double[][] gradient) {
    double[] out = new double[gradient.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = gradient[k][0];
    }
    return out;
  }

  private TrainedModels train(Trajectories data, long seed, Training training, StageClock clock, Fresh fresh) {
    StateSpace space = StateSpace.identity();
    if (protocol.autoencoder().isPresent()) {
      clock.start(AutoencoderLearner.STAGE);
      LearnedAutoencoder autoencoder = AutoencoderLearner.of(protocol)
          .withPrecision(precision())
          .withListener(training.listener())
          .withCheckpoints(training.checkpoints())
          .learn(system.name(), data, Seeds.derive(seed, AutoencoderLearner.STAGE));
      space = StateSpace.of(autoencoder);
      Trajectories encoded = space.encode(data);
      clock.stop();
      LearnedAutoencoder.Provenance ap = autoencoder.provenance();
      clock.rate("autoencoder.secondsPerEpoch", ap.secondsPerEpoch());
      clock.rate("autoencoder.stepsPerSecond", ap.secondsPerEpoch() > 0
          ? Math.ceil((double) ap.states() / ap.batch()) / ap.secondsPerEpoch() : Double.NaN);
      clock.rate("autoencoder.trainMse", autoencoder.reconstructionMse(data.pointStates()));
      return learn(space, encoded, seed, training, clock, fresh);
    }
    Optional<Standardisation.Chosen> chosen = Standardisation.chosen(protocol.standardise(), protocol.activation(), data);
    if (chosen.isPresent()) {
      standardised.put(seed, chosen.get());
      Standardisation z = chosen.get().space();
      return learn(z, z.encode(data), seed, training, clock, fresh);
    }
    return learn(space, data, seed, training, clock, fresh);
  }

  /** Steps (i) and (ii) on {@code data}, which lie in {@code space}. */
  private TrainedModels learn(StateSpace space, Trajectories data, long seed, Training training, StageClock clock,
      Fresh fresh) {
    clock.start("contrastive");
    boolean auto = protocol.latent() == 0;
    Protocol learning = auto ? protocol.toBuilder().latent(InvariantCount.probeOutputs(data.dimension())).build()
        : protocol;
    InvariantLearner contrastive = new InvariantLearner(learning);
    if (space.autoencoder().isEmpty()) {
      // the Hamiltonian relation holds in the system's own coordinates; a latent code has none
      contrastive = contrastive.withSystemScale(space instanceof Standardisation z ? z.std() : ones(data.dimension()));
    }
    InvariantLearner.Selection selection = contrastive
        .withPrecision(precision())
        .withListener(training.listener())
        .withCheckpoints(training.checkpoints())
        .select(system.name(), data, Seeds.derive(seed, "contrastive"), validationSpread(space, fresh.validation()));
    LearnedInvariant invariant = selection.invariant();
    selection.choice().ifPresent(c -> {
      choices.put(seed, c);
      clock.rate("contrastive.refinedSpread", c.refinedScore());
      clock.rate("contrastive.paperSpread", c.paperScore());
      clock.rate("contrastive.keptRefined", c.refined() ? 1 : 0);
      clock.rate("contrastive.paperSeconds", c.paperSeconds());
      if (c.hamiltonianTrained()) {
        clock.rate("contrastive.hamiltonianSpread", c.hamiltonianScore());
        clock.rate("contrastive.keptHamiltonian", c.kept() == InvariantLearner.Ending.HAMILTONIAN ? 1 : 0);
        clock.rate("contrastive.hamiltonianSeconds", c.hamiltonianSeconds());
      }
    });
    if (auto) {
      Trajectories heldOut = space.encode(fresh.heldOut().get());
      InvariantCount count = InvariantCount.of(InvariantQuality.of(invariant::value, invariant::gradient, heldOut),
          invariant::gradient, heldOut);
      counts.put(seed, count);
      invariant = new LearnedInvariant(invariant.weights().outputs(count.outputsToKeep()), invariant.provenance());
    }
    clock.stop();
    clock.rate("contrastive.secondsPerEpoch", invariant.provenance().secondsPerEpoch());
    clock.rate("contrastive.stepsPerSecond",
        invariant.provenance().stepsPerEpoch() / invariant.provenance().secondsPerEpoch());

    clock.start("dynamics");
    DynamicsLearner learner = DynamicsLearner.builder(protocol)
        .seed(Seeds.derive(seed, "dynamics"))
        .type(config.float64() ? TFloat64.class : TFloat32.class)
        .listener(training.listener())
        .checkpoints(training.checkpoints())
        .build();
    LearnedDynamics baseline = learner.trainBaseline(data);
    LearnedDynamics concernet = learner.trainProjected(data, invariant::weights);
    TrainedModels models = new TrainedModels(invariant, baseline, concernet, space);
    if (NetworkChoice.applies(protocol, invariant.outputSize(), space, fresh.generated())) {
      NetworkChoice.Chosen chosen = NetworkChoice.of(models, fresh.validation().get());
      models = chosen.models();
      NetworkChoice choice = chosen.choice();
      networkChoices.put(seed, choice);
      clock.rate("projection.keptBaseline", choice.keptBaseline() ? 1 : 0);
      clock.rate("projection.validationMse.trained", choice.trainedMse());
      clock.rate("projection.validationMse.baseline", choice.baselineMse());
      clock.rate("projection.z", choice.z());
      clock.rate("projection.seconds", choice.seconds());
    }
    clock.stop();
    baseline.training().ifPresent(t -> {
      long points = (long) data.count() * data.length();
      long stepsPerEpoch = (points + protocol.dynamicsBatch() - 1) / protocol.dynamicsBatch();
      clock.rate("dynamics.stepsPerSecond", t.seconds() > 0 ? t.epochs() * stepsPerEpoch / t.seconds() : Double.NaN);
    });
    return models;
  }

  /**
   * The score {@link InvariantLearner#select} chooses the refined or the paper-loss H by: H's mean
   * {@link InvariantQuality#spread spread} on validation trajectories, generated (noise-free) from
   * the system with the seed's own stream, as many and as long as the R² trajectories but not
   * those, so the choice never sees what the results are measured on; in {@code space}.
   */
  private java.util.function.ToDoubleFunction<LearnedInvariant> validationSpread(StateSpace space,
      Supplier<Trajectories> states) {
    Trajectories[] validation = new Trajectories[1];
    return h -> {
      if (validation[0] == null) {
        validation[0] = space.encode(states.get());
      }
      return java.util.Arrays.stream(InvariantQuality.of(h::value, h::gradient, validation[0]))
          .mapToDouble(InvariantQuality::spread).average().orElse(Double.NaN);
    };
  }

  /** The truth and both models' rollouts from one seed's evaluation initial states. */
  record EvaluationRollouts(Rollout truth, Rk4.StepChoice baseline, Rk4.StepChoice concernet) {}

  /**
   * Rolls both models out from the evaluation initial states of {@code seed}, with the step rule
   * against the truth: deterministic, so a resumed run recomputes exactly what the interrupted one had.
   */
  EvaluationRollouts rollouts(long seed, TrainedModels models) {
    double[][] initial = TrajectoryGenerator.sampleEvaluationStates(system, protocol.evaluationTrajectories(),
        TrajectoryGenerator.initialStateRandom(Seeds.derive(seed, "evaluation")));
    double[] times = protocol.evaluationTimes();
    Rollout truth = new ReferenceIntegrator().rollout(system, initial, times);
    return new EvaluationRollouts(truth, models.converged(models.baseline(), initial, times, truth),
        models.converged(models.concernet(), initial, times, truth));
  }

  private Precision precision() {
    return config.float64() ? Precision.FLOAT64 : Precision.FLOAT32;
  }

  /** Each evaluation trajectory's initial state and both models' MSE over it alone. */
  private static List<EvaluationTrajectory> evaluationTrajectories(Rollout truth, Rollout baseline,
      Rollout concernet) {
    double[] b = Mse.perTrajectory(truth, baseline);
    double[] c = Mse.perTrajectory(truth, concernet);
    List<EvaluationTrajectory> out = new ArrayList<>();
    for (int i = 0; i < truth.count(); i++) {
      List<Double> x0 = new ArrayList<>();
      for (double v : truth.state(i, 0)) {
        x0.add(v);
      }
      Map<String, Double> mse = new LinkedHashMap<>();
      mse.put(SeedResult.BASELINE, b[i]);
      mse.put(SeedResult.CONCERNET, c[i]);
      out.add(new EvaluationTrajectory(x0, mse));
    }
    return out;
  }

  private static String formatR2(Map<String, Double> r2) {
    StringBuilder s = new StringBuilder();
    r2.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
        .append(String.format(Locale.ROOT, "%.5f", v)));
    return s.toString();
  }
}
