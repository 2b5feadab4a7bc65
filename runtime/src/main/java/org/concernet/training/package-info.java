/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The machinery under every learned model: the shared epoch loop ({@link
 * org.concernet.training.EpochLoop}: batches, learning-rate schedule, divergence checks,
 * checkpoints, progress), Adam on explicit variables, checkpoints that resume bit for bit, atomic
 * file writes and the library version recorded in provenance. It knows no loss of its own.
 *
 * <p>Must not depend on: {@code org.concernet.data}, {@code org.concernet.system}, {@code
 * org.concernet.simulate}, {@code org.concernet.contrastive}, {@code org.concernet.dynamics},
 * {@code org.concernet.latent}, {@code org.concernet.eval}, {@code org.concernet.results}, {@code
 * org.concernet.report}, {@code org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.training;
