/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Where integration is: the only package that integrates a vector field, so that the data a model
 * learns from, the truth it is judged against and its own rollouts are made by code written once.
 *
 * <ul>
 *   <li>{@link org.concernet.simulate.ReferenceIntegrator}: Commons Math Dormand–Prince 8(5,3) of a
 *       system's Java field in double precision, with one set of tolerances for the training data
 *       ({@code integrate}, with derivatives) and the evaluation's ground truth ({@code rollout}).
 *   <li>{@link org.concernet.simulate.Rk4}: the one in-graph RK4, batched over initial states, of a
 *       {@link org.concernet.simulate.VectorField}: a learned model ({@code
 *       dynamics.LearnedDynamics} implements the interface) or a system's graph form ({@link
 *       org.concernet.simulate.VectorField#of}). Fixed substeps, or substeps chosen by step
 *       doubling ({@link org.concernet.simulate.Rk4#converged}). The step and its unrolled chunks
 *       live in the package-private {@code Rk4Graph}.
 *   <li>{@link org.concernet.simulate.GraphRk4Integrator}: {@code Rk4} as a {@link
 *       org.concernet.simulate.TrajectoryIntegrator}: data generation in the graph, substeps by
 *       step doubling to a tolerance, derivatives from the same graph.
 *   <li>{@link org.concernet.simulate.TrajectoryGenerator}: seeded initial states, integration and
 *       observation noise; a protocol's training data in one call.
 * </ul>
 *
 * <p>Results are {@link org.concernet.data.Trajectories} (integrators: clean data with derivatives)
 * and {@link org.concernet.data.Rollout} (rollouts and the truth, which may blow up).
 *
 * <p>It builds on {@code data}, {@code system}, {@code nn} and {@code protocol} (and Commons Math and
 * TensorFlow); everything that learns or reports builds on it (a learned model reaches it only
 * through {@code VectorField}), so a dependency back would tie integration to one way of learning
 * or reporting. {@code PackageStructureTest} checks the line below.
 *
 * <p>Must not depend on: {@code org.concernet.training}, {@code org.concernet.contrastive}, {@code
 * org.concernet.dynamics}, {@code org.concernet.latent}, {@code org.concernet.eval}, {@code
 * org.concernet.results}, {@code org.concernet.report}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.simulate;
