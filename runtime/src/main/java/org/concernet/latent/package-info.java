/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The latent space of paper eq. 6: the autoencoder learner ({@link
 * org.concernet.latent.AutoencoderLearner} → {@link org.concernet.latent.LearnedAutoencoder}, with
 * the forward-mode JVPs that carry ẋ to ż), and {@link org.concernet.latent.StateSpace}, the one
 * interface through which the pipeline treats the system's own states and a latent space alike.
 *
 * <p>Must not depend on: {@code org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code
 * org.concernet.simulate}, {@code org.concernet.eval}, {@code org.concernet.results}, {@code
 * org.concernet.report}, {@code org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.latent;
