/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.contrastive.InvariantLearner;
import org.concernet.contrastive.LearnedInvariant;
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.dynamics.DynamicsLearner;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.eval.Metrics;
import org.concernet.eval.Mse;
import org.concernet.eval.RSquared;
import org.concernet.latent.AutoencoderLearner;
import org.concernet.latent.LearnedAutoencoder;
import org.concernet.nn.ModelStore;
import org.concernet.nn.Precision;
import org.concernet.protocol.Protocol;
import org.concernet.report.ConsoleProgress;

import org.concernet.report.ResultsWriter;
import org.concernet.report.SummaryTable;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.simulate.ReferenceIntegrator;
import org.concernet.simulate.Rk4;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.system.SystemSpec;
import org.concernet.training.Checkpoints;
import org.concernet.training.LibraryVersion;
import org.concernet.training.ProgressListener;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * The ConCerNet pipeline for one system, seed by seed: training data → contrastive learning of
 * the invariant H → R² of H against every known invariant on fresh trajectories → a baseline and
 * a projected (ConCerNet) dynamics model trained on the same data → rollouts of both from the same
 * evaluation initial states against the double-precision truth → MSE and violation. Then the
 * figures over seeds go to results.json, results.csv, the console table, PNG figures and
 * report.html; the trained models of every seed are saved under models/.
 *
 * <p>Every random stream is derived from the seed and the stage's name ({@link Seeds}), so the
 * same seed and configuration give the same results on the same machine.
 */
public final class Experiment {
  private Experiment() {}

  /** Runs the experiment, writes its outputs into {@code config.out()}, and returns its results. */
  public static ExperimentResults run(ExperimentConfig config, PrintStream out) {
    return run(config, out, false);
  }

  /**
   * As {@link #run(ExperimentConfig, PrintStream)}; with {@code resume}, every seed that an earlier
   * run with the same configuration completed in {@code config.out()} (its {@code seeds/seed-N.json}
   * and saved models) is taken from there instead of trained again, and a seed that was interrupted
   * continues each training stage from its last checkpoint ({@code checkpoints/seed-N/<stage>.ckpt},
   * written every {@value Checkpoints#DEFAULT_EVERY} epochs and at the end of the stage, deleted once
   * the seed is complete). Seeds are deterministic and the checkpoints hold the whole training state,
   * so the results equal those of an uninterrupted run.
   */
  public static ExperimentResults run(ExperimentConfig config, PrintStream out, boolean resume) {
    return run(config, out, resume, Checkpoints.DEFAULT_EVERY, ProgressListener.NONE);
  }

