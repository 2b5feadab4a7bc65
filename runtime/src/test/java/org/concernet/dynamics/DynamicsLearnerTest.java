/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.concernet.contrastive.InvariantFunction;
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.eval.Mse;
import org.concernet.eval.Violation;
import org.concernet.nn.MlpWeights;
import org.concernet.protocol.LearningRateSchedule;
import org.concernet.protocol.Protocol;
import org.concernet.simulate.Rk4;
import org.concernet.simulate.ReferenceIntegrator;
import org.concernet.testsystems.Spring;
import org.concernet.testsystems.WeightDistance;
import org.concernet.training.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat64;

class DynamicsLearnerTest {
  private static final Trajectories DATA = Spring.data(25, 30, 0.01, 42);
  private static final MlpWeights H = Spring.invariantNetwork();

  private static DynamicsLearner.Builder small() {
    return DynamicsLearner.builder().hidden(List.of(32, 32)).epochs(150).batch(100).seed(3);
  }

  @Test
  void constructedInvariantIsCloseToTheSpringEnergy() {
    for (double[] x : Spring.initialStates(20, 1)) {
      double exact = Spring.invariant(x)[0];
      assertThat(H.apply(x)[0]).isWithin(2e-3 * exact).of(exact);
    }
  }

  @Test
  void trainingReducesTheLossAndConcernetConservesItsInvariant() {
    List<Double> baselineLosses = new ArrayList<>();
    List<Double> projectedLosses = new ArrayList<>();
    DynamicsLearner learner = small().listener((stage, epoch, epochs, loss) ->
        (stage.equals(DynamicsLearner.BASELINE_STAGE) ? baselineLosses : projectedLosses).add(loss)).build();
    LearnedDynamics baseline = learner.trainBaseline(DATA);
    LearnedDynamics concernet = learner.trainProjected(DATA, InvariantFunction.of(H));
    assertThat(baseline.isProjected()).isFalse();
    assertThat(concernet.isProjected()).isTrue();
    assertThat(concernet.invariant()).hasValue(H);
    assertThat(baselineLosses).hasSize(150);
    assertThat(projectedLosses).hasSize(150);
    // the derivatives have mean square 4 r² ≈ 2.5: training must get far below
    assertThat(baselineLosses.get(149)).isLessThan(baselineLosses.get(0) / 20);
    assertThat(projectedLosses.get(149)).isLessThan(projectedLosses.get(0) / 20);
    assertThat(baseline.finalLoss()).isEqualTo(baselineLosses.get(149));
    LearnedDynamics.Training training = concernet.training().orElseThrow();
    assertThat(training.epochLosses()).containsExactlyElementsIn(projectedLosses).inOrder();
    assertThat(training.seed()).isEqualTo(3);
    assertThat(training.epochs()).isEqualTo(150);
    assertThat(training.batch()).isEqualTo(100);
    assertThat(training.dtype()).isEqualTo("TFloat32");
    assertThat(training.seconds()).isGreaterThan(0.0);

    // Java and graph forms agree, and the projected field is orthogonal to ∂H/∂x
    double[] x = {0.4, -0.7};
    double[] fx = concernet.vectorField(x);
    double[][] g = H.inputGradient(x);
    assertThat(Math.abs(fx[0] * g[0][0] + fx[1] * g[1][0])).isLessThan(1e-12);

    // roll both out for 10 time units: ConCerNet keeps H (and so q² + p²) far better
    double[][] initial = Spring.initialStates(10, 99);
    double[] times = Protocol.linspace(0, 10, 201);
    Rollout base = Rk4.of(baseline).rollout(initial, times, 2);
    Rollout proj = Rk4.of(concernet).rollout(initial, times, 2);
    Rollout truth = new ReferenceIntegrator().rollout("spring", 2, Spring::derivative, initial, times);
    double hDrift = 0;
    for (int i = 0; i < initial.length; i++) {
      double h0 = H.apply(initial[i])[0];
      for (int t = 0; t < times.length; t++) {
        hDrift = Math.max(hDrift, Math.abs(H.apply(proj.state(i, t))[0] - h0));
      }
    }
    assertThat(hDrift).isLessThan(1e-5);
    double baseViolation = Violation.of(Spring::invariant, truth, base)[0];
    double projViolation = Violation.of(Spring::invariant, truth, proj)[0];
    assertThat(projViolation).isLessThan(baseViolation / 10);
    assertThat(Mse.of(truth, proj)).isLessThan(0.5);
  }

