/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Keeps TensorFlow's native start-up log (oneDNN, cpu_feature_guard, absl, MLIR) off the console of
 * a run. TensorFlow writes it from C++ straight to the process's standard error, and its level is
 * read from the environment when the natives load — a JVM cannot change its own environment, and
 * the absl and MLIR lines ignore {@code TF_CPP_MIN_LOG_LEVEL} altogether. So a command's {@code
 * main} runs its own command line once more as a child process, with {@code TF_CPP_MIN_LOG_LEVEL=2}
 * set, and passes the child's standard error on without TensorFlow's informational and warning
 * lines. Errors ({@code E}, {@code F}) and everything else pass unchanged; standard output is the
 * child's own. {@value #OPTION} turns the filter off.
 */
final class TensorFlowLog {
  /** The option that shows TensorFlow's log. */
  static final String OPTION = "--tensorflow-log";

  /** Set in the child's environment, so it does not start another child. */
  static final String CHILD = "CONCERNET_TENSORFLOW_LOG_FILTERED";

  private static final List<Pattern> TENSORFLOW_LINES = List.of(
      // TensorFlow's own C++ log: "2026-12-03 15:07:42.503486: I tensorflow/core/util/port.cc:153] …"
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IW] \\S+:\\d+\\] .*"),
      // absl's format: "I0000 00:00:1796310464.105849   25641 mlir_graph_optimization_pass.cc:401] …"
      Pattern.compile("^[IW]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+\\s+\\d+ \\S+:\\d+\\] .*"),
      Pattern.compile("^WARNING: All log messages before absl::InitializeLog\\(\\) is called are written to STDERR$"),
      // the second line of cpu_feature_guard's message
      Pattern.compile("^To enable the following instructions: .* rebuild TensorFlow with the appropriate compiler"
          + " flags\\.$"));

  private TensorFlowLog() {}

  /** Whether {@code line} is an informational or warning line of TensorFlow's native log. */
  static boolean isTensorFlowLine(String line) {
    return TENSORFLOW_LINES.stream().anyMatch(p -> p.matcher(line).matches());
  }

  /**
   * Runs {@code mainClass} with {@code args} again as a child process with TensorFlow's log
   * filtered from its standard error, and returns the child's exit status; empty when this process
   * should run the command itself: it is the child, {@value #OPTION} was given, spark-submit started it, or the command
   * cannot be repeated. When {@code mainClass} is this JVM's main class the child repeats this
   * JVM's whole command line (its options included); when it was started inside another program's
   * JVM ({@code mvn exec:java}), the child is a plain {@code java} on the classes {@code mainClass}
   * was loaded from.
   */
  static OptionalInt runFiltered(Class<?> mainClass, String[] args, PrintStream err) {
    // under spark-submit the driver must stay in the JVM that holds the Spark configuration
    if (System.getenv(CHILD) != null || List.of(args).contains(OPTION) || ExperimentCommand.SPARK_SUBMIT) {
      return OptionalInt.empty();
    }
    Optional<List<String>> commandLine = commandLine(mainClass, args);
    if (commandLine.isEmpty()) {
      return OptionalInt.empty();
    }
    return runFiltered(commandLine.get(), err);
  }

  /** The command that runs {@code mainClass} with {@code args} in a new JVM, if it can be known. */
  private static Optional<List<String>> commandLine(Class<?> mainClass, String[] args) {
    ProcessHandle.Info info = ProcessHandle.current().info();
    String launched = System.getProperty("sun.java.command", "").split(" ", 2)[0];
    if (launched.equals(mainClass.getName()) && info.command().isPresent() && info.arguments().isPresent()) {
      List<String> line = new ArrayList<>();
      line.add(info.command().get());
      line.addAll(List.of(info.arguments().get()));
      return Optional.of(line);
    }
    if (mainClass.getClassLoader() instanceof URLClassLoader loader) {
      List<String> path = new ArrayList<>();
      for (URL url : loader.getURLs()) {
        if (!"file".equals(url.getProtocol())) {
          return Optional.empty();
        }
        try {
          path.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException e) {
          return Optional.empty();
        }
      }
      List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", String.join(File.pathSeparator, path), mainClass.getName()));
      line.addAll(List.of(args));
      return Optional.of(line);
    }
    return Optional.empty();
  }

  private static OptionalInt runFiltered(List<String> commandLine, PrintStream err) {
    ProcessBuilder builder = new ProcessBuilder(commandLine)
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.PIPE);
    builder.environment().put(CHILD, "1");
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    Process child;
    try {
      child = builder.start();
    } catch (IOException e) {
      return OptionalInt.empty();  // run in this process, log and all
    }
    Thread stop = new Thread(child::destroy, "stop the experiment's child process");
    Runtime.getRuntime().addShutdownHook(stop);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!isTensorFlowLine(line)) {
          err.println(line);
        }
      }
      return OptionalInt.of(child.waitFor());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the experiment's error stream: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      child.destroy();
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook stops the child
      }
    }
  }
}
