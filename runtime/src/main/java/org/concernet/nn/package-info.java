/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Networks: the MLP in a graph with its closed-form input Jacobian ({@link org.concernet.nn.Mlp}),
 * its weights as Java arrays ({@link org.concernet.nn.MlpWeights}), persistence ({@link
 * org.concernet.nn.ModelStore}), and tensor/session helpers.
 */
package org.concernet.nn;
