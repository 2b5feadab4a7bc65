/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import org.concernet.system.SystemSpec;

/**
 * The command line of every generated {@code …Experiment}: runs the ConCerNet pipeline for one
 * system. Generated code calls {@link #main(SystemSpec, String[])}.
 */
public final class ExperimentCommand {
  private ExperimentCommand() {}

  /** Runs the experiment for {@code system} with command-line {@code args}, then exits with its status. */
  public static void main(SystemSpec system, String[] args) {
    System.exit(run(system, args));
  }

  /** Runs the experiment for {@code system} with command-line {@code args}; returns the exit status. */
  public static int run(SystemSpec system, String... args) {
    // Integration point: the pipeline lands here (issue 3/4).
    throw new UnsupportedOperationException("the experiment pipeline is not integrated yet");
  }
}
