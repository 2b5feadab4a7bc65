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
 * Predator and prey (Lotka–Volterra) with unit rates: {@code x' = x − xy, y' = xy − y}. Not
 * Hamiltonian in these coordinates; the conserved quantity is logarithmic,
 * {@code x − ln x + y − ln y}. Part of the generality suite: a kind of invariant the paper's
 * systems do not have.
 */
@DynamicalSystem(
    name = "LotkaVolterra",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class LotkaVolterra {
  /** Prey. */
  @State double x;
  /** Predators. */
  @State double y;

  @Derivative("x")
  double dx() {
    return x - x * y;
  }

  @Derivative("y")
  double dy() {
    return x * y - y;
  }

  @Invariant
  double h() {
    return x - Math.log(x) + y - Math.log(y);
  }

  /** A point at distance U[0.1, 0.6) from the equilibrium (1, 1): closed orbits well inside x, y &gt; 0. */
  @InitialState
  void sample(RandomGenerator rng) {
    double angle = rng.nextDouble(0.0, 2 * Math.PI);
    double radius = rng.nextDouble(0.1, 0.6);
    x = 1 + radius * Math.cos(angle);
    y = 1 + radius * Math.sin(angle);
  }
}
