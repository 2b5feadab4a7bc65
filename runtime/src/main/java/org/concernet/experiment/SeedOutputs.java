/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.concernet.data.Trajectories;
import org.concernet.io.AtomicFiles;
import org.concernet.report.ConsoleProgress;
import org.concernet.results.SeedResult;

/**
 * One seed of an experiment as a unit of work that may run elsewhere (a cluster task) and be
 * recorded afterwards in the experiment's folder: exactly what {@link Experiment} does for each
 * seed, in two halves. {@link #run} trains and evaluates the seed and saves its models into a
 * folder of the caller's; {@link #record} moves those models into {@code models/seed-N} and then
 * writes {@code seeds/seed-N.json}, which is what {@code --resume} takes: {@link Experiment#run}
 * with {@link Experiment.Start#RESUME} then assembles the results, figures and report of the
 * recorded seeds without training anything again.
 */
public final class SeedOutputs {
  private SeedOutputs() {}

  /** Where an experiment in {@code out} keeps seed {@code seed}'s models. */
  public static Path models(Path out, long seed) {
    return out.resolve("models").resolve("seed-" + seed);
  }

  /** Where an experiment in {@code out} records that seed {@code seed} is complete. */
  public static Path record(Path out, long seed) {
    return out.resolve("seeds").resolve("seed-" + seed + ".json");
  }

  /**
   * Checks what an experiment checks before it trains (the declared invariants are conserved by
   * the declared equations) and marks {@code config.out()} as the experiment's folder.
   *
   * @throws IllegalStateException naming the invariant, if one is not conserved
   */
  public static void prepare(ExperimentConfig config) {
    Experiment.requireDeclaredInvariantsConserved(config);
    OutputFolder.mark(config.out(), config.system().name());
  }

  /**
   * Trains and evaluates seed {@code seed} of {@code config} in this process (on {@code
   * config.data()} when it names measured data), saves its models into {@code models} and returns
   * its figures; progress goes to {@code out}. The same seed and configuration give the same
   * result as in {@link Experiment#run}.
   */
  public static SeedResult run(ExperimentConfig config, long seed, Path models, PrintStream out) {
    Trajectories measured = config.data() == null ? null : MeasuredData.read(config.data(), config.system());
    ConsoleProgress progress = new ConsoleProgress(out, false, 10.0);
    SeedRun run = new SeedPipeline(config).run(seed, measured, progress,
        new SeedPipeline.Training(progress::epoch, null));
    try {
      run.models().save(models);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the models to " + models + ": " + e.getMessage(), e);
    }
    return run.result();
  }

  /**
   * A new empty folder beside seed {@code seed}'s models folder in {@code out}, on the same file
   * system, to fill with the models and hand to {@link #record}.
   */
  public static Path staging(Path out, long seed) {
    Path target = models(out, seed);
    try {
      Files.createDirectories(target.getParent());
      return AtomicFiles.temporarySibling(target, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder beside " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records a completed seed in {@code config.out()}: {@code staged} (from {@link #staging}, holding
   * the models {@link #run} saved) replaces {@code models/seed-N} in one move, then the record is
   * written atomically. A reader never sees half a models folder, nor a record without its models;
   * a seed interrupted between the two has no record and runs again.
   */
  public static void record(ExperimentConfig config, SeedResult result, Path staged) {
    Path target = models(config.out(), result.seed());
    try {
      if (Files.exists(target)) {
        OutputFolder.deleteRecursively(target);  // an earlier attempt's models, never recorded
      }
      try {
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(staged, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the models of seed " + result.seed() + " to " + target + ": "
          + e.getMessage(), e);
    }
    Resume.save(config, result, record(config.out(), result.seed()));
  }

  /**
   * Whether seed {@code seed} is recorded as complete in {@code config.out()}, so that a resumed
   * experiment takes it from there.
   *
   * @throws IllegalStateException if its record was written by another configuration
   */
  public static boolean completed(ExperimentConfig config, long seed) {
    Path record = record(config.out(), seed);
    if (!Files.exists(record)) {
      return false;
    }
    try {
      Resume.read(config, record);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + record + ": " + e.getMessage(), e);
    }
    return Files.isDirectory(models(config.out(), seed));
  }

  /** A seed's result as JSON, to send it between processes. */
  public static String toJson(SeedResult result) {
    return Resume.toJson(result);
  }

  /** The result {@link #toJson} wrote. */
  public static SeedResult fromJson(String json) {
    return Resume.fromJson(json);
  }
}
