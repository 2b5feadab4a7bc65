/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

/** Receives training progress: called once per epoch (or per reporting interval). */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores progress. */
  ProgressListener NONE = (stage, epoch, epochs, loss) -> {};

  /**
   * @param stage e.g. "contrastive", "dynamics (baseline)"
   * @param epoch epochs completed so far (1-based)
   * @param epochs total epochs of the stage
   * @param loss mean training loss of the last epoch
   */
  void epoch(String stage, int epoch, int epochs, double loss);
}
