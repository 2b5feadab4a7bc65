/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * Trajectory data: the immutable {@link org.concernet.data.Trajectories} (N trajectories × T
 * points × n states, times, derivatives) and {@link org.concernet.data.Rollout} (simulated states
 * over shared times), and their input and output.
 *
 * <ul>
 *   <li>{@link org.concernet.data.TrajectoryIO}: CSV and NumPy {@code .npz}; {@link
 *       org.concernet.data.Npy}: single {@code .npy} arrays.
 *   <li>{@link org.concernet.data.MeasuredSeries}: raw measured series (whitespace text with a
 *       {@code %} header, or CSV) split at gaps into segments and cut into equal windows; {@link
 *       org.concernet.data.SavitzkyGolay} estimates their derivatives within each segment.
 *   <li>Data is made in {@code simulate}: {@code TrajectoryGenerator} (seeded initial states,
 *       integration, observation noise) with {@code ReferenceIntegrator} (Commons Math
 *       Dormand–Prince in double precision, the paper's data and the evaluation truth) or {@code
 *       GraphRk4Integrator} (the in-graph RK4).
 * </ul>
 *
 * <h2>Why two trajectory types</h2>
 * They promise opposite things. {@code Trajectories} is data to learn from: construction rejects
 * a NaN or infinity, non-increasing times and a trajectory that never moves, so no training step
 * ever sees one; it carries derivatives and per-trajectory times, as measured data has them. A
 * {@code Rollout} is a simulation's outcome: a learned field may blow up, and a state at rest is
 * a legitimate answer, so it keeps non-finite states and says where each trajectory left the
 * reals ({@code firstNonFinite}), with the substeps that made it. One type would have to drop
 * either the guarantee or the report. Neither copies the other's code: a rollout becomes data
 * only through the check of {@code Trajectories.ofFlat}, as {@code GraphRk4Integrator} makes its
 * data.
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
