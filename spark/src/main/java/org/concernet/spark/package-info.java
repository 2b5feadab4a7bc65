/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * {@code --sweep} on Apache Spark: {@link org.concernet.spark.SparkSweep} (found by the runtime's
 * {@code --spark} / {@code --master} through {@link org.concernet.cli.DistributedSweep}) sends every
 * (combination, seed) as one {@link org.concernet.spark.SeedTask} and records each
 * {@link org.concernet.spark.TaskOutcome} in the same folders as the single-process sweep.
 *
 * <p>Must not depend on: {@code org.concernet.contrastive}, {@code org.concernet.dynamics}, {@code
 * org.concernet.latent}, {@code org.concernet.simulate}.
 */
package org.concernet.spark;
