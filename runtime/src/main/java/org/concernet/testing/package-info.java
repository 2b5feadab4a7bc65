/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Test support for users: Truth subjects for rollouts of trained models ({@code
 * assertThat(rollout).conserves(models::invariant).within(1e-4)}). Truth is an optional dependency
 * of the runtime: a project that uses this package adds {@code com.google.truth:truth} to its test
 * scope.
 *
 * <p>Must not depend on: {@code org.concernet.nn}, {@code org.concernet.training}, {@code
 * org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code org.concernet.latent}, {@code
 * org.concernet.simulate}, {@code org.concernet.eval}, {@code org.concernet.results}, {@code
 * org.concernet.report}, {@code org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.testing;
