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
 * A body orbiting a fixed mass (paper section 5.1): energy and angular momentum are conserved.
 */
@DynamicalSystem(name = "Kepler", trajectories = 50, points = 100, startTime = 0, endTime = 10,
    evaluationHorizon = 5)
public class Kepler {
  @State double x;
  @State double y;
  @State double vx;
  @State double vy;

  double r() { return Math.sqrt(x * x + y * y); }

  @Derivative("x") double dx() { return vx; }
  @Derivative("y") double dy() { return vy; }
  @Derivative("vx") double dvx() { return -x / (r() * r() * r()); }
  @Derivative("vy") double dvy() { return -y / (r() * r() * r()); }

  @Invariant double energy() { return (vx * vx + vy * vy) / 2 - 1 / r(); }
  @Invariant double angularMomentum() { return x * vy - y * vx; }

  /**
   * Position: a random direction at a radius drawn from [0.1, 1.0); velocity perpendicular to it,
   * along (y, −x)/r, with speed √(U[1, 1.3) / r) — bound orbits from near-circular to eccentric.
   */
  @InitialState void sample(RandomGenerator rng) {
    double angle = 2 * Math.PI * rng.nextDouble();
    double radius = 0.1 + 0.9 * rng.nextDouble();
    x = radius * Math.cos(angle);
    y = radius * Math.sin(angle);
    double speed = Math.sqrt((1 + 0.3 * rng.nextDouble()) / radius);
    vx = speed * y / radius;
    vy = -speed * x / radius;
  }
}
