/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;

import org.concernet.data.Trajectories;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;

/** {@code deflationDegree} in the learner: it acts only with several outputs, and deterministically. */
class DeflationLearnerTest {
  private static final double[][] PROBES = {{0.3, -0.2}, {1.0, 0.5}, {-0.7, 0.1}};

  private static double[][] learn(Protocol protocol, Trajectories data) {
    return new InvariantLearner(protocol).learn("s", data, 1).values(PROBES);
  }

  @Test
  void oneOutputIgnoresTheDegree() {
    Trajectories train = SpringMassTrajectories.trajectories(6, 10, 0.01, 3);
    Protocol joint = SpringMassTrajectories.protocol(3).toBuilder().deflationDegree(0).build();
    Protocol deflated = joint.toBuilder().deflationDegree(2).build();
    assertThat(learn(deflated, train)).isEqualTo(learn(joint, train));
  }

  @Test
  void twoOutputsTrainDeterministicallyAndDifferFromTheJointLoss() {
    Trajectories train = SpringMassTrajectories.trajectories(6, 10, 0.01, 3);
    Protocol joint = SpringMassTrajectories.protocol(3).toBuilder().latent(2).deflationDegree(0).build();
    Protocol deflated = joint.toBuilder().deflationDegree(2).build();
    double[][] once = learn(deflated, train);
    assertThat(learn(deflated, train)).isEqualTo(once);
    double[][] jointValues = learn(joint, train);
    assertThat(once).isNotEqualTo(jointValues);
    for (double[] row : once) {
      for (double v : row) {
        assertThat(Double.isFinite(v)).isTrue();
      }
    }
  }
}