  @Test
  void sameSeedGivesIdenticalWeightsAndBothModelsStartAlike() {
    DynamicsLearner a = small().epochs(5).build();
    DynamicsLearner b = small().epochs(5).build();
    assertThat(a.trainBaseline(DATA).weights()).isEqualTo(b.trainBaseline(DATA).weights());
    assertThat(a.trainProjected(DATA, () -> H).weights()).isEqualTo(b.trainProjected(DATA, () -> H).weights());
    assertThat(small().seed(4).epochs(5).build().trainBaseline(DATA).weights())
        .isNotEqualTo(a.trainBaseline(DATA).weights());
    DynamicsLearner untrained = small().epochs(0).build();
    assertThat(untrained.trainBaseline(DATA).weights()).isEqualTo(untrained.initialWeights(2));
    assertThat(untrained.trainProjected(DATA, () -> H).weights()).isEqualTo(untrained.initialWeights(2));
  }

  @Test
  void theCosineScheduleShrinksTheLastEpochsSteps() {
    // one epoch: cosine's only epoch runs at the full rate, as constant's
    MlpWeights constant1 = small().epochs(1).learningRateSchedule(LearningRateSchedule.CONSTANT).build()
        .trainBaseline(DATA).weights();
    MlpWeights cosine1 = small().epochs(1).learningRateSchedule(LearningRateSchedule.COSINE).build()
        .trainBaseline(DATA).weights();
    assertThat(cosine1).isEqualTo(constant1);
    // two epochs: cosine's second epoch runs at 1% of the rate, so it moves the weights far less
    MlpWeights constant2 = small().epochs(2).learningRateSchedule(LearningRateSchedule.CONSTANT).build()
        .trainBaseline(DATA).weights();
    MlpWeights cosine2 = small().epochs(2).learningRateSchedule(LearningRateSchedule.COSINE).build()
        .trainBaseline(DATA).weights();
    double constantMove = WeightDistance.of(constant2, constant1);
    double cosineMove = WeightDistance.of(cosine2, constant1);
    assertThat(cosineMove).isGreaterThan(0.0);
    assertThat(cosineMove).isLessThan(0.05 * constantMove);
  }

