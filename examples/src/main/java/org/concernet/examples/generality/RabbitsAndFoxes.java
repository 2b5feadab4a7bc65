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
 * Predator and prey counted in heads, as an ecologist would write them: about 100 rabbits and 20
 * foxes, {@code r' = r − 0.05·r·f, f' = 0.01·r·f − f}, invariant {@code 0.01·r − ln r + 0.05·f −
 * ln f}. The same dynamics as {@link LotkaVolterra} with its states multiplied by 100 and 20: the
 * suite's guard for states far from unit scale, which the networks' tanh units saturate on unless
 * the states are standardised (the default does so here; docs/generality.md "States far from unit
 * scale").
 */
@DynamicalSystem(
    name = "RabbitsAndFoxes",
    startTime = 0.0,
    endTime = 10.0,
    evaluationHorizon = 20.0)
public final class RabbitsAndFoxes {
  @State double rabbits;
  @State double foxes;

  @Derivative("rabbits")
  double dRabbits() {
    return rabbits - 0.05 * rabbits * foxes;
  }

  @Derivative("foxes")
  double dFoxes() {
    return 0.01 * rabbits * foxes - foxes;
  }

  @Invariant
  double h() {
    return 0.01 * rabbits - Math.log(rabbits) + 0.05 * foxes - Math.log(foxes);
  }

  /** {@link LotkaVolterra}'s initial states scaled: within 10% to 60% of the equilibrium (100, 20). */
  @InitialState
  void sample(RandomGenerator rng) {
    double angle = rng.nextDouble(0.0, 2 * Math.PI);
    double radius = rng.nextDouble(0.1, 0.6);
    rabbits = 100 * (1 + radius * Math.cos(angle));
    foxes = 20 * (1 + radius * Math.sin(angle));
  }
}
