/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Evaluation: R² of learned quantities against known invariants ({@link org.concernet.eval.RSquared})
 * and mean ± std over seeds ({@link org.concernet.eval.Statistics}).
 *
 * <p>Must not depend on: {@code org.concernet.nn}, {@code org.concernet.training}, {@code
 * org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code org.concernet.latent}, {@code
 * org.concernet.simulate}, {@code org.concernet.results}, {@code org.concernet.report}, {@code
 * org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.eval;
