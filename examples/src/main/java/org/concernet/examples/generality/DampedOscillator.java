/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.generality;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.State;

/**
 * The negative control of the generality suite: a damped oscillator {@code q' = p, p' = −q − 0.1p}
 * conserves nothing, so no H learned from its data can be constant along trajectories, and a run
 * must say so rather than present the projected model as better. It declares no {@code @Invariant}.
 */
@DynamicalSystem(
    name = "DampedOscillator",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class DampedOscillator {
  @State double q;
  @State double p;

  @Derivative("q")
  double dq() {
    return p;
  }

  @Derivative("p")
  double dp() {
    return -q - 0.1 * p;
  }

  /** A random direction, radius U[0.3, 1.2), as the spring–mass system. */
  @InitialState
  void sample(RandomGenerator rng) {
    double angle = rng.nextDouble(0.0, 2 * Math.PI);
    double radius = rng.nextDouble(0.3, 1.2);
    q = radius * Math.cos(angle);
    p = radius * Math.sin(angle);
  }
}
