/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Trajectory data: the immutable {@link org.concernet.data.Trajectories} (N trajectories × T
 * points × n states, times, derivatives), their generation from a {@link
 * org.concernet.system.SystemSpec} and their input and output.
 *
 * <ul>
 *   <li>{@link org.concernet.simulate.TrajectoryGenerator}: seeded initial states, integration at
 *       given times, observation noise; {@code trainingData(system, protocol, seed)} makes a
 *       protocol's training set in one call.
 *   <li>{@link org.concernet.simulate.ReferenceIntegrator}: Commons Math Dormand–Prince 8(5,3) in
 *       double precision, relative tolerance 1e-10 (the paper's data, the default).
 *   <li>{@link org.concernet.simulate.GraphRk4Integrator}: batched fixed-step RK4 in float64 in the
 *       TensorFlow graph, substeps chosen by step doubling.
 *   <li>{@link org.concernet.data.TrajectoryIO}: CSV and NumPy {@code .npz}; {@link
 *       org.concernet.data.Npy}: single {@code .npy} arrays.
 * </ul>
 *
 * <p>Every problem with data is an {@link org.concernet.data.InvalidDataException} naming the
 * source (file), the place (line, entry, trajectory and point) and the offending value or shape.
 *
 * <p>Must not depend on: {@code org.concernet.nn}, {@code org.concernet.system}, {@code
 * org.concernet.protocol}, {@code org.concernet.simulate}, {@code org.concernet.training}, {@code
 * org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code org.concernet.latent}, {@code
 * org.concernet.eval}, {@code org.concernet.results}, {@code org.concernet.report}, {@code
 * org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.data;
