/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The experiment protocol: {@link org.concernet.protocol.Protocol} (data, networks, training
 * and evaluation settings), the {@link org.concernet.protocol.Preset}s that replace it (the
 * paper's Table 4 exactly, a quick one) and the learning-rate schedule.
 *
 * <p>Must not depend on: {@code org.concernet.system}, {@code org.concernet.data}, {@code
 * org.concernet.simulate}, {@code org.concernet.training}, {@code org.concernet.contrastive},
 * {@code org.concernet.dynamics}, {@code org.concernet.latent}, {@code org.concernet.eval}, {@code
 * org.concernet.results}, {@code org.concernet.report}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.protocol;
