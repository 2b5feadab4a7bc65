/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DSL: annotate a class with {@link org.concernet.annotations.DynamicalSystem}, its state
 * fields with {@link org.concernet.annotations.State}, its constants with {@link
 * org.concernet.annotations.Parameter}, and its equations with {@link
 * org.concernet.annotations.Derivative} and {@link org.concernet.annotations.Invariant}. The
 * annotation processor reads these; nothing here runs.
 *
 * <p>Must not depend on: {@code org.concernet.system}, {@code org.concernet.data}, {@code
 * org.concernet.simulate}, {@code org.concernet.training}, {@code org.concernet.contrastive},
 * {@code org.concernet.dynamics}, {@code org.concernet.latent}, {@code org.concernet.eval}, {@code
 * org.concernet.results}, {@code org.concernet.report}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.annotations;
