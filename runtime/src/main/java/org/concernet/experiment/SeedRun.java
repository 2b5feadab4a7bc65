/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import org.concernet.data.Rollout;
import org.concernet.results.SeedResult;

/**
 * One seed's measured figures, its trained models, and the rollouts they were measured on (the
 * truth and both models, on the system's states), for the figures drawn over seeds.
 */
record SeedRun(SeedResult result, TrainedModels models, Rollout truth, Rollout baselineRollout,
    Rollout concernetRollout) {}
