/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * What a run shows and leaves behind: the console summary ({@link org.concernet.report.SummaryTable},
 * laid out like the paper's Tables 2 and 3), training progress on the console
 * ({@link org.concernet.report.ConsoleProgress}), {@code results.json} and {@code results.csv}
 * ({@link org.concernet.report.ResultsWriter}), the self-contained {@code report.html}
 * ({@link org.concernet.report.HtmlReport}) and the PNG figures like the paper's Figures 3-5
 * ({@link org.concernet.report.Figures}, the one entry point; one class per kind of figure behind it:
 * the invariant's contour map and its level lines, trajectories, quantities over time, and the style,
 * palette and input checks they share).
 *
 * <p>Everything here takes finished numbers: results ({@code org.concernet.results}), statistics
 * ({@code org.concernet.eval}), plain arrays, and writes files through
 * {@code org.concernet.io.AtomicFiles}; it listens to training only through
 * {@code org.concernet.training.ProgressListener}. The pipeline
 * calls the report, not the other way round, so every report can be written from results alone,
 * without TensorFlow or a trained model, as its tests do with made-up results
 * ({@code PackageStructureTest} checks the sources against the line below).
 *
 * <p>Must not depend on: {@code org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code
 * org.concernet.latent}, {@code org.concernet.simulate}, {@code org.concernet.experiment}, {@code
 * org.concernet.cli}.
 */
package org.concernet.report;
