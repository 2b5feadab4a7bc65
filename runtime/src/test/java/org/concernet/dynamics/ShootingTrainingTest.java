/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.protocol.DynamicsLoss;
import org.concernet.protocol.LearningRateSchedule;
import org.concernet.testsystems.Spring;
import org.concernet.training.TrainingDivergedException;
import org.junit.jupiter.api.Test;

/** Training with the shooting loss ({@link DynamicsLearner.Builder#loss}): states only, no derivatives. */
class ShootingTrainingTest {
  /** ẋ = A x with A = [[−0.1, 2], [−2, −0.1]]: a decaying rotation. */
  private static final double[][] A = {{-0.1, 2}, {-2, -0.1}};

  private static double[] exact(double[] x0, double t) {
    double decay = Math.exp(-0.1 * t);
    double c = Math.cos(2 * t);
    double s = Math.sin(2 * t);
    return new double[] {decay * (c * x0[0] + s * x0[1]), decay * (-s * x0[0] + c * x0[1])};
  }

  /** 20 trajectories × 31 points on [0, 3] from radius U[0.3, 1.2), noise 0.01 on the states; no derivatives. */
  private static Trajectories linearStatesOnly() {
    SplittableRandom rng = new SplittableRandom(8);
    int count = 20;
    int points = 31;
    double[][] times = new double[count][points];
    double[][][] states = new double[count][points][];
    for (int i = 0; i < count; i++) {
      double r = rng.nextDouble(0.3, 1.2);
      double phi = rng.nextDouble(0, 2 * Math.PI);
      double[] x0 = {r * Math.cos(phi), r * Math.sin(phi)};
      for (int t = 0; t < points; t++) {
        times[i][t] = 0.1 * t;
        double[] x = exact(x0, times[i][t]);
        states[i][t] = new double[] {x[0] + 0.01 * rng.nextGaussian(), x[1] + 0.01 * rng.nextGaussian()};
      }
    }
    return Trajectories.of(List.of("q", "p"), times, states, null);
  }

  /** Root mean square of f(x) − Ax over the data's states, relative to that of Ax. */
  private static double fieldError(LearnedDynamics model, Trajectories data) {
    double error = 0;
    double norm = 0;
    for (double[] x : data.pointStates()) {
      double[] f = model.vectorField(x);
      for (int k = 0; k < 2; k++) {
        double ax = A[k][0] * x[0] + A[k][1] * x[1];
        error += (f[k] - ax) * (f[k] - ax);
        norm += ax * ax;
      }
    }
    return Math.sqrt(error / norm);
  }

  private static DynamicsLearner.Builder shooting() {
    return DynamicsLearner.builder().hidden(List.of(32)).batch(16).seed(5).learningRate(1e-2)
        .learningRateSchedule(LearningRateSchedule.COSINE).loss(DynamicsLoss.SHOOTING).shooting(4, 1);
  }

  @Test
  void aLinearFieldIsRecoveredFromStatesAlone() {
    Trajectories data = linearStatesOnly();
    assertThat(data.hasDerivatives()).isFalse();
    LearnedDynamics untrained = shooting().epochs(0).build().trainBaseline(data);
    LearnedDynamics trained = shooting().epochs(150).build().trainBaseline(data);
    double before = fieldError(untrained, data);
    double after = fieldError(trained, data);
    System.out.println("field error before " + before + " after " + after);
    assertThat(before).isGreaterThan(0.5);
    assertThat(after).isLessThan(0.03);
    LearnedDynamics.Training training = trained.training().orElseThrow();
    assertThat(training.epochLosses()).hasSize(150);
    assertThat(training.batch()).isEqualTo(16); // segments of 4 observed steps
    // the derivative loss cannot train on these data
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> shooting().loss(DynamicsLoss.DERIVATIVE).epochs(1).build().trainBaseline(data));
    assertThat(e).hasMessageThat().contains("needs observed derivatives");
  }

  @Test
  void theProjectedModelTrainsByShootingAndKeepsItsInvariant() {
    Trajectories data = Spring.data(25, 30, 0.01, 42);
    LearnedDynamics model = shooting().shooting(2, 1).batch(100).epochs(40).build().trainProjected(data, Spring::invariantNetwork);
    List<Double> losses = model.training().orElseThrow().epochLosses();
    assertThat(losses.get(39)).isLessThan(losses.get(0) / 5);
    double[] x = {0.4, -0.7};
    double[] f = model.vectorField(x);
    double[][] g = Spring.invariantNetwork().inputGradient(x);
    assertThat(Math.abs(f[0] * g[0][0] + f[1] * g[1][0])).isLessThan(1e-12);
  }

  @Test
  void sameSeedSameWeightsAndTheSameStartAsTheDerivativeLoss() {
    Trajectories data = Spring.data(10, 20, 0.01, 3);
    assertThat(shooting().epochs(3).build().trainBaseline(data).weights())
        .isEqualTo(shooting().epochs(3).build().trainBaseline(data).weights());
    assertThat(shooting().epochs(0).build().trainBaseline(data).weights())
        .isEqualTo(shooting().loss(DynamicsLoss.DERIVATIVE).epochs(0).build().trainBaseline(data).weights());
  }

  @Test
  void divergenceIsReportedWithItsEpoch() {
    DynamicsLearner learner = shooting().learningRate(1e25).epochs(50).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> learner.trainBaseline(Spring.data(10, 20, 0.01, 3)));
    assertThat(e.stage()).isEqualTo(DynamicsLearner.BASELINE_STAGE);
    assertThat(e.seed()).isEqualTo(5);
    assertThat(e.epoch()).isAtMost(2);
    assertThat(e).hasMessageThat().contains("diverged at epoch " + e.epoch());
    assertThat(Double.isFinite(e.lastFiniteLoss())).isTrue();
  }
}
