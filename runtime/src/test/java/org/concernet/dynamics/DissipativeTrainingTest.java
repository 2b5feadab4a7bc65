/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.contrastive.InvariantFunction;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.protocol.Dissipation;
import org.concernet.protocol.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/**
 * Training the dissipative model ({@link DynamicsLearner#trainDissipative}) on data whose H falls at a
 * known rate: ẋ = t(x) − γ·∇H/|∇H|², t ⟂ ∇H, so dH/dt = −γ exactly.
 */
class DissipativeTrainingTest {
  private static final MlpWeights H = MlpWeights.initialize(3, List.of(16), 1, Activation.TANH, new SplittableRandom(2));

  /** The true field: a rotation projected onto H's level sets, plus −γ∇H/|∇H|². */
  private static double[] field(MlpWeights h, double gamma, double[] x) {
    double[] v = {-x[1] + 0.3, x[0], 0.5 - 0.2 * x[2]};
    double[][] jac = h.inputGradient(x);
    double gv = 0;
    double gg = 0;
    for (int k = 0; k < 3; k++) {
      gv += jac[k][0] * v[k];
      gg += jac[k][0] * jac[k][0];
    }
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      out[k] = v[k] - gv / gg * jac[k][0] - gamma / gg * jac[k][0];
    }
    return out;
  }

  /**
   * {@code count} trajectories × 31 points on [0, 1.5] (RK4, 10 steps per interval) from U[−1, 1)³,
   * with the exact derivatives, both with Gaussian noise {@code noise}.
   */
  static Trajectories dampedData(MlpWeights h, double gamma, int count, double noise) {
    SplittableRandom rng = new SplittableRandom(11);
    int points = 31;
    double[][] times = new double[count][points];
    double[][][] states = new double[count][points][];
    double[][][] derivatives = new double[count][points][];
    for (int i = 0; i < count; i++) {
      double[] x = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
      for (int t = 0; t < points; t++) {
        times[i][t] = 0.05 * t;
        states[i][t] = x.clone();
        derivatives[i][t] = field(h, gamma, x);
        for (int k = 0; k < 3; k++) {
          states[i][t][k] += noise * rng.nextGaussian();
          derivatives[i][t][k] += noise * rng.nextGaussian();
        }
        for (int s = 0; s < 10; s++) {
          x = JavaRk4.step(y -> field(h, gamma, y), x, 0.005);
        }
      }
    }
    return Trajectories.of(List.of("a", "b", "c"), times, states, derivatives);
  }

  private static DynamicsLearner learner(int epochs) {
    return DynamicsLearner.builder().hidden(List.of(32)).batch(50).seed(3).learningRate(1e-2).epochs(epochs)
        .learningRateSchedule(LearningRateSchedule.COSINE).build();
  }

  private static double meanRate(LearnedDynamics model, Trajectories data) {
    return java.util.Arrays.stream(data.pointStates()).mapToDouble(model::invariantRate).average().orElseThrow();
  }

  @Test
  void theRateOfAKnownLossOfHIsLearnedAndConCerNetHasNone() {
    Trajectories data = dampedData(H, 0.2, 20, 0.01);
    InvariantFunction h = InvariantFunction.of(H);
    LearnedDynamics untrained = learner(0).trainDissipative(data, h, Dissipation.RATE);
    LearnedDynamics trained = learner(300).trainDissipative(data, h, Dissipation.RATE);
    LearnedDynamics concernet = learner(300).trainProjected(data, h);  // same seed, weights and batches
    double before = meanRate(untrained, data);
    double after = meanRate(trained, data);
    System.out.println("dH/dt of the dissipative model: before " + before + ", after " + after + " (true -0.2)");
    assertThat(before).isGreaterThan(-0.1);
    assertThat(after).isWithin(0.03).of(-0.2);
    assertThat(meanRate(concernet, data)).isEqualTo(0.0);
    assertThat(trained.invariant().orElseThrow()).isSameInstanceAs(H);
    assertThat(trained.finalLoss()).isLessThan(concernet.finalLoss());
  }

  @Test
  void theSameSeedGivesTheSameNetworks() {
    Trajectories data = dampedData(H, 0.2, 5, 0.01);
    LearnedDynamics one = learner(10).trainDissipative(data, InvariantFunction.of(H), Dissipation.GRADIENT);
    LearnedDynamics two = learner(10).trainDissipative(data, InvariantFunction.of(H), Dissipation.GRADIENT);
    assertThat(two.weights()).isEqualTo(one.weights());
    assertThat(two.rateNetwork()).isEqualTo(one.rateNetwork());
    // f starts from the weights and batches of the baseline and ConCerNet
    assertThat(learner(0).trainDissipative(data, InvariantFunction.of(H), Dissipation.GRADIENT).weights())
        .isEqualTo(learner(0).trainBaseline(data).weights());
  }

  @Test
  void anHThatTheDataIncreaseIsTurnedOverAndItsNegativeLearned() {
    Trajectories data = dampedData(H, 0.2, 10, 0.01);
    MlpWeights minus = DissipativeTerm.negated(H);
    LearnedDynamics trained = learner(200).trainDissipative(data, InvariantFunction.of(minus), Dissipation.RATE);
    assertThat(trained.invariant().orElseThrow()).isEqualTo(H);
    assertThat(meanRate(trained, data)).isWithin(0.03).of(-0.2);
  }

  @Test
  void noneIsNotADissipation() {
    Trajectories data = dampedData(H, 0.2, 3, 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> learner(1).trainDissipative(data, InvariantFunction.of(H), Dissipation.NONE));
    assertThat(e).hasMessageThat().contains("rate or gradient");
  }
}
