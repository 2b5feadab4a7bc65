/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The pipeline: {@link org.concernet.experiment.Experiment} runs the seeds and writes the
 * outputs; each seed takes the one path of {@code SeedPipeline} (data → [autoencoder] → contrastive
 * → dynamics → evaluation); {@link org.concernet.experiment.TrainedModels} are one seed's models as
 * objects; {@code Resume} continues an interrupted run.
 *
 * <p>Must not depend on: {@code org.concernet.cli}.
 */
package org.concernet.experiment;
