/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.spark;

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
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.concernet.cli.DistributedSweep;
import org.concernet.cli.Sweep;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.experiment.OutputFolder;
import org.concernet.experiment.SeedOutputs;
import org.concernet.nn.Sessions;
import org.concernet.results.ExperimentResults;
import org.concernet.training.ProgressListener;

/**
 * The sweep on Spark: every (combination, seed) that is not already recorded is one task (one
 * single-task job, so that each outcome is recorded the moment it arrives and a job that Spark
 * gives up fails only its own seed); the driver records each completed seed in its combination's
 * folder ({@link SeedOutputs#record}: models moved in whole, then the record), and once a
 * combination's seeds are all recorded, assembles its results, figures and report exactly as a
 * resumed single-process run does ({@link Experiment#run} with {@code RESUME}, which trains
 * nothing). The table is the single-process sweep's ({@link Sweep#writeTable}).
 *
 * <p>Spark is embedded ({@code local[*]}) unless {@code --master} names a cluster or spark-submit
 * gave one; every other setting comes from Spark's own configuration ({@code spark.*} system
 * properties, {@code --conf} of spark-submit). Each task's TensorFlow sessions get the task's cores
 * ({@code spark.task.cpus}, which {@code --threads} sets).
 */
public final class SparkSweep implements DistributedSweep {
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*(\\d+))?])?");

  @Override
  public List<ExperimentResults> run(Request request, PrintStream out) {
    quietLogging();  // before Spark's first class logs anything
    SparkConf conf = new SparkConf();  // takes spark.* system properties: what spark-submit and --conf set
    if (request.master() != null) {
      conf.setMaster(request.master());
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    conf.setIfMissing("spark.app.name", "concernet sweep of " + request.base().system().name());
    int cores = conf.getInt("spark.task.cpus", 1);
    if (request.threads() != null) {
      if (conf.contains("spark.task.cpus") && cores != request.threads()) {
        throw new IllegalArgumentException("--threads " + request.threads() + " and spark.task.cpus=" + cores
            + " disagree: a task's sessions run on its cores; give one of them");
      }
      cores = request.threads();
      conf.set("spark.task.cpus", Integer.toString(cores));
    }
    String master = conf.get("spark.master");
    int maxFailures = maxFailures(master, conf);
    ExperimentConfig b = request.base();
    ExperimentConfig base = new ExperimentConfig(b.system(), b.protocol(), b.preset(), b.seeds(), b.float64(),
        b.data(), b.out(), b.device(), cores);
    Sessions.setThreads(cores);  // the driver's own sessions (the records' configuration names the task's)
    List<Sweep.Combination> combinations = Sweep.combinations(base, request.sweeps(), request.start());
    out.printf(Locale.ROOT, "Spark: master %s, %d combination(s) × %d seed(s), %d core(s) per task, %d attempt(s)"
        + " per task%n", master, combinations.size(), base.seeds().size(), cores, maxFailures);
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      if (base.data() != null) {
        spark.addFile(base.data().toAbsolutePath().toString());
      }
      return new Run(spark, request, base, combinations, maxFailures, out).run();
    }
  }

  /**
   * Spark logs its start-up and every task at INFO unless logging is configured; when it is not
   * (log4j2's default configuration: no file given, as when the sweep runs from a generated
   * {@code …Experiment}), only warnings and errors are shown, on standard error. A log4j2
   * configuration of the user's own (spark-submit's conf/log4j2.properties) is left alone.
   */
  static void quietLogging() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration current = context.getConfiguration();
    String source = current.getConfigurationSource() == null ? ""
        : String.valueOf(current.getConfigurationSource().getLocation());
    boolean sparksDefault = source.contains("log4j2-defaults.properties");
    if (!(current instanceof DefaultConfiguration) && !sparksDefault) {
      return;  // the user's own configuration, or ours already
    }
    ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
    b.setConfigurationName("concernet-spark");
    b.add(b.newAppender("concernet-spark", "Console").addAttribute("target", "SYSTEM_ERR")
        .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss} %p %c{1}: %m%n")));
    b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("concernet-spark")));
    Configurator.reconfigure(b.build());
  }

  /**
   * How many times Spark tries a task: once in {@code local} and {@code local[N]} (Spark's rule for
   * them), F in {@code local[N,F]}, else {@code spark.task.maxFailures} (default 4).
   */
  static int maxFailures(String master, SparkConf conf) {
    Matcher local = LOCAL.matcher(master.trim());
    if (local.matches()) {
      return local.group(2) == null ? 1 : Integer.parseInt(local.group(2));
    }
    return conf.getInt("spark.task.maxFailures", 4);
  }

  /** One sweep's state on the driver. */
  private static final class Run {
    private final JavaSparkContext spark;
    private final Request request;
    private final ExperimentConfig base;
    private final List<Sweep.Combination> combinations;
    private final int maxFailures;
    private final PrintStream out;
    private final List<ExperimentResults> results = new ArrayList<>();
    private final Map<Integer, String> failures = new LinkedHashMap<>();
    private final Map<Integer, Path> aside = new LinkedHashMap<>();
    private final Map<Integer, Integer> remaining = new LinkedHashMap<>();
    private final List<Submitted> running = new ArrayList<>();

    private record Submitted(SeedTask task, JavaFutureAction<List<TaskOutcome>> future) {}

    Run(JavaSparkContext spark, Request request, ExperimentConfig base, List<Sweep.Combination> combinations,
        int maxFailures, PrintStream out) {
      this.spark = spark;
      this.request = request;
      this.base = base;
      this.combinations = combinations;
      this.maxFailures = maxFailures;
      this.out = out;
    }

    List<ExperimentResults> run() {
      for (int c = 0; c < combinations.size(); c++) {
        results.add(null);
        prepare(c);
      }
      for (int c = 0; c < combinations.size(); c++) {
        if (!failures.containsKey(c) && remaining.get(c) == 0) {
          assemble(c);
        }
      }
      while (!running.isEmpty()) {
        for (Submitted s : List.copyOf(running)) {
          if (s.future().isDone()) {
            running.remove(s);
            collect(s);
          }
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running.forEach(s -> s.future().cancel(true));
          throw new IllegalStateException("the sweep was interrupted; --resume continues it");
        }
      }
      Sweep.writeTable(base, request.sweeps(), combinations, results, out);
      if (!failures.isEmpty()) {
        StringBuilder message = new StringBuilder(failures.size() + " of " + combinations.size()
            + " combination(s) failed (the others are complete; --resume reruns only what is missing):");
        failures.forEach((c, error) -> message.append("\n  ").append(combinations.get(c).values()).append(": ")
            .append(error));
        throw new IllegalStateException(message.toString());
      }
      return results;
    }

    /** Clears or checks the combination's folder, and submits the seeds it does not hold yet. */
    private void prepare(int c) {
      Sweep.Combination combination = combinations.get(c);
      ExperimentConfig config = combination.config();
      Experiment.Start start = combination.start(request.start());
      List<Long> pending = new ArrayList<>();
      try {
        if (start == Experiment.Start.OVERWRITE) {
          Path kept = OutputFolder.setAside(config.out());
          if (kept != null) {
            aside.put(c, kept);
            out.println("Replacing the earlier run in " + config.out() + " (kept until this one completes)");
          }
        }
        OutputFolder.requireUsable(config.out(), start == Experiment.Start.RESUME);
        for (long seed : config.seeds()) {
          if (start == Experiment.Start.RESUME && SeedOutputs.completed(config, seed)) {
            out.println("== sweep " + combination.values() + " seed " + seed + ": recorded in " + config.out());
          } else {
            pending.add(seed);
          }
        }
        SeedOutputs.prepare(config);
      } catch (RuntimeException e) {
        fail(c, e.getMessage());
        return;
      }
      remaining.put(c, pending.size());
      for (long seed : pending) {
        SeedTask task = SeedTask.of(c, combination.values() + " seed " + seed, config, seed, maxFailures);
        spark.setJobDescription("concernet " + task.label());
        running.add(new Submitted(task, spark.parallelize(List.of(task), 1).map(SeedTask::run).collectAsync()));
      }
    }

    /** Records a finished task's seed, or its combination's failure. */
    private void collect(Submitted s) {
      int c = s.task().combination();
      TaskOutcome outcome;
      try {
        outcome = s.future().get().get(0);
      } catch (ExecutionException e) {
        // Spark gave the task up without an outcome (an executor lost again and again)
        fail(c, "seed " + s.task().seed() + ": " + firstLine(e.getCause() == null ? e : e.getCause()));
        return;
      } catch (InterruptedException | java.util.concurrent.CancellationException e) {
        return;
      }
      out.printf(Locale.ROOT, "== sweep %s seed %d: %s in %.1f s (%s, attempt %d)%n", combinations.get(c).values(),
          outcome.seed(), outcome.failed() ? "failed" : "done", outcome.seconds(), outcome.where(),
          outcome.attempt() + 1);
      out.print(outcome.log().indent(2));
      if (outcome.failed()) {
        fail(c, "seed " + outcome.seed() + ": " + outcome.error());
        return;
      }
      if (failures.containsKey(c)) {
        return;
      }
      ExperimentConfig config = combinations.get(c).config();
      Path staged = SeedOutputs.staging(config.out(), outcome.seed());
      try {
        for (Map.Entry<String, byte[]> file : outcome.files().entrySet()) {
          Path target = staged.resolve(file.getKey());
          Files.createDirectories(target.getParent());
          Files.write(target, file.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the models of seed " + outcome.seed() + " under " + staged
            + ": " + e.getMessage(), e);
      }
      SeedOutputs.record(config, SeedOutputs.fromJson(outcome.resultJson()), staged);
      int left = remaining.merge(c, -1, Integer::sum);
      if (left == 0) {
        assemble(c);
      }
    }

    /** The combination's results, figures and report from its recorded seeds (nothing trains). */
    private void assemble(int c) {
      Sweep.Combination combination = combinations.get(c);
      out.println("== sweep " + combination.values());
      try {
        results.set(c, Experiment.run(combination.config(), out, Experiment.Start.RESUME, request.checkpointEvery(),
            ProgressListener.NONE));
        OutputFolder.discard(aside.remove(c));
      } catch (RuntimeException e) {
        fail(c, e.getMessage());
      }
    }

    /** Marks the combination failed, cancels its other tasks, and gives an earlier run's outputs back. */
    private void fail(int c, String error) {
      if (failures.containsKey(c)) {
        return;
      }
      failures.put(c, error);
      out.println("== sweep " + combinations.get(c).values() + " failed: " + error);
      for (Submitted s : running) {
        if (s.task().combination() == c) {
          s.future().cancel(true);
        }
      }
      Path kept = aside.remove(c);
      if (kept != null) {
        OutputFolder.restore(combinations.get(c).config().out(), kept);
      }
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