  /**
   * As {@link #run(ExperimentConfig, PrintStream, boolean)} with checkpoints every {@code
   * checkpointEvery} epochs, and every epoch also reported to {@code observer} (tests interrupt a
   * run from there).
   */
  public static ExperimentResults run(ExperimentConfig config, PrintStream out, boolean resume, int checkpointEvery,
      ProgressListener observer) {
    SystemSpec system = config.system();
    Protocol protocol = config.protocol();
    if (system.invariantNames().isEmpty()) {
      out.println(system.name() + " declares no @Invariant: R² and violation cannot be measured, only MSE.");
    }
    ConsoleProgress progress = new ConsoleProgress(out, System.console() != null && System.getenv("CI") == null,
        System.console() != null ? 0.2 : 10.0);
    ProgressListener listener = (stage, epoch, epochs, loss) -> {
      progress.epoch(stage, epoch, epochs, loss);
      observer.epoch(stage, epoch, epochs, loss);
    };
    String fingerprint = Resume.fingerprint(config);
    Trajectories measured = config.data() == null ? null : MeasuredData.read(config.data(), system);
    String data = measured == null
        ? String.format(Locale.ROOT, "%d trajectories × %d points on [%s, %s], noise %s", protocol.trajectories(),
            protocol.points(), protocol.startTime(), protocol.endTime(), protocol.noise())
        : String.format(Locale.ROOT, "%d measured trajectories × %d points from %s", measured.count(),
            measured.length(), config.data());
    out.printf(Locale.ROOT, "%s: %s, H %d→%s→%d (%s), %d contrastive / %d dynamics epochs, %d seed(s)%s%n",
        system.name(), data,
        protocol.autoencoder().map(Protocol.AutoencoderSpec::latent).orElse(system.dimension()),
        protocol.hidden(), protocol.latent(),
        protocol.activation().name().toLowerCase(Locale.ROOT), protocol.contrastiveEpochs(),
        protocol.dynamicsEpochs(), config.seeds().size(),
        config.preset() == null ? "" : ", preset " + config.preset().name().toLowerCase(Locale.ROOT));
    protocol.autoencoder().ifPresent(ae -> out.printf(Locale.ROOT,
        "  learning in the latent space of an autoencoder %d→%s→%d (tanh), %d epochs, batch %d (paper eq. 6)%n",
        system.dimension(), ae.hidden(), ae.latent(), ae.epochs(), ae.batch()));

    List<SeedResult> seeds = new ArrayList<>();
    List<SeedRun> runs = new ArrayList<>();
    for (int i = 0; i < config.seeds().size(); i++) {
      long seed = config.seeds().get(i);
      progress.seed(seed, i, config.seeds().size());
      Path models = config.out().resolve("models").resolve("seed-" + seed);
      Path record = config.out().resolve("seeds").resolve("seed-" + seed + ".json");
      Path checkpointFolder = config.out().resolve("checkpoints").resolve("seed-" + seed);
      SeedRun run;
      if (resume && Files.exists(record)) {
        run = Resume.load(config, seed, record, models);
        progress.message("seed " + seed + ": resumed from " + record);
      } else {
        if (resume && Files.isDirectory(checkpointFolder)) {
          progress.message("seed " + seed + ": continuing from the checkpoints in " + checkpointFolder);
        }
        Checkpoints checkpoints = Checkpoints.in(checkpointFolder, fingerprint).every(checkpointEvery)
            .resuming(resume);
        run = runSeed(config, measured, seed, progress, new Training(listener, checkpoints));
        saveModels(models, run);
        Resume.save(config, run.result(), record);
      }
      Checkpoints.delete(checkpointFolder);
      runs.add(run);
      seeds.add(run.result());
    }
    deleteIfEmpty(config.out().resolve("checkpoints"));
    ExperimentResults results = new ExperimentResults(system.name(), system.invariantNames(), configMap(config), seeds);
    ResultsWriter.write(results, config.out());
    Path report = ExperimentFigures.write(config, results, runs);
    out.print(SummaryTable.render(results));
    out.println("Results: " + config.out().resolve("results.json") + ", report: " + report);
    return results;
  }

  /** One seed's trained models, rollouts and measurements. */
  record SeedRun(SeedResult result, LearnedInvariant invariant, LearnedDynamics baseline,
      LearnedDynamics concernet, Rollout truth, Rollout baselineRollout, Rollout concernetRollout,
      LearnedAutoencoder autoencoder) {
    SeedRun(SeedResult result, LearnedInvariant invariant, LearnedDynamics baseline, LearnedDynamics concernet,
        Rollout truth, Rollout baselineRollout, Rollout concernetRollout) {
      this(result, invariant, baseline, concernet, truth, baselineRollout, concernetRollout, null);
    }
  }

  /** How a seed's stages train: whom they report to, and their checkpoints ({@code null} for none). */
  record Training(ProgressListener listener, Checkpoints checkpoints) {}

