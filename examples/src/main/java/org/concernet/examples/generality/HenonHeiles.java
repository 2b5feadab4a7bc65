/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.generality;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.State;

/**
 * The Hénon–Heiles system (4-D): {@code H = (px² + py²)/2 + (x² + y²)/2 + x²y − y³/3}, a cubic
 * invariant of a non-integrable (at higher energies chaotic) Hamiltonian. Part of the generality suite.
 */
@DynamicalSystem(
    name = "HenonHeiles",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class HenonHeiles {
  @State double x;
  @State double y;
  @State double px;
  @State double py;

  @Derivative("x")
  double dx() {
    return px;
  }

  @Derivative("y")
  double dy() {
    return py;
  }

  @Derivative("px")
  double dpx() {
    return -x - 2 * x * y;
  }

  @Derivative("py")
  double dpy() {
    return -y - x * x + y * y;
  }

  @Invariant
  double energy() {
    return (px * px + py * py) / 2 + (x * x + y * y) / 2 + x * x * y - y * y * y / 3;
  }

  /** Every coordinate in U[−0.25, 0.25): energy below 0.15, under the escape energy 1/6, so orbits stay bounded. */
  @InitialState
  void sample(RandomGenerator rng) {
    x = rng.nextDouble(-0.25, 0.25);
    y = rng.nextDouble(-0.25, 0.25);
    px = rng.nextDouble(-0.25, 0.25);
    py = rng.nextDouble(-0.25, 0.25);
  }
}
