/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.experiment.SeedOutputs;
import org.concernet.nn.Device;
import org.concernet.nn.Sessions;
import org.concernet.protocol.Preset;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Setting;
import org.concernet.results.SeedResult;
import org.concernet.system.SystemSpec;
import org.concernet.training.TrainingDivergedException;

/**
 * One (combination, seed) of a sweep as a Spark task: everything an executor needs to rebuild the
 * seed's configuration, in plain serializable values (the system by class name and parameters,
 * the protocol as its settings' command-line text, checked to round-trip on the driver).
 *
 * <p>On the executor the seed trains in a temporary folder of its own with one TensorFlow session
 * at a time, whose thread count is the task's cores ({@code spark.task.cpus}); the models come back
 * to the driver as bytes, so executors need no shared file system, and nothing lands in the
 * sweep's folder until the driver records a complete seed.
 *
 * @param maxFailures attempts Spark makes before it gives a task up: the last attempt reports its
 *     error to the driver instead of throwing, so that one combination's failure is reported and
 *     the others go on
 */
record SeedTask(int combination, String label, long seed, String systemClass, Map<String, Double> parameters,
    Map<String, String> settings, String preset, boolean float64, String dataFile, String device, int maxFailures)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The task of {@code seed} of {@code config} (a combination's), checked to rebuild to the same configuration. */
  static SeedTask of(int combination, String label, ExperimentConfig config, long seed, int maxFailures) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (Setting<?> setting : Setting.ALL) {
      String text = setting.formatted(config.protocol());
      if (text != null) {
        settings.put(setting.name(), text);
      }
    }
    SeedTask task = new SeedTask(combination, label, seed, config.system().getClass().getName(),
        new LinkedHashMap<>(config.system().parameters()), settings,
        config.preset() == null ? null : config.preset().name(), config.float64(),
        config.data() == null ? null : config.data().getFileName().toString(), config.device().name(), maxFailures);
    SystemSpec system = task.system();
    if (!system.parameters().equals(config.system().parameters())) {
      throw new IllegalStateException("the system " + task.systemClass + " rebuilt with parameters " + task.parameters
          + " has " + system.parameters() + ": it cannot be sent to Spark's executors");
    }
    Protocol rebuilt = task.protocol(system);
    if (!rebuilt.equals(config.protocol())) {
      throw new IllegalStateException("the protocol " + config.protocol() + " does not survive its settings' text "
          + settings + " (rebuilt: " + rebuilt + "): it cannot be sent to Spark's executors");
    }
    return task;
  }

  /** The system, from its class's public no-argument constructor (every generated {@code …System} has one). */
  SystemSpec system() {
    Object instance;
    try {
      Class<?> type = Class.forName(systemClass, true, Thread.currentThread().getContextClassLoader());
      instance = type.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the system class " + systemClass + " is not on this JVM's class path: give"
          + " Spark the jar that holds it (spark-submit --jars, or submit the application's own jar)", e);
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("the system class " + systemClass + " needs a public no-argument constructor"
          + " to be rebuilt on Spark's executors (generated …System classes have one)", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the constructor of " + systemClass + " failed: " + e.getCause(), e.getCause());
    }
    if (!(instance instanceof SystemSpec spec)) {
      throw new IllegalStateException(systemClass + " does not implement " + SystemSpec.class.getName());
    }
    return parameters.isEmpty() ? spec : spec.withParameters(parameters);
  }

  /** The system's own protocol with every setting of the sweep's combination. */
  Protocol protocol(SystemSpec system) {
    Protocol.Builder builder = system.protocol().toBuilder();
    for (Setting<?> setting : Setting.ALL) {
      String text = settings.get(setting.name());
      if (text != null) {
        set(setting, builder, text);
      }
    }
    return builder.build();
  }

  private static <T> void set(Setting<T> setting, Protocol.Builder builder, String text) {
    setting.with(builder, setting.parse(text));
  }

  /**
   * Runs the seed on this executor. An error the same inputs would raise again (divergence, bad
   * data or settings) is reported at once; any other is thrown for Spark to retry the task, except
   * on its last attempt, where it is reported.
   */
  TaskOutcome run() {
    TaskContext context = TaskContext.get();
    int attempt = context == null ? 0 : context.attemptNumber();
    int cores = context == null ? 1 : context.cpus();
    String where = where();
    long started = System.nanoTime();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);
    Path work = null;
    try {
      work = Files.createTempDirectory("concernet-task-");
      Sessions.setThreads(cores);
      selectDevice(Device.valueOf(device), log);
      SystemSpec system = system();
      Path data = dataFile == null ? null : Path.of(SparkFiles.get(dataFile));
      ExperimentConfig config = new ExperimentConfig(system, protocol(system),
          preset == null ? null : Preset.valueOf(preset), List.of(seed), float64, data, work, Sessions.device(), cores);
      Path models = work.resolve("models");
      SeedResult result = SeedOutputs.run(config, seed, models, log);
      return new TaskOutcome(combination, seed, attempt, where, seconds(started), SeedOutputs.toJson(result),
          files(models), null, printed.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return retryOrReport(new UncheckedIOException(e), attempt, where, started, printed);
    } catch (RuntimeException | Error e) {
      return retryOrReport(e, attempt, where, started, printed);
    } finally {
      if (work != null) {
        delete(work);
      }
    }
  }

  private TaskOutcome retryOrReport(Throwable e, int attempt, String where, long started, ByteArrayOutputStream printed) {
    boolean deterministic = e instanceof TrainingDivergedException || e instanceof IllegalArgumentException;
    if (!deterministic && attempt + 1 < maxFailures) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) e;
    }
    String error = e.getClass().getSimpleName() + ": " + e.getMessage()
        + (deterministic ? "" : " (attempt " + (attempt + 1) + " of " + maxFailures + ")");
    return new TaskOutcome(combination, seed, attempt, where, seconds(started), null, new TreeMap<>(), error,
        printed.toString(StandardCharsets.UTF_8));
  }

  private static volatile Device selected;

  /** Selects the device once per executor JVM (probing a GPU is slow). */
  private static synchronized void selectDevice(Device requested, PrintStream log) {
    if (selected != requested) {
      Device.select(requested, log);
      selected = requested;
    }
  }

  private static String where() {
    SparkEnv env = SparkEnv.get();
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "?";
    }
    return "executor " + (env == null ? "?" : env.executorId()) + " on " + host + ", pid "
        + ProcessHandle.current().pid();
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** Every file under {@code folder}, by '/'-separated relative path. */
  static TreeMap<String, byte[]> files(Path folder) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"),
            Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static void delete(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder the executor's own clean-up removes later
    }
  }
}
