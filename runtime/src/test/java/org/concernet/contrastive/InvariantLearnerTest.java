/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.concernet.data.InvalidDataException;
import org.concernet.data.Trajectories;
import org.concernet.eval.RSquared;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Precision;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.protocol.LearningRateSchedule;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.SpringMassTrajectories;
import org.concernet.testsystems.WeightDistance;
import org.concernet.training.DegenerateBatchException;
import org.concernet.training.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

class InvariantLearnerTest {
  private static double r2(LearnedInvariant h, Trajectories test) {
    double[][] xs = new double[test.count() * test.length()][];
    double[] c = new double[xs.length];
    for (int i = 0; i < test.count(); i++) {
      for (int t = 0; t < test.length(); t++) {
        xs[i * test.length() + t] = test.state(i, t);
        c[i * test.length() + t] = SpringMassTrajectories.invariant(test.state(i, t));
      }
    }
    return RSquared.of(h.values(xs), c);
  }

  @Test
  void learnsTheSpringMassEnergyFromTrajectoriesAlone() {
    Trajectories train = SpringMassTrajectories.trajectories(25, 30, 0.01, 1);
    List<Double> losses = new ArrayList<>();
    LearnedInvariant h = new InvariantLearner(SpringMassTrajectories.protocol(300))
        .withListener((stage, epoch, epochs, loss) -> losses.add(loss))
        .learn("SpringMassTrajectories", train, 42);
    double r2 = r2(h, SpringMassTrajectories.trajectories(100, 30, 0, 2));
    System.out.printf("spring mass, 300 epochs: R² %.6f, %.3f ms/epoch, final loss %.5f%n", r2,
        1e3 * h.provenance().secondsPerEpoch(), h.provenance().finalLoss());
    assertThat(r2).isGreaterThan(0.99);
    Trajectories fresh = SpringMassTrajectories.trajectories(100, 30, 0, 2);
    assertThat(RSquared.ofEach(h::value, fresh, x -> new double[] {SpringMassTrajectories.invariant(x)})[0]).isEqualTo(r2);
    assertThat(losses).hasSize(300);
    assertThat(losses.get(299)).isLessThan(losses.get(0));
    InvariantProvenance p = h.provenance();
    assertThat(p.system()).isEqualTo("SpringMassTrajectories");
    assertThat(p.seed()).isEqualTo(42);
    assertThat(p.precision()).isEqualTo(Precision.FLOAT32);
    assertThat(p.stepsPerEpoch()).isEqualTo(3);
    assertThat(p.finalLoss()).isEqualTo(losses.get(299));
    assertThat(p.dataSha256()).isEqualTo(InvariantProvenance.hash(train));
    assertThat(p.dataSha256()).hasLength(64);
    assertThat(p.protocol()).containsEntry("contrastiveEpochs", 300);
    assertThat(p.protocol()).containsEntry("hidden", List.of(100, 100));
    assertThat(p.protocol()).containsEntry("activation", "TANH");
    assertThat(p.protocol()).containsEntry("autoencoder", null);
    assertThat(p.secondsPerEpoch()).isGreaterThan(0.0);
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsInBothPrecisions() {
    Trajectories train = SpringMassTrajectories.trajectories(12, 10, 0.01, 3);
    for (Precision precision : Precision.values()) {
      InvariantLearner learner = new InvariantLearner(SpringMassTrajectories.protocol(15)).withPrecision(precision);
      LearnedInvariant a = learner.learn("SpringMassTrajectories", train, 7);
      LearnedInvariant b = learner.learn("SpringMassTrajectories", train, 7);
      LearnedInvariant c = learner.learn("SpringMassTrajectories", train, 8);
      assertThat(a.weights()).isEqualTo(b.weights());
      assertThat(a.provenance().finalLoss()).isEqualTo(b.provenance().finalLoss());
      assertThat(a.weights()).isNotEqualTo(c.weights());
    }
  }

  @Test
  void theCosineScheduleShrinksTheLastEpochsSteps() {
    Trajectories train = SpringMassTrajectories.trajectories(25, 30, 0.01, 11);
    java.util.function.BiFunction<Integer, LearningRateSchedule, MlpWeights> learn = (epochs, schedule) ->
        new InvariantLearner(SpringMassTrajectories.protocol(epochs).toBuilder().learningRateSchedule(schedule).build())
            .learn("s", train, 5).weights();
    MlpWeights constant1 = learn.apply(1, LearningRateSchedule.CONSTANT);
    assertThat(learn.apply(1, LearningRateSchedule.COSINE)).isEqualTo(constant1);
    double constantMove = WeightDistance.of(learn.apply(2, LearningRateSchedule.CONSTANT), constant1);
    double cosineMove = WeightDistance.of(learn.apply(2, LearningRateSchedule.COSINE), constant1);
    assertThat(cosineMove).isGreaterThan(0.0);
    assertThat(cosineMove).isLessThan(0.05 * constantMove);
  }

  @Test
  void float64TrainingMatchesFloat32Closely() {
    Trajectories train = SpringMassTrajectories.trajectories(12, 10, 0.01, 3);
    InvariantLearner learner = new InvariantLearner(SpringMassTrajectories.protocol(5));
    double f32 = learner.learn("s", train, 1).provenance().finalLoss();
    double f64 = learner.withPrecision(Precision.FLOAT64).learn("s", train, 1).provenance().finalLoss();
    assertThat(f32).isWithin(1e-4).of(f64);
  }

  @Test
  void lossOfAnUntrainedNetworkIsReportedWithZeroEpochs() {
    Trajectories train = SpringMassTrajectories.trajectories(5, 10, 0.01, 3);
    LearnedInvariant h = new InvariantLearner(SpringMassTrajectories.protocol(0)).learn("s", train, 1);
    assertThat(h.provenance().finalLoss()).isGreaterThan(0.0);
    assertThat(h.provenance().secondsPerEpoch()).isEqualTo(0.0);
  }

  @Test
  void batchesOfWholeTrajectoriesNeverLeaveOneAlone() {
    assertThat(sizes(InvariantLearner.batchSizes(25, 10))).containsExactly(10, 10, 5).inOrder();
    assertThat(sizes(InvariantLearner.batchSizes(21, 10))).containsExactly(10, 11).inOrder();
    assertThat(sizes(InvariantLearner.batchSizes(50, 10))).containsExactly(10, 10, 10, 10, 10).inOrder();
    assertThat(sizes(InvariantLearner.batchSizes(3, 10))).containsExactly(3);
  }

  private static List<Integer> sizes(int[][] batches) {
    List<Integer> out = new ArrayList<>();
    for (int[] b : batches) {
      out.add(b[0]);
    }
    return out;
  }

  @Test
  void degenerateDataFailsBeforeTrainingSayingWhy() {
    Trajectories one = SpringMassTrajectories.trajectories(1, 10, 0, 3);
    DegenerateBatchException e = assertThrows(DegenerateBatchException.class,
        () -> new InvariantLearner(SpringMassTrajectories.protocol(5)).learn("s", one, 1));
    assertThat(e).hasMessageThat().contains("(the data holds 1)");
    double[] times = Protocol.linspace(0, 1, 4);
    // identical states everywhere can no longer be built: Trajectories refuses constant trajectories
    InvalidDataException still = assertThrows(InvalidDataException.class, () -> Trajectories.ofFlat(
        List.of("q", "p"), 2, 4,
        new double[] {times[0], times[1], times[2], times[3], times[0], times[1], times[2], times[3]},
        new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, null));
    assertThat(still).hasMessageThat().contains("trajectory 0 (index [0, :, :]): all 4 states are identical");

  }

  @Test
  void aNonFiniteLossStopsTrainingAtOnce() {
    // ReLU on states of 1e25: H ≈ 1e25, ‖H(a) − H(b)‖² overflows float32, the ratio is inf/inf
    Trajectories train = SpringMassTrajectories.trajectories(4, 10, 0, 3);
    double[] huge = train.statesFlat();
    for (int i = 0; i < huge.length; i++) {
      huge[i] *= 1e25;
    }
    Trajectories scaled = Trajectories.ofFlat(train.stateNames(), 4, 10, train.timesFlat(), huge, null);
    Protocol relu = SpringMassTrajectories.protocol(5).toBuilder().activation(Activation.RELU).build();
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new InvariantLearner(relu).learn("s", scaled, 3));
    assertThat(e.stage()).isEqualTo(InvariantLearner.STAGE);
    assertThat(e.seed()).isEqualTo(3);
    assertThat(e.epoch()).isEqualTo(1);
    assertThat(e).hasMessageThat().contains("square ratio loss became NaN");
  }

