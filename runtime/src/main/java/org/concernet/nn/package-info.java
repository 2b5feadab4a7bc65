/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Networks: the MLP in a graph with its closed-form input Jacobian ({@link org.concernet.nn.Mlp}),
 * its weights as Java arrays ({@link org.concernet.nn.MlpWeights}), persistence ({@link
 * org.concernet.nn.ModelStore}), and tensor/session helpers.
 *
 * <p>Must not depend on: {@code org.concernet.annotations}, {@code org.concernet.protocol}, {@code
 * org.concernet.system}, {@code org.concernet.data}, {@code org.concernet.training}, {@code
 * org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code org.concernet.latent}, {@code
 * org.concernet.simulate}, {@code org.concernet.eval}, {@code org.concernet.results}, {@code
 * org.concernet.report}, {@code org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.nn;
