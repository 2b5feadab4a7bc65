/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Step (ii) of ConCerNet: the projection layer f̃ = f − G(GᵀG)⁻¹Gᵀf (paper eq. 3, {@link
 * org.concernet.dynamics.Projection}) and the dynamics learner (eq. 4) of the baseline and the
 * projected model ({@link org.concernet.dynamics.DynamicsLearner} → {@link
 * org.concernet.dynamics.LearnedDynamics}, a vector field that RK4 rolls out).
 *
 * <p>Must not depend on: {@code org.concernet.latent}, {@code org.concernet.eval}, {@code
 * org.concernet.results}, {@code org.concernet.report}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.dynamics;