  @Test
  void graphFormsAgreeWithTheJavaForms() {
    Trajectories train = SpringMassTrajectories.trajectories(6, 10, 0.01, 3);
    Protocol twoOutputs = SpringMassTrajectories.protocol(3).toBuilder().latent(2).build();
    LearnedInvariant h = new InvariantLearner(twoOutputs).learn("s", train, 1);
    double[][] xs = {{0.3, -0.2}, {1.0, 0.5}, {-0.7, 0.1}};
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> x = tf.constant(xs);
      try (Result r = s.runner().fetch(h.value(tf, x)).fetch(h.gradient(tf, x)).run()) {
        double[] values = Tensors.toDoubles(r.get(0));
        double[] gradients = Tensors.toDoubles(r.get(1));
        assertThat(r.get(1).shape().asArray()).isEqualTo(new long[] {3, 2, 2});
        for (int b = 0; b < xs.length; b++) {
          double[] v = h.value(xs[b]);
          double[][] grad = h.gradient(xs[b]);
          for (int k = 0; k < 2; k++) {
            assertThat(values[b * 2 + k]).isWithin(1e-12).of(v[k]);
            for (int i = 0; i < 2; i++) {
              assertThat(gradients[(b * 2 + i) * 2 + k]).isWithin(1e-12).of(grad[i][k]);
            }
          }
        }
      }
    }
    // the Java gradient against central differences of the Java value
    double[] x0 = {0.4, -0.9};
    double[][] grad = h.gradient(x0);
    for (int i = 0; i < 2; i++) {
      double[] up = x0.clone();
      double[] down = x0.clone();
      up[i] += 1e-6;
      down[i] -= 1e-6;
      for (int k = 0; k < 2; k++) {
        assertThat(grad[i][k]).isWithin(1e-7).of((h.value(up)[k] - h.value(down)[k]) / 2e-6);
      }
    }
  }
}
