/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Systems with several conserved quantities, declared as a user would: the free {@link
 * org.concernet.examples.multi.RigidBody} (energy and |L|², two) and the 2-D {@link
 * org.concernet.examples.multi.IsotropicOscillator} (two energies and the angular momentum, three),
 * and the {@link org.concernet.examples.multi.AnharmonicCentralForce} (energy and angular momentum
 * in a central potential r²/2 + r⁴/4, two; the guard added after the volume barrier was measured).
 * {@link org.concernet.examples.AlignedKepler} is Kepler with every periapsis on one axis, the
 * measurement that the paper's sampler hides the energy behind the Runge–Lenz direction, and {@link
 * org.concernet.examples.EccentricKepler} the same with more eccentric orbits, the measurement that
 * less circular orbits alone do not free it (neither in the suite: about four minutes a seed).
 * {@link org.concernet.examples.multi.MultiSuite} runs them with their defaults and prints the
 * generality suite's table, with R² of each declared invariant from the whole learned set.
 */
package org.concernet.examples.multi;
