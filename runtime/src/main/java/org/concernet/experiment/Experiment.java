/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.PrintStream;

/** The ConCerNet pipeline for one system over all seeds. */
public final class Experiment {
  private Experiment() {}

  /** Runs the experiment and writes its outputs into {@code config.out()}. */
  public static org.concernet.report.ExperimentResults run(ExperimentConfig config, PrintStream out) {
    throw new UnsupportedOperationException("pipeline integration pending");
  }
}
