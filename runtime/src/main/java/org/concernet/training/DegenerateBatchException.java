/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

/**
 * A contrastive batch on which the square ratio loss is undefined or carries no signal: fewer than
 * two trajectories, or every point identical (so every denominator Σ‖H(a) − H(b)‖² is zero). The
 * message says which, what was found, and what to change. Thrown before training when the data
 * shows it, and at run time when the graph's guard detects it; the loss is never NaN.
 */
public final class DegenerateBatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DegenerateBatchException(String message) {
    super(message);
  }

  public DegenerateBatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
