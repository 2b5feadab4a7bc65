/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.concernet.contrastive.InvariantFunction;
import org.concernet.contrastive.InvariantLearner;
import org.concernet.data.Trajectories;
import org.concernet.dynamics.DynamicsLearner;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.Spring;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

/**
 * A run that goes numerically wrong stops at once with a {@link TrainingDivergedException} that
 * says where: stage, seed, epoch, and the last finite loss.
 */
class TrainingFaultTest {
  private static final Trajectories DATA = Spring.data(8, 10, 0.01, 42);

  private static Trajectories scaled(Trajectories d, double factor) {
    double[] states = d.statesFlat();
    double[] derivatives = d.derivativesFlat();
    for (int i = 0; i < states.length; i++) {
      states[i] *= factor;
      derivatives[i] *= factor;
    }
    return Trajectories.ofFlat(d.stateNames(), d.count(), d.length(), d.timesFlat(), states, derivatives);
  }

  private static void assertNamesWhere(TrainingDivergedException e, String stage, long seed) {
    assertThat(e.stage()).isEqualTo(stage);
    assertThat(e.seed()).isEqualTo(seed);
    assertThat(e.epoch()).isAtLeast(1);
    assertThat(e).hasMessageThat().contains(stage + " diverged at epoch " + e.epoch() + " (seed " + seed + ")");
    assertThat(e).hasMessageThat().contains("last finite loss " + e.lastFiniteLoss());
  }

  @Test
  void invariantLearnerStopsOnAHugeLearningRate() {
    Protocol wild = SpringMassTrajectories.protocol(20).toBuilder().learningRate(1e30).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new InvariantLearner(wild).learn("s", DATA, 5));
    assertNamesWhere(e, InvariantLearner.STAGE, 5);
  }

  @Test
  void dynamicsLearnersStopOnAHugeLearningRate() {
    DynamicsLearner learner = DynamicsLearner.builder().hidden(List.of(16, 16)).epochs(20).batch(40).seed(6)
        .learningRate(1e30).build();
    TrainingDivergedException baseline = assertThrows(TrainingDivergedException.class,
        () -> learner.trainBaseline(DATA));
    assertNamesWhere(baseline, DynamicsLearner.BASELINE_STAGE, 6);
    assertThat(Double.isFinite(baseline.lastFiniteLoss())).isTrue();
    TrainingDivergedException projected = assertThrows(TrainingDivergedException.class,
        () -> learner.trainProjected(DATA, InvariantFunction.of(Spring.invariantNetwork())));
    assertNamesWhere(projected, DynamicsLearner.PROJECTED_STAGE, 6);
  }

  @Test
  void dynamicsLearnerStopsOnDataScaledTo1e200() {
    Trajectories huge = scaled(DATA, 1e200);
    DynamicsLearner learner = DynamicsLearner.builder().hidden(List.of(16, 16)).epochs(5).batch(40).seed(2)
        .type(TFloat64.class).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> learner.trainBaseline(huge));
    assertNamesWhere(e, DynamicsLearner.BASELINE_STAGE, 2);
    assertThat(e.epoch()).isEqualTo(1);
  }

  @Test
  void invariantLearnerStopsOnDataScaledTo1e200() {
    Trajectories huge = scaled(DATA, 1e200);
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new InvariantLearner(SpringMassTrajectories.protocol(5)).learn("s", huge, 4));
    assertThat(e).isInstanceOf(TrainingDivergedException.class);
    assertNamesWhere((TrainingDivergedException) e, InvariantLearner.STAGE, 4);
  }
}