  private static void deleteIfEmpty(Path folder) {
    try (java.util.stream.Stream<Path> entries = Files.isDirectory(folder) ? Files.list(folder) : null) {
      if (entries != null && entries.findAny().isEmpty()) {
        Files.delete(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
    }
  }

  /** One seed, reporting to {@code progress}, without checkpoints. */
  static SeedRun runSeed(ExperimentConfig config, Trajectories measured, long seed, ConsoleProgress progress) {
    return runSeed(config, measured, seed, progress, new Training(progress, null));
  }

  static SeedRun runSeed(ExperimentConfig config, Trajectories measured, long seed, ConsoleProgress progress,
      Training training) {
    if (config.protocol().autoencoder().isPresent()) {
      return runLatentSeed(config, measured, seed, progress, training);
    }
    return runFullSeed(config, measured, seed, progress, training);
  }

  private static SeedRun runFullSeed(ExperimentConfig config, Trajectories measured, long seed,
      ConsoleProgress progress, Training training) {
    SystemSpec system = config.system();
    Protocol protocol = config.protocol();
    TrajectoryGenerator generator = TrajectoryGenerator.reference();
    Map<String, Double> timings = new LinkedHashMap<>();
    Map<String, Double> rates = new LinkedHashMap<>();
    Map<String, String> notes = new LinkedHashMap<>();
    long start = System.nanoTime();

    Stopwatch clock = new Stopwatch(timings, rates);
    clock.start("data");
    Trajectories train = measured != null ? measured
        : generator.trainingData(system, protocol, Seeds.derive(seed, "data"));
    clock.stop();

    TrainedModels models = train(config, train, seed, training, clock, rates);
    LearnedInvariant invariant = models.learnedInvariant();
    LearnedDynamics baseline = models.baseline();
    LearnedDynamics concernet = models.concernet();

    clock.start("evaluation");
    Map<String, Double> r2 = new LinkedHashMap<>();
    Map<String, Double> r2Cubic = new LinkedHashMap<>();
    if (!system.invariantNames().isEmpty()) {
      Trajectories fresh = generator.generate(system, protocol.r2Trajectories(), protocol.trainingTimes(),
          Seeds.derive(seed, "r2"));
      r2Figures(system, RSquared.sample(invariant::value, fresh, system::invariants), r2, r2Cubic);
    }
    Rollouts rollouts = rollouts(config, seed, baseline, concernet);
    Rollout truth = rollouts.truth();
    Rk4.StepChoice b = rollouts.baseline();
    Rk4.StepChoice c = rollouts.concernet();
    Metrics mb = Metrics.of(system, truth, b.rollout());
    Metrics mc = Metrics.of(system, truth, c.rollout());
    clock.stop();
    notes.put("rolloutSubsteps", "baseline " + b.substeps() + ", concernet " + c.substeps());
    SeedResult result = seedResult(seed, r2, r2Cubic, mb, mc, truth, b.rollout(), c.rollout(), start, timings,
        rates, notes);
    progress.message(String.format(Locale.ROOT, "seed %d: R² %s, MSE baseline %.3e / ConCerNet %.3e (%.1f s)",
        seed, r2.isEmpty() ? "-" : formatR2(r2), mb.mse(), mc.mse(), timings.get("total")));
    result.worstTrajectoryLine().ifPresent(progress::message);
    return new SeedRun(result, invariant, baseline, concernet, truth, b.rollout(), c.rollout());
  }

  /** Puts the linear (the paper's) and the cubic R² of each known invariant. */
  private static void r2Figures(SystemSpec system, RSquared.Sample sample, Map<String, Double> r2,
      Map<String, Double> r2Cubic) {
    double[] linear = sample.linear();
    double[] cubic = sample.cubic();
    for (int k = 0; k < linear.length; k++) {
      r2.put(system.invariantNames().get(k), linear[k]);
      r2Cubic.put(system.invariantNames().get(k), cubic[k]);
    }
  }

  /**
   * One seed's result from both models' metrics: notes any rollout that stopped being finite and
   * closes the seed's total time.
   */
  private static SeedResult seedResult(long seed, Map<String, Double> r2, Map<String, Double> r2Cubic, Metrics mb,
      Metrics mc, Rollout truth, Rollout baseline, Rollout concernet, long start, Map<String, Double> timings,
      Map<String, Double> rates, Map<String, String> notes) {
    if (!baseline.isFinite()) {
      notes.put("baselineNonFinite", baseline.nonFiniteReport());
    }
    if (!concernet.isFinite()) {
      notes.put("concernetNonFinite", concernet.nonFiniteReport());
    }
    timings.put("total", (System.nanoTime() - start) / 1e9);
    return new SeedResult(seed, r2, r2Cubic,
        Map.of(SeedResult.BASELINE, mb.mse(), SeedResult.CONCERNET, mc.mse()),
        Map.of(SeedResult.BASELINE, mb.finalMse(), SeedResult.CONCERNET, mc.finalMse()),
        Map.of(SeedResult.BASELINE, mb.violation(), SeedResult.CONCERNET, mc.violation()),
        Map.of(SeedResult.BASELINE, mb.finalViolation(), SeedResult.CONCERNET, mc.finalViolation()),
        timings, rates, notes, evaluationTrajectories(truth, baseline, concernet));
  }

  /** Each evaluation trajectory's initial state and both models' MSE over it alone. */
  private static List<EvaluationTrajectory> evaluationTrajectories(Rollout truth, Rollout baseline, Rollout concernet) {
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

  /** The truth and both models' rollouts from one seed's evaluation initial states. */
  record Rollouts(Rollout truth, Rk4.StepChoice baseline, Rk4.StepChoice concernet) {}

  /**
   * Rolls both models out from the evaluation initial states of {@code seed} and integrates the
   * truth: deterministic, so a resumed run recomputes exactly what the interrupted one had.
   */
  static Rollouts rollouts(ExperimentConfig config, long seed, LearnedDynamics baseline, LearnedDynamics concernet) {
    Truth t = Truth.of(config, seed);
    return new Rollouts(t.rollout(), rk4(baseline, config).converged(t.initial(), t.times(), t.rollout()),
        rk4(concernet, config).converged(t.initial(), t.times(), t.rollout()));
  }

  /** The evaluation initial states of a seed, the evaluation times, and the true rollout from them. */
  private record Truth(double[][] initial, double[] times, Rollout rollout) {
    static Truth of(ExperimentConfig config, long seed) {
      SystemSpec system = config.system();
      Protocol protocol = config.protocol();
      double[][] initial = TrajectoryGenerator.sampleEvaluationStates(system, protocol.evaluationTrajectories(),
          TrajectoryGenerator.initialStateRandom(Seeds.derive(seed, "evaluation")));
      double[] times = protocol.evaluationTimes();
      return new Truth(initial, times, new ReferenceIntegrator().rollout(system, initial, times));
    }
  }

  /**
   * One seed of a high-dimensional system learned in the latent space of an autoencoder (paper eq.
   * 6): the autoencoder trains on the training states; H and both dynamics models train on the
   * latent trajectories z = E(x), ż = (∂E/∂x)ẋ; R² is of H(E(x)) against the invariants of the
   * original states; rollouts run in z from E(x0) and are decoded by D at every time, so MSE and
   * violation are measured on the original states against the original truth.
   */
  private static SeedRun runLatentSeed(ExperimentConfig config, Trajectories measured, long seed,
      ConsoleProgress progress, Training training) {
    SystemSpec system = config.system();
    Protocol protocol = config.protocol();
    TrajectoryGenerator generator = TrajectoryGenerator.reference();
    Map<String, Double> timings = new LinkedHashMap<>();
    Map<String, Double> rates = new LinkedHashMap<>();
    Map<String, String> notes = new LinkedHashMap<>();
    long start = System.nanoTime();

    Stopwatch clock = new Stopwatch(timings, rates);
    clock.start("data");
    Trajectories train = measured != null ? measured
        : generator.trainingData(system, protocol, Seeds.derive(seed, "data"));
    clock.stop();

    clock.start(AutoencoderLearner.STAGE);
    LearnedAutoencoder autoencoder = learnAutoencoder(config, train, seed, training);
    Trajectories latent = autoencoder.encode(train);
    clock.stop();
    LearnedAutoencoder.Provenance ap = autoencoder.provenance();
    rates.put("autoencoder.secondsPerEpoch", ap.secondsPerEpoch());
    rates.put("autoencoder.stepsPerSecond", ap.secondsPerEpoch() > 0
        ? Math.ceil((double) ap.states() / ap.batch()) / ap.secondsPerEpoch() : Double.NaN);
    double trainReconstruction = autoencoder.reconstructionMse(states(train));
    rates.put("autoencoder.trainMse", trainReconstruction);

    TrainedModels models = train(config, latent, seed, training, clock, rates);
    LearnedInvariant invariant = models.learnedInvariant();
    LearnedDynamics baseline = models.baseline();
    LearnedDynamics concernet = models.concernet();

    clock.start("evaluation");
    Trajectories fresh = generator.generate(system, protocol.r2Trajectories(), protocol.trainingTimes(),
        Seeds.derive(seed, "r2"));
    double heldOut = autoencoder.reconstructionMse(states(fresh));
    rates.put("autoencoder.heldOutMse", heldOut);
    Map<String, Double> r2 = new LinkedHashMap<>();
    Map<String, Double> r2Cubic = new LinkedHashMap<>();
    if (!system.invariantNames().isEmpty()) {
      r2Figures(system, RSquared.sample(x -> invariant.value(autoencoder.encode(x)), fresh, system::invariants),
          r2, r2Cubic);
    }
    Rollouts rollouts = latentRollouts(config, seed, autoencoder, baseline, concernet);
    Rollout truth = rollouts.truth();
    Rk4.StepChoice b = rollouts.baseline();
    Rk4.StepChoice c = rollouts.concernet();
    Metrics mb = Metrics.of(system, truth, b.rollout());
    Metrics mc = Metrics.of(system, truth, c.rollout());
    clock.stop();
    notes.put("autoencoder", String.format(Locale.ROOT, "%d→%s→%d; reconstruction MSE %.3e on %d×%d held-out"
        + " (fresh, noise-free) states, %.3e on the %d (noisy) training states", system.dimension(),
        ap.hidden(), ap.latent(), heldOut, fresh.count(), fresh.length(), trainReconstruction, ap.states()));
    notes.put("rolloutSubsteps", "baseline " + b.substeps() + ", concernet " + c.substeps()
        + " (RK4 in the latent space, decoded at every time)");
    SeedResult result = seedResult(seed, r2, r2Cubic, mb, mc, truth, b.rollout(), c.rollout(), start, timings,
        rates, notes);
    progress.message(String.format(Locale.ROOT, "seed %d: autoencoder held-out MSE %.3e, R² %s, MSE baseline"
            + " %.3e / ConCerNet %.3e (%.1f s)", seed, heldOut, r2.isEmpty() ? "-" : formatR2(r2), mb.mse(),
        mc.mse(), timings.get("total")));
    result.worstTrajectoryLine().ifPresent(progress::message);
    return new SeedRun(result, invariant, baseline, concernet, truth, b.rollout(), c.rollout(), autoencoder);
  }

  /**
   * Rolls both latent models out in z from the encoded evaluation initial states of {@code seed},
   * decoded at every time, and integrates the truth: deterministic, as {@link #rollouts}.
   */
  static Rollouts latentRollouts(ExperimentConfig config, long seed, LearnedAutoencoder autoencoder,
      LearnedDynamics baseline, LearnedDynamics concernet) {
    Truth t = Truth.of(config, seed);
    double[][] codes = encode(autoencoder, t.initial());
    return new Rollouts(t.rollout(), decodedRollout(rk4(baseline, config), autoencoder, codes, t.times(), t.rollout()),
        decodedRollout(rk4(concernet, config), autoencoder, codes, t.times(), t.rollout()));
  }

  /**
   * The step rule of DESIGN.md for a model of the latent space: RK4 in z from {@code codes},
   * decoded by D at every time; the substeps double from 1 until halving the step changes the MSE
   * of the decoded rollout against {@code truth} by under 1% (relative), at most 64. The returned
   * rollout is the decoded one.
   */
  static Rk4.StepChoice decodedRollout(Rk4 rk4, LearnedAutoencoder autoencoder, double[][] codes, double[] times,
      Rollout truth) {
    java.util.List<Double> history = new ArrayList<>();
    Rollout coarse = decode(autoencoder, rk4.rollout(codes, times, 1), 1);
    int k = 1;
    while (2 * k <= Rk4.DEFAULT_MAX_SUBSTEPS) {
      Rollout fine = decode(autoencoder, rk4.rollout(codes, times, 2 * k), 2 * k);
      double change;
      if (coarse.isFinite() && fine.isFinite()) {
        double a = org.concernet.eval.Mse.of(truth, coarse);
        double f = org.concernet.eval.Mse.of(truth, fine);
        change = a == f ? 0.0 : Math.abs(a - f) / f;
      } else {
        change = 0.0;
        for (int i = 0; i < coarse.count(); i++) {
          if (coarse.firstNonFinite(i) != fine.firstNonFinite(i)) {
            change = Double.POSITIVE_INFINITY;
          }
        }
      }
      history.add(change);
      if (change < Rk4.DEFAULT_TOLERANCE) {
        return new Rk4.StepChoice(coarse, k, change, true, history);
      }
      coarse = fine;
      k *= 2;
    }
    return new Rk4.StepChoice(coarse, k, history.isEmpty() ? Double.NaN : history.get(history.size() - 1), false,
        history);
  }

  /** D applied at every time of a latent rollout. */
  /** E(x) of every state. */
  static double[][] encode(LearnedAutoencoder autoencoder, double[][] states) {
    double[][] codes = new double[states.length][];
    for (int i = 0; i < states.length; i++) {
      codes[i] = autoencoder.encode(states[i]);
    }
    return codes;
  }

  /** A latent rollout decoded by D at every time. */
  static Rollout decode(LearnedAutoencoder autoencoder, Rollout latent, int substeps) {
    double[][][] states = new double[latent.count()][latent.length()][];
    for (int i = 0; i < latent.count(); i++) {
      for (int t = 0; t < latent.length(); t++) {
        states[i][t] = autoencoder.decode(latent.state(i, t));
      }
    }
    return new Rollout(latent.times(), states, substeps);
  }

  private static double[][] states(Trajectories data) {
    double[][] xs = new double[data.count() * data.length()][];
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        xs[i * data.length() + t] = data.state(i, t);
      }
    }
    return xs;
  }

  /**
   * Trains the three models of one seed on the system's own training data (generated from the
   * seed): what an experiment does before it evaluates, with the same seeds. For a system with an
   * autoencoder, the autoencoder trains first and the three models learn in its latent space; the
   * returned models then take and return original states. For tests of trained models.
   */
  public static TrainedModels train(SystemSpec system, Protocol protocol, long seed) {
    ExperimentConfig config = new ExperimentConfig(system, protocol, null, java.util.List.of(seed), false, null,
        Path.of("."), org.concernet.nn.Sessions.device(), org.concernet.nn.Sessions.threads());
    Trajectories train = TrajectoryGenerator.reference().trainingData(system, protocol, Seeds.derive(seed, "data"));
    Training quiet = new Training(ProgressListener.NONE, null);
    Stopwatch clock = new Stopwatch(new LinkedHashMap<>(), new LinkedHashMap<>());
    if (protocol.autoencoder().isEmpty()) {
      return train(config, train, seed, quiet, clock, new LinkedHashMap<>());
    }
    LearnedAutoencoder autoencoder = learnAutoencoder(config, train, seed, quiet);
    TrainedModels latent = train(config, autoencoder.encode(train), seed, quiet, clock, new LinkedHashMap<>());
    return new TrainedModels(latent.learnedInvariant(), latent.baseline(), latent.concernet(),
        java.util.Optional.of(autoencoder));
  }

  /** The frozen autoencoder of one seed, trained on the states of {@code train}. */
  private static LearnedAutoencoder learnAutoencoder(ExperimentConfig config, Trajectories train, long seed,
      Training training) {
    return AutoencoderLearner.of(config.protocol())
        .withPrecision(config.float64() ? Precision.FLOAT64 : Precision.FLOAT32)
        .withListener(training.listener())
        .withCheckpoints(training.checkpoints())
        .learn(config.system().name(), train, Seeds.derive(seed, AutoencoderLearner.STAGE));
  }

  private static TrainedModels train(ExperimentConfig config, Trajectories train, long seed,
      Training training, Stopwatch clock, Map<String, Double> rates) {
    SystemSpec system = config.system();
    Protocol protocol = config.protocol();
    clock.start("contrastive");
    LearnedInvariant invariant = new InvariantLearner(protocol)
        .withPrecision(config.float64() ? Precision.FLOAT64 : Precision.FLOAT32)
        .withListener(training.listener())
        .withCheckpoints(training.checkpoints())
        .learn(system.name(), train, Seeds.derive(seed, "contrastive"));
    clock.stop();
    rates.put("contrastive.secondsPerEpoch", invariant.provenance().secondsPerEpoch());
    rates.put("contrastive.stepsPerSecond",
        invariant.provenance().stepsPerEpoch() / invariant.provenance().secondsPerEpoch());

    clock.start("dynamics");
    DynamicsLearner learner = DynamicsLearner.builder(protocol)
        .seed(Seeds.derive(seed, "dynamics"))
        .type(config.float64() ? TFloat64.class : TFloat32.class)
        .listener(training.listener())
        .checkpoints(training.checkpoints())
        .build();
    LearnedDynamics baseline = learner.trainBaseline(train);
    LearnedDynamics concernet = learner.trainProjected(train, invariant::weights);
    clock.stop();
    baseline.training().ifPresent(t -> rates.put("dynamics.stepsPerSecond", stepsPerSecond(t, train, protocol)));
    return new TrainedModels(invariant, baseline, concernet);
  }

  private static String formatR2(Map<String, Double> r2) {
    StringBuilder s = new StringBuilder();
    r2.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ')
        .append(String.format(Locale.ROOT, "%.5f", v)));
    return s.toString();
  }

