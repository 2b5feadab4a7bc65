/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.results.ExperimentResults;

/**
 * A {@code --sweep} whose (combination, seed) runs are tasks on a cluster rather than one after
 * another in this process: {@code --spark} or {@code --master URL} on the command line. The
 * runtime holds only this interface; the implementation ships in its own artifact
 * ({@code concernet-spark}) and is found on the class path with {@link ServiceLoader}, so the
 * runtime does not grow by a cluster engine that most users never need.
 *
 * <p>An implementation writes the same layout and table as the single-process {@link Sweep}, with
 * the same results for the same seeds.
 */
public interface DistributedSweep {
  /**
   * What to run.
   *
   * @param base the sweep's configuration; {@code base.out()} is the sweep's folder
   * @param sweeps the swept settings and their values, in command-line order
   * @param start what happens to earlier outputs (as for {@link Sweep})
   * @param checkpointEvery epochs between checkpoints of the driver's own stages
   * @param master the cluster to run on ({@code local[*]}, {@code spark://host:7077}, …), or null
   *     for the engine's default (the one {@code spark-submit} gave, else local)
   * @param threads threads per task given explicitly with {@code --threads}, or null to take the
   *     engine's configured cores per task
   */
  record Request(ExperimentConfig base, List<Map.Entry<String, List<String>>> sweeps, Experiment.Start start,
      int checkpointEvery, String master, Integer threads) {
    public Request {
      sweeps = List.copyOf(sweeps);
    }
  }

  /**
   * Runs every combination's seeds as tasks and writes the sweep's outputs; returns one result per
   * combination, in {@link Sweep#combinations} order.
   *
   * @throws IllegalStateException after writing the table, naming every combination that failed and why
   */
  List<ExperimentResults> run(Request request, PrintStream out);

  /** The implementation on the class path, if there is one. */
  static Optional<DistributedSweep> find() {
    return ServiceLoader.load(DistributedSweep.class, Thread.currentThread().getContextClassLoader()).findFirst();
  }
}
