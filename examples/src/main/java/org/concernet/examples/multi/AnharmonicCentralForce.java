/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.multi;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.State;

/**
 * A particle in the plane pulled to the origin by the anharmonic central potential V(r) = r²/2 +
 * r⁴/4: ẍ = −(1 + r²)x, ÿ = −(1 + r²)y. Two independent invariants, the energy and the angular
 * momentum. Unlike the harmonic oscillator and Kepler (Bertrand's theorem: the only central
 * potentials with closed orbits), the orbits are precessing rosettes that fill an annulus, so no
 * third global invariant exists; each trajectory lies on the 2-torus E = const, L = const. On the
 * window of 10 time units the orientation precesses slowly, so it is nearly conserved there
 * ({@code --latent auto} counts 3; docs/several-invariants.md). On near-circular orbits ∇E and ∇L
 * are nearly parallel. Kept as the several-invariants suite's guard that no default was chosen
 * on: it was added after the volume barrier's weight was measured on the rigid body and the
 * isotropic oscillator.
 */
@DynamicalSystem(
    name = "AnharmonicCentralForce",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0,
    trajectories = 100,
    points = 50,
    noise = 0.01,
    evaluationTrajectories = 10,
    evaluationPoints = 501,
    r2Trajectories = 100,
    latent = 2,
    hidden = {100, 100},
    contrastiveEpochs = 500,
    contrastiveBatch = 10,
    dynamicsEpochs = 300,
    dynamicsBatch = 100,
    levelSetNewton = 3)
public final class AnharmonicCentralForce {
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
    return -(1 + x * x + y * y) * x;
  }

  @Derivative("py")
  double dpy() {
    return -(1 + x * x + y * y) * y;
  }

  @Invariant
  double energy() {
    double r2 = x * x + y * y;
    return (px * px + py * py) / 2 + r2 / 2 + r2 * r2 / 4;
  }

  @Invariant
  double angularMomentum() {
    return x * py - y * px;
  }

  /**
   * Every coordinate in U[−1, 1), drawn again while r &lt; 0.5: every orbit then starts where the
   * quartic term matters (at r = 0.5 it adds a quarter of the harmonic force), so orbits precess.
   */
  @InitialState
  void sample(RandomGenerator rng) {
    do {
      x = rng.nextDouble(-1.0, 1.0);
      y = rng.nextDouble(-1.0, 1.0);
      px = rng.nextDouble(-1.0, 1.0);
      py = rng.nextDouble(-1.0, 1.0);
    } while (x * x + y * y < 0.25);
  }
}
