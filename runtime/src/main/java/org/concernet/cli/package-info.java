/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The command line of every generated {@code …Experiment}: options, presets, {@code --sweep},
 * {@code --resume}, and the translation of errors into messages and exit codes. It drives the
 * pipeline only through {@code org.concernet.experiment}.
 *
 * <p>Must not depend on: {@code org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code
 * org.concernet.latent}, {@code org.concernet.simulate}.
 */
package org.concernet.cli;
