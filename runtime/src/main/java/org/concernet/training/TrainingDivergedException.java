/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

/**
 * Training produced a non-finite loss or weight. Carries the stage, seed, epoch and the last
 * finite loss so the user knows where it went wrong; nothing is written as if training succeeded.
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String stage;
  private final long seed;
  private final int epoch;
  private final double lastFiniteLoss;

  public TrainingDivergedException(String stage, long seed, int epoch, double lastFiniteLoss, String detail) {
    super(stage + " diverged at epoch " + epoch + " (seed " + seed + "): " + detail
        + "; last finite loss " + lastFiniteLoss);
    this.stage = stage;
    this.seed = seed;
    this.epoch = epoch;
    this.lastFiniteLoss = lastFiniteLoss;
  }

  public String stage() {
    return stage;
  }

  public long seed() {
    return seed;
  }

  public int epoch() {
    return epoch;
  }

  public double lastFiniteLoss() {
    return lastFiniteLoss;
  }
}
