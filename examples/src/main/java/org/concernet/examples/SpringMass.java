/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.State;

/**
 * The ideal spring-mass system of the paper (section 5.1): q' = 2p, p' = −2q, whose energy
 * q² + p² is conserved. The annotation carries the paper's protocol (appendix B, Table 4).
 */
@DynamicalSystem(name = "SpringMass", trajectories = 25, points = 30, startTime = 0, endTime = 3,
    evaluationHorizon = 50)
public class SpringMass {
  @State double q;
  @State double p;

  @Derivative("q") double dq() { return 2 * p; }
  @Derivative("p") double dp() { return -2 * q; }

  @Invariant double energy() { return q * q + p * p; }

  /** A random direction at a radius drawn from [0.3, 1.2). */
  @InitialState void sample(RandomGenerator rng) {
    double angle = 2 * Math.PI * rng.nextDouble();
    double radius = 0.3 + 0.9 * rng.nextDouble();
    q = radius * Math.cos(angle);
    p = radius * Math.sin(angle);
  }
}