  /**
   * The projected model's derivative loss at f's initial weights, in double precision and written
   * out: mean |P f − ẋ|² + α · mean |f − ẋ|² over the data's points, P = I − ggᵀ/|g|², g = ∇H.
   */
  private static double projectedLossReference(MlpWeights f, Trajectories data, double alpha) {
    double projected = 0;
    double raw = 0;
    int points = 0;
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        double[] x = data.state(i, t);
        double[] y = data.derivative(i, t);
        double[] fx = f.apply(x);
        double[][] g = H.inputGradient(x);
        double along = (fx[0] * g[0][0] + fx[1] * g[1][0]) / (g[0][0] * g[0][0] + g[1][0] * g[1][0]);
        for (int k = 0; k < 2; k++) {
          double p = fx[k] - along * g[k][0] - y[k];
          double r = fx[k] - y[k];
          projected += p * p;
          raw += r * r;
        }
        points++;
      }
    }
    return projected / points + alpha * raw / points;
  }

  @Test
  void theUnprojectedTermAddsAlphaTimesTheNetworksOwnLossToTheProjectedOne() {
    // one epoch, one batch of all 750 points, in float64: its loss is the loss at the initial weights
    for (double alpha : new double[] {0, 0.5}) {
      List<Double> losses = new ArrayList<>();
      DynamicsLearner learner = small().epochs(1).batch(1000).type(TFloat64.class).unprojectedWeight(alpha)
          .listener((stage, epoch, epochs, loss) -> losses.add(loss)).build();
      learner.trainProjected(DATA, () -> H);
      double expected = projectedLossReference(learner.initialWeights(2), DATA, alpha);
      assertThat(losses).hasSize(1);
      assertThat(losses.get(0)).isWithin(1e-10 * expected).of(expected);
    }
    // it changes the projected model's training, and nothing of the baseline's
    DynamicsLearner plain = small().epochs(5).build();
    DynamicsLearner weighted = small().epochs(5).unprojectedWeight(0.5).build();
    assertThat(weighted.trainBaseline(DATA).weights()).isEqualTo(plain.trainBaseline(DATA).weights());
    assertThat(weighted.trainProjected(DATA, () -> H).weights()).isNotEqualTo(plain.trainProjected(DATA, () -> H).weights());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small().unprojectedWeight(-1));
    assertThat(e).hasMessageThat().isEqualTo("unprojectedWeight must be finite and non-negative, was -1.0");
  }

  @Test
  void float64ProjectedModelIsOrthogonalToRounding() {
    LearnedDynamics model = small().epochs(3).type(TFloat64.class).build().trainProjected(DATA, () -> H);
    for (double[] x : Spring.initialStates(10, 5)) {
      double[] f = model.vectorField(x);
      double[][] g = H.inputGradient(x);
      double scale = Math.hypot(g[0][0], g[1][0]) * Math.hypot(f[0], f[1]);
      assertThat(Math.abs(f[0] * g[0][0] + f[1] * g[1][0])).isAtMost(1e-12 * Math.max(scale, 1e-300));
    }
  }

  @Test
  void projectedRolloutConservesEveryComponentOfAVectorInvariant() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    MlpWeights f = MlpWeights.initialize(4, List.of(16), 4, org.concernet.nn.Activation.TANH, rng);
    MlpWeights h = MlpWeights.initialize(4, List.of(16), 2, org.concernet.nn.Activation.TANH, rng);
    LearnedDynamics model = LearnedDynamics.projected(f, () -> h);
    double[][] initial = new double[5][4];
    for (double[] x : initial) {
      for (int k = 0; k < 4; k++) {
        x[k] = rng.nextDouble() - 0.5;
      }
    }
    Rollout r = Rk4.of(model).rollout(initial, Protocol.linspace(0, 5, 51), 20);
    Rollout plain = Rk4.of(LearnedDynamics.baseline(f)).rollout(initial, Protocol.linspace(0, 5, 51), 20);
    double projectedDrift = 0;
    double plainDrift = 0;
    for (int i = 0; i < initial.length; i++) {
      double[] h0 = h.apply(initial[i]);
      double[] ht = h.apply(r.state(i, 50));
      double[] hp = h.apply(plain.state(i, 50));
      for (int j = 0; j < 2; j++) {
        projectedDrift = Math.max(projectedDrift, Math.abs(ht[j] - h0[j]));
        plainDrift = Math.max(plainDrift, Math.abs(hp[j] - h0[j]));
      }
    }
    assertThat(projectedDrift).isLessThan(1e-7);
    assertThat(plainDrift).isGreaterThan(1e-2);
  }

  @Test
  void divergenceIsReportedAtOnce() {
    DynamicsLearner learner = small().learningRate(1e25).epochs(50).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> learner.trainBaseline(DATA));
    assertThat(e.stage()).isEqualTo(DynamicsLearner.BASELINE_STAGE);
    assertThat(e.seed()).isEqualTo(3);
    assertThat(e.epoch()).isAtMost(2);
    assertThat(Double.isFinite(e.lastFiniteLoss())).isTrue();
  }
}
