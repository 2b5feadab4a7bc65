/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static org.concernet.testing.ConcernetTruth.assertThat;

import java.util.SplittableRandom;
import org.concernet.data.Rollout;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.TrainedModels;
import org.concernet.protocol.Protocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a user's test of a trained model looks like: train Kepler's models once (small sizes),
 * then assert on what they do.
 */
class KeplerModelTest {
  private static final KeplerSystem KEPLER = new KeplerSystem();
  private static TrainedModels models;

  @BeforeAll
  static void train() {
    Protocol small = KEPLER.protocol().toBuilder()
        .trajectories(20).points(50).contrastiveEpochs(200).dynamicsEpochs(100).build();
    models = Experiment.train(KEPLER, small, 0);
  }

  @Test
  void concernetRolloutConservesTheLearnedInvariant() {
    double[] x0 = KEPLER.sampleInitialState(new SplittableRandom(7));
    Rollout rollout = models.rollout(x0, Protocol.linspace(0, 2, 201));
    assertThat(rollout).isFinite();
    assertThat(rollout).conserves(models::invariant).within(1e-4);
  }

  @Test
  void theProjectedFieldIsTangentToTheLevelSetsOfH() {
    double[] x = KEPLER.sampleInitialState(new SplittableRandom(3));
    double[] f = models.vectorField(x);
    double[][] g = models.learnedInvariant().gradient(x);
    double dot = 0;
    double scale = 0;
    for (int k = 0; k < x.length; k++) {
      dot += g[k][0] * f[k];
      scale += Math.abs(g[k][0] * f[k]);
    }
    assertThat(Math.abs(dot)).isAtMost(1e-9 * Math.max(scale, 1));
  }
}
