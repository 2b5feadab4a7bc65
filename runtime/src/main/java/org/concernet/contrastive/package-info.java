/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Step (i) of ConCerNet: the square ratio loss (paper eq. 2, {@link
 * org.concernet.contrastive.SquareRatioLoss}) and the contrastive learner of the conserved
 * quantities H ({@link org.concernet.contrastive.InvariantLearner} → {@link
 * org.concernet.contrastive.LearnedInvariant}), with its provenance.
 *
 * <p>Must not depend on: {@code org.concernet.dynamics}, {@code org.concernet.latent}, {@code
 * org.concernet.simulate}, {@code org.concernet.eval}, {@code org.concernet.results}, {@code
 * org.concernet.report}, {@code org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.contrastive;
