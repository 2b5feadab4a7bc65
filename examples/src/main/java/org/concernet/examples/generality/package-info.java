/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The generality suite: systems the paper does not have, declared exactly as a user would, with
 * the library's defaults (only the time spans follow each system), so that the suite guards the
 * defaults rather than any tuning. Polynomial ({@link
 * org.concernet.examples.generality.Duffing}, {@link org.concernet.examples.generality.HenonHeiles}),
 * trigonometric ({@link org.concernet.examples.generality.Pendulum}, {@link
 * org.concernet.examples.generality.CoupledPendulums}, 4-D), logarithmic ({@link
 * org.concernet.examples.generality.LotkaVolterra}, {@link org.concernet.examples.generality.Epidemic})
 * and exponential ({@link org.concernet.examples.generality.MorseChain}, 6-D) invariants, and the
 * {@link org.concernet.examples.generality.DampedOscillator}, which conserves nothing, as the
 * negative control. {@link org.concernet.examples.generality.GeneralitySuite} runs them and prints
 * one table; see docs/generality.md.
 */
package org.concernet.examples.generality;
