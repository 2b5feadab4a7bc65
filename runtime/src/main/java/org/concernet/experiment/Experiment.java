/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.data.Trajectories;
import org.concernet.data.TrajectoryGenerator;
import org.concernet.eval.Metrics;
import org.concernet.eval.RSquared;
import org.concernet.learn.DynamicsLearner;
import org.concernet.learn.InvariantLearner;
import org.concernet.learn.LearnedDynamics;
import org.concernet.learn.LearnedInvariant;
import org.concernet.learn.Precision;
import org.concernet.nn.ModelStore;
import org.concernet.report.ConsoleProgress;
import org.concernet.report.ExperimentResults;
import org.concernet.report.MemoryProbe;
import org.concernet.report.ResultsWriter;
import org.concernet.report.SeedResult;
import org.concernet.report.SummaryTable;
import org.concernet.simulate.Rk4;
import org.concernet.simulate.Rollout;
import org.concernet.simulate.TrueRollout;
import org.concernet.system.Protocol;
import org.concernet.system.SystemSpec;
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
    SystemSpec system = config.system();
    Protocol protocol = config.protocol();
    if (protocol.autoencoder().isPresent()) {
      throw new IllegalStateException(system.name() + " declares an autoencoder (learning in its latent space,"
          + " paper eq. 6), which this version cannot train yet; nothing was run. Remove the autoencoder"
          + " from @DynamicalSystem to learn in the full state space.");
    }
    if (system.invariantNames().isEmpty()) {
      out.println(system.name() + " declares no @Invariant: R² and violation cannot be measured, only MSE.");
    }
    ConsoleProgress progress = new ConsoleProgress(out, System.console() != null && System.getenv("CI") == null,
        System.console() != null ? 0.2 : 10.0);
    out.printf(Locale.ROOT, "%s: %d trajectories × %d points on [%s, %s], noise %s, H %d→%s→%d (%s), "
            + "%d contrastive / %d dynamics epochs, %d seed(s)%s%n",
        system.name(), protocol.trajectories(), protocol.points(), protocol.startTime(), protocol.endTime(),
        protocol.noise(), system.dimension(), protocol.hidden(), protocol.latent(),
        protocol.activation().name().toLowerCase(Locale.ROOT), protocol.contrastiveEpochs(),
        protocol.dynamicsEpochs(), config.seeds().size(),
        config.preset() == null ? "" : ", preset " + config.preset().name().toLowerCase(Locale.ROOT));

    Trajectories measured = config.data() == null ? null : MeasuredData.read(config.data(), system);
    List<SeedResult> seeds = new ArrayList<>();
    List<SeedRun> runs = new ArrayList<>();
    for (int i = 0; i < config.seeds().size(); i++) {
      long seed = config.seeds().get(i);
      progress.seed(seed, i, config.seeds().size());
      SeedRun run = runSeed(config, measured, seed, progress);
      runs.add(run);
      seeds.add(run.result());
      saveModels(config.out().resolve("models").resolve("seed-" + seed), run);
    }
    ExperimentResults results = new ExperimentResults(system.name(), system.invariantNames(), configMap(config), seeds);
    ResultsWriter.write(results, config.out());
    Path report = ExperimentFigures.write(config, results, runs);
    out.print(SummaryTable.render(results));
    out.println("Results: " + config.out().resolve("results.json") + ", report: " + report);
    return results;
  }

  /** One seed's trained models, rollouts and measurements. */
  record SeedRun(SeedResult result, LearnedInvariant invariant, LearnedDynamics baseline,
      LearnedDynamics concernet, Rollout truth, Rollout baselineRollout, Rollout concernetRollout) {}

  static SeedRun runSeed(ExperimentConfig config, Trajectories measured, long seed, ConsoleProgress progress) {
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

    TrainedModels models = train(config, train, seed, progress, clock, rates);
    LearnedInvariant invariant = models.learnedInvariant();
    LearnedDynamics baseline = models.baseline();
    LearnedDynamics concernet = models.concernet();

    clock.start("evaluation");
    Map<String, Double> r2 = new LinkedHashMap<>();
    if (!system.invariantNames().isEmpty()) {
      Trajectories fresh = generator.generate(system, protocol.r2Trajectories(), protocol.trainingTimes(),
          Seeds.derive(seed, "r2"));
      double[] values = RSquared.ofEach(invariant::value, fresh, system::invariants);
      for (int k = 0; k < values.length; k++) {
        r2.put(system.invariantNames().get(k), values[k]);
      }
    }
    double[][] initial = TrajectoryGenerator.sampleEvaluationStates(system, protocol.evaluationTrajectories(),
        TrajectoryGenerator.initialStateRandom(Seeds.derive(seed, "evaluation")));
    double[] times = protocol.evaluationTimes();
    Rollout truth = TrueRollout.of(system, initial, times);
    Rk4.StepChoice b = rk4(baseline, config).converged(initial, times, truth);
    Rk4.StepChoice c = rk4(concernet, config).converged(initial, times, truth);
    Metrics mb = Metrics.of(system, truth, b.rollout());
    Metrics mc = Metrics.of(system, truth, c.rollout());
    clock.stop();
    notes.put("rolloutSubsteps", "baseline " + b.substeps() + ", concernet " + c.substeps());
    if (!b.rollout().isFinite()) {
      notes.put("baselineNonFinite", b.rollout().nonFiniteReport());
    }
    if (!c.rollout().isFinite()) {
      notes.put("concernetNonFinite", c.rollout().nonFiniteReport());
    }
    timings.put("total", (System.nanoTime() - start) / 1e9);

    SeedResult result = new SeedResult(seed, r2,
        Map.of(SeedResult.BASELINE, mb.mse(), SeedResult.CONCERNET, mc.mse()),
        Map.of(SeedResult.BASELINE, mb.finalMse(), SeedResult.CONCERNET, mc.finalMse()),
        Map.of(SeedResult.BASELINE, mb.violation(), SeedResult.CONCERNET, mc.violation()),
        Map.of(SeedResult.BASELINE, mb.finalViolation(), SeedResult.CONCERNET, mc.finalViolation()),
        timings, rates, notes);
    progress.message(String.format(Locale.ROOT, "seed %d: R² %s, MSE baseline %.3e / ConCerNet %.3e (%.1f s)",
        seed, r2.isEmpty() ? "-" : formatR2(r2), mb.mse(), mc.mse(), timings.get("total")));
    return new SeedRun(result, invariant, baseline, concernet, truth, b.rollout(), c.rollout());
  }

  /**
   * Trains the three models of one seed on the system's own training data (generated from the
   * seed): what an experiment does before it evaluates. For tests of trained models.
   */
  public static TrainedModels train(SystemSpec system, Protocol protocol, long seed) {
    ExperimentConfig config = new ExperimentConfig(system, protocol, null, java.util.List.of(seed), false, null,
        Path.of("."), org.concernet.nn.Sessions.device(), org.concernet.nn.Sessions.threads());
    Trajectories train = TrajectoryGenerator.reference().trainingData(system, protocol, Seeds.derive(seed, "data"));
    return train(config, train, seed, org.concernet.learn.ProgressListener.NONE,
        new Stopwatch(new LinkedHashMap<>(), new LinkedHashMap<>()), new LinkedHashMap<>());
  }

  private static TrainedModels train(ExperimentConfig config, Trajectories train, long seed,
      org.concernet.learn.ProgressListener progress, Stopwatch clock, Map<String, Double> rates) {
    SystemSpec system = config.system();
    Protocol protocol = config.protocol();
    clock.start("contrastive");
    LearnedInvariant invariant = new InvariantLearner(protocol)
        .withPrecision(config.float64() ? Precision.FLOAT64 : Precision.FLOAT32)
        .withListener(progress)
        .learn(system.name(), train, Seeds.derive(seed, "contrastive"));
    clock.stop();
    rates.put("contrastive.secondsPerEpoch", invariant.provenance().secondsPerEpoch());
    rates.put("contrastive.stepsPerSecond",
        invariant.provenance().stepsPerEpoch() / invariant.provenance().secondsPerEpoch());

    clock.start("dynamics");
    DynamicsLearner learner = DynamicsLearner.builder(protocol)
        .seed(Seeds.derive(seed, "dynamics"))
        .type(config.float64() ? TFloat64.class : TFloat32.class)
        .listener(progress)
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
