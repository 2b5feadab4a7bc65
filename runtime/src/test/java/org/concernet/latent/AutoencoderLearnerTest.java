/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.latent;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Protocol;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.testsystems.HeatEquation;
import org.concernet.training.TrainingDivergedException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

class AutoencoderLearnerTest {
  private static final Protocol.AutoencoderSpec SHORT = new Protocol.AutoencoderSpec(9, List.of(32, 16), 150, 50);
  private static Trajectories train;
  private static Trajectories heldOut;
  private static LearnedAutoencoder trained;
  private static List<Double> losses = new ArrayList<>();

  @BeforeAll
  static void trainOnce() {
    HeatEquation heat = new HeatEquation();
    double[] times = Protocol.linspace(0, 10, 20);
    train = TrajectoryGenerator.reference().generate(heat, 20, times, 1);
    heldOut = TrajectoryGenerator.reference().generate(heat, 20, times, 2);
    trained = new AutoencoderLearner(SHORT, 1e-3)
        .withListener((stage, epoch, epochs, loss) -> {
          assertThat(stage).isEqualTo("autoencoder");
          losses.add(loss);
        })
        .learn("HeatEquation", train, 7);
  }

  private static double variance(double[][] xs) {
    int n = xs[0].length;
    double[] mean = new double[n];
    for (double[] x : xs) {
      for (int k = 0; k < n; k++) {
        mean[k] += x[k] / xs.length;
      }
    }
    double sum = 0;
    for (double[] x : xs) {
      for (int k = 0; k < n; k++) {
        sum += (x[k] - mean[k]) * (x[k] - mean[k]);
      }
    }
    return sum / ((double) xs.length * n);
  }

