/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Reading a learned invariant out as a formula (issue #18): a library of candidate terms with their
 * exact gradients ({@link org.concernet.symbolic.Term}, {@link org.concernet.symbolic.TermLibrary}),
 * and a warp-free sparse fit ({@link org.concernet.symbolic.SparseInvariantFit}) that finds a short
 * combination φ of terms whose gradient is parallel to ∇H on sample states, so that a smooth warp
 * g(C) learned by the contrastive loss does not hide the formula C. Results are the plain values
 * of {@link org.concernet.results.SymbolicInvariant}.
 * <p>Must not depend on: {@code org.concernet.nn}, {@code org.concernet.training}, {@code
 * org.concernet.simulate}, {@code org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code
 * org.concernet.latent}, {@code org.concernet.report}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.symbolic;
