/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Writers of results: results.json and results.csv, the console's summary table and
 * progress, the PNG figures and the self-contained report.html.
 *
 * <p>Must not depend on: {@code org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code
 * org.concernet.latent}, {@code org.concernet.simulate}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.report;
