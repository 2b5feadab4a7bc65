/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Evaluation: R² of learned quantities against known invariants ({@link org.concernet.eval.RSquared})
 * and mean ± std over seeds ({@link org.concernet.eval.Statistics}).
 */
package org.concernet.eval;
