/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

/** How the dynamics models (the baseline f and ConCerNet's projected f̃) are fitted to the data. */
public enum DynamicsLoss {
  /** The paper's eq. 4: mean ‖f̃(x) − ẋ‖² over observed points, on observed (or estimated) derivatives. */
  DERIVATIVE,
  /**
   * Multiple shooting: f̃ integrated with RK4 in the graph over segments of {@code shootingSteps}
   * observed steps ({@code shootingSubsteps} RK4 steps each) from observed states, the states it
   * reaches fitted to the observed ones; states and times only.
   */
  SHOOTING
}
