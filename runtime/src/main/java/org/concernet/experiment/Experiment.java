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
import org.concernet.data.Trajectories;
import org.concernet.eval.InvariantDrift;
import org.concernet.nn.Sessions;
import org.concernet.protocol.Protocol;
import org.concernet.report.ConsoleProgress;
import org.concernet.report.ResultsWriter;
import org.concernet.report.SummaryTable;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.system.SystemSpec;
import org.concernet.training.Checkpoints;
import org.concernet.training.LibraryVersion;
import org.concernet.training.ProgressListener;

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
  /** Noise-free reference trajectories on which declared invariants are checked before training. */
  private static final int INVARIANT_CHECK_TRAJECTORIES = 32;

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
    return run(config, out, resume ? Start.RESUME : Start.FRESH, checkpointEvery, observer);
  }

  /** What a run does with an output folder that holds an earlier run. */
  public enum Start {
    /** Refuse it: the run starts only in a folder that holds no run. */
    FRESH,
    /** Continue it: completed seeds are taken, an interrupted one continues from its checkpoints. */
    RESUME,
    /**
     * Replace it: its outputs (and only those) are moved aside, deleted once this run is complete,
     * and put back if this run fails.
     */
    OVERWRITE
  }

  /**
   * As {@link #run(ExperimentConfig, PrintStream, boolean, int, ProgressListener)}, with {@code start}
   * saying what happens to an earlier run in {@code config.out()}.
   */
  public static ExperimentResults run(ExperimentConfig config, PrintStream out, Start start, int checkpointEvery,
      ProgressListener observer) {
    Path aside = start == Start.OVERWRITE && Files.isDirectory(config.out()) ? OutputFolder.setAside(config.out())
        : null;
    if (aside != null) {
      out.println("Replacing the earlier run in " + config.out() + " (its outputs are kept until this run completes)");
    }
    ExperimentResults results;
    try {
      results = runIn(config, out, start == Start.RESUME, checkpointEvery, observer);
    } catch (RuntimeException | Error e) {
      if (aside != null) {
        OutputFolder.restore(config.out(), aside);
      }
      throw e;
    }
    OutputFolder.discard(aside);
    return results;
  }

  private static ExperimentResults runIn(ExperimentConfig config, PrintStream out, boolean resume,
      int checkpointEvery, ProgressListener observer) {
    SystemSpec system = config.system();
    Protocol protocol = config.protocol();
    OutputFolder.requireUsable(config.out(), resume);
    if (!system.hasEquations()) {  // measured: learn from a file, evaluate on its held-out part
      if (resume) {
        throw new IllegalArgumentException(system.name() + " is measured: --resume is not available for measured"
            + " runs (they take seconds to minutes); run again with --overwrite");
      }
      MeasuredExperiment.prepare(config);  // every problem with the file is reported before the folder is marked
      OutputFolder.mark(config.out(), system.name());
      return MeasuredExperiment.runIn(config, out, observer);
    }
    if (protocol.dissipation() != org.concernet.protocol.Dissipation.NONE) {
      throw new IllegalArgumentException("dissipation = " + protocol.dissipation().name().toLowerCase(java.util.Locale.ROOT)
          + " trains a third model for measured systems only (a system with equations is evaluated against"
          + " invariants its equations conserve); " + system.name() + " has equations: use dissipation = none");
    }
    if (system.invariantNames().isEmpty()) {
      out.println(system.name() + " declares no @Invariant: R² and violation cannot be measured, only MSE.");
    }
    ConsoleProgress progress = new ConsoleProgress(out, System.console() != null && System.getenv("CI") == null,
        System.console() != null ? 0.2 : 10.0);
    String fingerprint = Resume.fingerprint(config);
    MeasuredData.Read read = config.data() == null ? null : MeasuredData.readWithSource(config.data(), system);
    Trajectories measured = read == null ? null : read.data();
    String data = measured == null
        ? String.format(Locale.ROOT, "%d trajectories × %d points on [%s, %s], noise %s", protocol.trajectories(),
            protocol.points(), protocol.startTime(), protocol.endTime(), protocol.noise())
        : String.format(Locale.ROOT, "%d measured trajectories × %d points from %s (derivatives %s)",
            measured.count(), measured.length(), config.data(), read.derivatives());
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

    requireDeclaredInvariantsConserved(config);
    OutputFolder.mark(config.out(), system.name());
    SeedPipeline pipeline = new SeedPipeline(config);
    SeedTask<SeedRun> task = (i, seedProgress) -> {
      long seed = config.seeds().get(i);
      ProgressListener listener = (stage, epoch, epochs, loss) -> {
        seedProgress.epoch(stage, epoch, epochs, loss);
        observer.epoch(stage, epoch, epochs, loss);
      };
      Path models = SeedOutputs.models(config.out(), seed);
      Path record = SeedOutputs.record(config.out(), seed);
      Path checkpointFolder = config.out().resolve("checkpoints").resolve("seed-" + seed);
      SeedRun run;
      if (resume && Files.exists(record)) {
        run = Resume.load(config, seed, record, models);
        seedProgress.message("seed " + seed + ": resumed from " + record);
      } else {
        if (resume && Files.isDirectory(checkpointFolder)) {
          seedProgress.message("seed " + seed + ": continuing from the checkpoints in " + checkpointFolder);
        }
        Checkpoints checkpoints = Checkpoints.in(checkpointFolder, fingerprint).every(checkpointEvery)
            .resuming(resume);
        run = pipeline.run(seed, measured, seedProgress, new SeedPipeline.Training(listener, checkpoints));
        try {
          run.models().save(models);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot save the models to " + models + ": " + e.getMessage(), e);
        }
        Resume.save(config, run.result(), record);
      }
      Checkpoints.delete(checkpointFolder);
      return run;
    };
    List<SeedRun> runs = runSeeds(config, task, progress, out);
    List<SeedResult> seeds = new ArrayList<>();
    runs.forEach(r -> seeds.add(r.result()));
    OutputFolder.deleteIfEmpty(config.out().resolve("checkpoints"));
    Map<String, Object> configMap = configMap(config);
    if (read != null) {
      configMap.put("derivatives", read.derivatives());
    }
    ExperimentResults results = new ExperimentResults(system.name(), system.invariantNames(), configMap, seeds);
    ResultsWriter.write(results, config.out());
    Path report = ExperimentFigures.write(config, results, runs);
    out.print(SummaryTable.render(results));
    out.println("Results: " + config.out().resolve("results.json") + ", report: " + report);
    return results;
  }

  /** One seed's whole run, by its index in the configuration's seeds, reporting to {@code progress}. */
  @FunctionalInterface
  interface SeedTask<R> {
    R run(int index, ConsoleProgress progress);
  }

  /**
   * Runs every seed of {@code config}: one after another with {@code jobs} = 1, else up to {@code
   * jobs} at once, each on its own thread with its own progress lines. Each seed's results depend on
   * its seed only (every stream is derived from it, and each session computes on one thread), so the
   * runs equal the sequential ones. When a seed fails, no further seed starts; the seeds already
   * running finish and save their records (which {@code --resume} takes), then the failure is thrown.
   * The runs come back in the configuration's order.
   */
  static <R> List<R> runSeeds(ExperimentConfig config, SeedTask<R> task, ConsoleProgress progress, PrintStream out) {
    int count = config.seeds().size();
    int jobs = Math.min(config.jobs(), count);
    List<R> runs = new ArrayList<>();
    if (jobs == 1) {
      for (int i = 0; i < count; i++) {
        progress.seed(config.seeds().get(i), i, count);
        runs.add(task.run(i, progress));
      }
      return runs;
    }
    long started = System.nanoTime();
    out.printf(Locale.ROOT, "%d seeds, %d at a time%n", count, jobs);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs,
        Background.daemons("concernet-seed"));
    java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
    List<java.util.concurrent.Future<R>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      long seed = config.seeds().get(i);
      ConsoleProgress seedProgress = progress.concurrent();
      seedProgress.seed(seed, i, count);
      futures.add(pool.submit(() -> {
        if (failed.get()) {
          return null;  // a seed failed: no further seed starts
        }
        try {
          return task.run(index, seedProgress);
        } catch (RuntimeException | Error e) {
          failed.set(true);  // before this thread can take the next seed
          out.println("seed " + seed + " failed (" + e.getMessage() + "); no further seed starts, the seeds"
              + " already running finish and save first");
          throw e;
        }
      }));
    }
    pool.shutdown();
    Throwable failure = null;
    for (java.util.concurrent.Future<R> future : futures) {
      try {
        R run = future.get();
        if (run != null) {
          runs.add(run);
        }
      } catch (java.util.concurrent.ExecutionException e) {
        failure = failure == null ? e.getCause() : failure;
      } catch (InterruptedException e) {
        pool.shutdownNow();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the seeds ran", e);
      }
    }
    if (failure != null) {
      throw Background.rethrown(failure);
    }
    out.printf(Locale.ROOT, "%d seeds in %.1f s (wall clock), %d at a time%n", count,
        (System.nanoTime() - started) / 1e9, jobs);
    return runs;
  }

  /**
   * Stops the run before any training when a declared {@code @Invariant} is not conserved by the
   * declared equations (checked on noise-free reference trajectories of the training span, from
   * initial states of their own seed, so no result depends on the check).
   */
  static void requireDeclaredInvariantsConserved(ExperimentConfig config) {
    SystemSpec system = config.system();
    if (system.invariantNames().isEmpty()) {
      return;
    }
    Trajectories reference = TrajectoryGenerator.reference().generate(system, INVARIANT_CHECK_TRAJECTORIES,
        config.protocol().trainingTimes(), Seeds.derive(config.seeds().get(0), "invariant-check"));
    String violations = InvariantDrift.violations(system.name(), InvariantDrift.of(system, reference),
        InvariantDrift.DEFAULT_TOLERANCE);
    if (!violations.isEmpty()) {
      throw new IllegalStateException(violations);
    }
  }

  /**
   * Trains the three models of one seed on the system's own training data (generated from the
   * seed): what an experiment does before it evaluates, with the same seeds. For a system with an
   * autoencoder, the autoencoder trains first and the three models learn in its latent space; the
   * returned models then take and return original states. For tests of trained models.
   */
  public static TrainedModels train(SystemSpec system, Protocol protocol, long seed) {
    ExperimentConfig config = new ExperimentConfig(system, protocol, null, List.of(seed), false, null,
        Path.of("."), Sessions.device(), Sessions.threads());
    SeedPipeline pipeline = new SeedPipeline(config);
    return pipeline.train(pipeline.trainingData(seed), seed, SeedPipeline.Training.QUIET, new StageClock());
  }

  /** Every setting actually used, in a fixed order. */
  static Map<String, Object> configMap(ExperimentConfig config) {
    Map<String, Object> map = new LinkedHashMap<>();
    Protocol p = config.protocol();
    map.put("preset", config.preset() == null ? "system" : config.preset().name().toLowerCase(Locale.ROOT));
    map.putAll(org.concernet.protocol.Setting.config(p));
    map.put("dtype", config.float64() ? "float64" : "float32");
    map.put("device", config.device().name().toLowerCase(Locale.ROOT));
    map.put("threads", config.threads());
    map.put("data", config.data() == null ? "generated (Dormand-Prince 8(5,3), rtol 1e-10)" : config.data().toString());
    map.put("parameters", config.system().parameters());
    map.put("library", LibraryVersion.get());
    return map;
  }
}
