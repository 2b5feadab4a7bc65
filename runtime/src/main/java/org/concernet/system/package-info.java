/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * What generated code implements: {@link org.concernet.system.SystemSpec} (names, dimension,
 * ranges, parameters, the field and the invariants both as Java doubles and as graph builders,
 * the protocol defaults) and {@link org.concernet.system.GraphMath}, the batched operations the
 * translated method bodies call.
 *
 * <p>Must not depend on: {@code org.concernet.data}, {@code org.concernet.simulate}, {@code
 * org.concernet.training}, {@code org.concernet.contrastive}, {@code org.concernet.dynamics},
 * {@code org.concernet.latent}, {@code org.concernet.eval}, {@code org.concernet.results}, {@code
 * org.concernet.report}, {@code org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.system;