  private static double stepsPerSecond(LearnedDynamics.Training t, Trajectories train, Protocol protocol) {
    long points = (long) train.count() * train.length();
    long stepsPerEpoch = (points + protocol.dynamicsBatch() - 1) / protocol.dynamicsBatch();
    return t.seconds() > 0 ? t.epochs() * stepsPerEpoch / t.seconds() : Double.NaN;
  }

  private static Rk4 rk4(LearnedDynamics model, ExperimentConfig config) {
    return Rk4.builder(model).type(TFloat64.class).build();
  }

  private static void saveModels(Path folder, SeedRun run) {
    try {
      if (run.autoencoder() != null) {
        run.autoencoder().save(folder.resolve("autoencoder"));
      }
      run.invariant().save(folder.resolve("invariant"));
      ModelStore.save(folder.resolve("baseline"), run.baseline().weights(), run.baseline().training().orElse(null));
      ModelStore.save(folder.resolve("concernet"), run.concernet().weights(), run.concernet().training().orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the models to " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Every setting actually used, in a fixed order. */
  static Map<String, Object> configMap(ExperimentConfig config) {
    Map<String, Object> map = new LinkedHashMap<>();
    Protocol p = config.protocol();
    map.put("preset", config.preset() == null ? "system" : config.preset().name().toLowerCase(Locale.ROOT));
    map.put("trajectories", p.trajectories());
    map.put("points", p.points());
    map.put("startTime", p.startTime());
    map.put("endTime", p.endTime());
    map.put("noise", p.noise());
    map.put("evaluationTrajectories", p.evaluationTrajectories());
    map.put("evaluationPoints", p.evaluationPoints());
    map.put("evaluationHorizon", p.evaluationHorizon());
    map.put("r2Trajectories", p.r2Trajectories());
    map.put("latent", p.latent());
    map.put("hidden", p.hidden());
    map.put("activation", p.activation().name().toLowerCase(Locale.ROOT));
    map.put("contrastiveEpochs", p.contrastiveEpochs());
    map.put("contrastiveBatch", p.contrastiveBatch());
    map.put("dynamicsEpochs", p.dynamicsEpochs());
    map.put("dynamicsBatch", p.dynamicsBatch());
    map.put("learningRate", p.learningRate());
    map.put("learningRateSchedule", p.learningRateSchedule().name().toLowerCase(Locale.ROOT));
    p.autoencoder().ifPresent(ae -> {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("latent", ae.latent());
      a.put("hidden", ae.hidden());
      a.put("activation", "tanh");
      a.put("epochs", ae.epochs());
      a.put("batch", ae.batch());
      map.put("autoencoder", a);
    });
    map.put("dtype", config.float64() ? "float64" : "float32");
    map.put("device", config.device().name().toLowerCase(Locale.ROOT));
    map.put("threads", config.threads());
    map.put("data", config.data() == null ? "generated (Dormand-Prince 8(5,3), rtol 1e-10)" : config.data().toString());
    map.put("parameters", config.system().parameters());
    map.put("library", LibraryVersion.get());
    return map;
  }

  /** Accumulates seconds and peak resident memory per stage. */
  private static final class Stopwatch {
    private final Map<String, Double> timings;
    private final Map<String, Double> rates;
    private String stage;
    private long started;

    Stopwatch(Map<String, Double> timings, Map<String, Double> rates) {
      this.timings = timings;
      this.rates = rates;
    }

    void start(String name) {
      stage = name;
      MemoryProbe.resetPeak();
      started = System.nanoTime();
    }

    void stop() {
      timings.put(stage, (System.nanoTime() - started) / 1e9);
      long peak = MemoryProbe.peakResidentBytes();
      if (peak > 0) {
        rates.put("peakMemoryMB." + stage, peak / 1048576.0);
      }
    }
  }
}
