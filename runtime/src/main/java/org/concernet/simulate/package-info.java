/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Rollouts: fixed-step RK4 of learned vector fields inside the graph, batched over initial states
 * ({@link org.concernet.simulate.Rk4}), the double-precision ground truth ({@link
 * org.concernet.simulate.TrueRollout}), and their common value object {@link
 * org.concernet.data.Rollout}.
 *
 * <p>Must not depend on: {@code org.concernet.training}, {@code org.concernet.contrastive}, {@code
 * org.concernet.dynamics}, {@code org.concernet.latent}, {@code org.concernet.eval}, {@code
 * org.concernet.results}, {@code org.concernet.report}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.simulate;
