/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Rollouts: fixed-step RK4 of learned vector fields inside the graph, batched over initial states
 * ({@link org.concernet.simulate.Rk4}), the double-precision ground truth ({@link
 * org.concernet.simulate.ReferenceIntegrator#rollout}), and their common value object {@link
 * org.concernet.data.Rollout}.
 */
package org.concernet.simulate;
