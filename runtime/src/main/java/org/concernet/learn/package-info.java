/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Learning: the square ratio loss ({@link org.concernet.learn.SquareRatioLoss}), step (i) of
 * ConCerNet ({@link org.concernet.learn.InvariantLearner} → {@link
 * org.concernet.learn.LearnedInvariant}), and the Adam optimizer on explicit variables.
 */
package org.concernet.learn;
