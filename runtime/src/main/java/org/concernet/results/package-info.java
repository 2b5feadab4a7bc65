/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The results model: one seed's figures ({@link org.concernet.results.SeedResult}, with each
 * evaluation trajectory's MSE) and an experiment's over seeds ({@link
 * org.concernet.results.ExperimentResults}), as results.json holds them. Plain values: writers
 * live in {@code report}.
 *
 * <p>Must not depend on: {@code org.concernet.nn}, {@code org.concernet.training}, {@code
 * org.concernet.simulate}, {@code org.concernet.contrastive}, {@code org.concernet.dynamics},
 * {@code org.concernet.latent}, {@code org.concernet.report}, {@code org.concernet.experiment},
 * {@code org.concernet.cli}, {@code org.concernet.symbolic}.
 */
package org.concernet.results;
