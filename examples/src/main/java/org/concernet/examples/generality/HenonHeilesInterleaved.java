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
 * {@link HenonHeiles} with its states declared in another order, each position followed by its
 * momentum (x, px, y, py): the same system and the same trajectories, but not the layout
 * (positions, then momenta) that the Hamiltonian ending assumes. It checks that a system declared
 * this way loses nothing: the ending's H is judged by its validation spread like the others.
 */
@DynamicalSystem(
    name = "HenonHeilesInterleaved",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class HenonHeilesInterleaved {
  @State double x;
  @State double px;
  @State double y;
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