  @Test
  void reconstructsHeldOutHeatStatesAfterAShortTraining() {
    double[][] test = heldOut.pointStates();
    double heldOutMse = trained.reconstructionMse(test);
    double trainMse = trained.reconstructionMse(train.pointStates());
    System.out.printf("autoencoder, %d epochs: train MSE %.3e, held-out MSE %.3e, state variance %.3e,"
        + " %.2f ms/epoch%n", SHORT.epochs(), trainMse, heldOutMse, variance(test),
        1e3 * trained.provenance().secondsPerEpoch());
    // measured: held-out MSE 2.0e-4 (train 1.5e-4) against a state variance of 4.3e-3; bound with 5x margin
    assertThat(heldOutMse).isLessThan(HELD_OUT_BOUND);
    assertThat(heldOutMse).isLessThan(0.25 * variance(test));
    assertThat(losses).hasSize(SHORT.epochs());
    assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) / 10);
    LearnedAutoencoder.Provenance p = trained.provenance();
    assertThat(p.system()).isEqualTo("HeatEquation");
    assertThat(p.seed()).isEqualTo(7);
    assertThat(p.latent()).isEqualTo(9);
    assertThat(p.states()).isEqualTo(400);
    assertThat(p.dimension()).isEqualTo(101);
    assertThat(p.finalLoss()).isEqualTo(losses.get(losses.size() - 1));
    assertThat(trained.encoderWeights().hidden()).containsExactly(32, 16).inOrder();
    assertThat(trained.decoderWeights().hidden()).containsExactly(16, 32).inOrder();
    assertThat(trained.encoderWeights().activation()).isEqualTo(Activation.TANH);
  }

  private static final double HELD_OUT_BOUND = 1e-3;

  @Test
  void theSameSeedGivesTheSameWeights() {
    Protocol.AutoencoderSpec tiny = new Protocol.AutoencoderSpec(3, List.of(8), 3, 64);
    LearnedAutoencoder a = new AutoencoderLearner(tiny, 1e-3).learn("h", train, 3);
    LearnedAutoencoder b = new AutoencoderLearner(tiny, 1e-3).learn("h", train, 3);
    LearnedAutoencoder c = new AutoencoderLearner(tiny, 1e-3).learn("h", train, 4);
    assertThat(a.encoderWeights()).isEqualTo(b.encoderWeights());
    assertThat(a.decoderWeights()).isEqualTo(b.decoderWeights());
    assertThat(a.encoderWeights()).isNotEqualTo(c.encoderWeights());
  }

  @Test
  void encoderJvpMatchesCentralFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 5; trial++) {
      double[] x = heldOut.state(trial, 3 * trial);
      double[] v = new double[x.length];
      for (int k = 0; k < v.length; k++) {
        v[k] = rng.nextDouble(-1, 1);
      }
      double h = 1e-5;
      double[] plus = trained.encode(add(x, v, h));
      double[] minus = trained.encode(add(x, v, -h));
      double[] jvp = trained.encodeJvp(x, v);
      for (int j = 0; j < jvp.length; j++) {
        double fd = (plus[j] - minus[j]) / (2 * h);
        assertThat(jvp[j]).isWithin(1e-7 * Math.max(1, Math.abs(fd))).of(fd);
      }
    }
  }

  @Test
  void latentTrajectoriesCarryTheEncodedStatesAndTheirVelocities() {
    Trajectories latent = trained.encode(train);
    assertThat(latent.dimension()).isEqualTo(9);
    assertThat(latent.count()).isEqualTo(train.count());
    assertThat(latent.length()).isEqualTo(train.length());
    assertThat(latent.stateNames()).containsExactly("z0", "z1", "z2", "z3", "z4", "z5", "z6", "z7", "z8").inOrder();
    assertThat(latent.state(4, 5)).isEqualTo(trained.encode(train.state(4, 5)));
    assertThat(latent.derivative(4, 5)).isEqualTo(trained.encodeJvp(train.state(4, 5), train.derivative(4, 5)));
    assertThat(latent.times(4)).isEqualTo(train.times(4));
  }

  @Test
  void graphFormsAgreeWithTheJavaForms() {
    int rows = 4;
    double[] xs = new double[rows * 101];
    double[] vs = new double[rows * 101];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(heldOut.state(r, r), 0, xs, r * 101, 101);
      System.arraycopy(heldOut.derivative(r, r), 0, vs, r * 101, 101);
    }
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> x;
      Operand<TFloat64> v;
      try (TFloat64 tx = Tensors.tensor(TFloat64.class, Shape.of(rows, 101), xs);
          TFloat64 tv = Tensors.tensor(TFloat64.class, Shape.of(rows, 101), vs)) {
        x = tf.constantOf(tx);
        v = tf.constantOf(tv);
      }
      Operand<TFloat64> z = trained.encode(tf, x);
      Operand<TFloat64> back = trained.decode(tf, z);
      Operand<TFloat64> jvp = trained.encodeJvp(tf, x, v);
      try (Result r = s.runner().fetch(z).fetch(back).fetch(jvp).run()) {
        double[][] zg = Tensors.toMatrix(r.get(0));
        double[][] bg = Tensors.toMatrix(r.get(1));
        double[][] jg = Tensors.toMatrix(r.get(2));
        for (int i = 0; i < rows; i++) {
          double[] xi = heldOut.state(i, i);
          assertClose(zg[i], trained.encode(xi), 1e-12);
          assertClose(bg[i], trained.reconstruct(xi), 1e-12);
          assertClose(jg[i], trained.encodeJvp(xi, heldOut.derivative(i, i)), 1e-9);
        }
      }
    }
  }

  @Test
  void aNonFiniteLossIsADivergence() {
    double[] huge = new double[10 * 4];
    for (int i = 0; i < huge.length; i++) {
      huge[i] = (i % 2 == 0 ? 1 : -1) * 1e25 * (1 + i);
    }
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> new AutoencoderLearner(new Protocol.AutoencoderSpec(2, List.of(4), 5, 5), 1e-3).learn("big", huge, 4, 1));
    assertThat(e.stage()).isEqualTo("autoencoder");
    assertThat(e.epoch()).isEqualTo(1);
  }

  @Test
  void savesAndLoadsBitIdentically(@TempDir Path dir) throws Exception {
    trained.save(dir.resolve("ae"));
    LearnedAutoencoder loaded = LearnedAutoencoder.load(dir.resolve("ae"));
    assertThat(loaded.encoderWeights()).isEqualTo(trained.encoderWeights());
    assertThat(loaded.decoderWeights()).isEqualTo(trained.decoderWeights());
    assertThat(loaded.provenance()).isEqualTo(trained.provenance());
  }

  @Test
  void rejectsMismatchedNetworks() {
    SplittableRandom rng = new SplittableRandom(1);
    MlpWeights e = MlpWeights.initialize(5, List.of(4), 2, Activation.TANH, rng);
    MlpWeights d = MlpWeights.initialize(3, List.of(4), 5, Activation.TANH, rng);
    assertThrows(IllegalArgumentException.class, () -> new LearnedAutoencoder(e, d, trained.provenance()));
  }

  private static double[] add(double[] x, double[] v, double h) {
    double[] out = x.clone();
    for (int k = 0; k < out.length; k++) {
      out[k] += h * v[k];
    }
    return out;
  }

  private static void assertClose(double[] actual, double[] expected, double tolerance) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int k = 0; k < actual.length; k++) {
      assertThat(actual[k]).isWithin(tolerance * Math.max(1, Math.abs(expected[k]))).of(expected[k]);
    }
  }
}
