/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Rollout;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.protocol.Protocol;
import org.concernet.simulate.Rk4;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * Times dynamics training and rollouts at the paper's sizes on synthetic data of the right
 * shapes (not a test). Training: 1000 epochs, batch 100, tanh 2 × 100, baseline and projected,
 * for spring mass (25 × 30 points, n = 2, m = 1), chemical kinetics (50 × 30, n = 2, m = 1) and
 * Kepler (50 × 100, n = 4, m = 2). Rollouts: 10 states × 1001 output times of a 4 → 100 → 100 → 4
 * field, baseline and projected.
 *
 * Finally the spring mass system end to end at the paper's evaluation settings: train both models
 * on 25 × 30 noisy points, roll 10 initial states out to t = 50 (1001 times) with the step rule,
 * and print the chosen substeps, MSE and violation against the Dormand–Prince reference. The
 * invariant is a fixed network close to q² + p² (a stand-in for the contrastively learned H).
 *
 * <p>How to run: {@code mvn -q -pl runtime compile exec:java
 * -Dexec.mainClass=org.concernet.dynamics.DynamicsBenchmark [-Dexec.args="epochs"]}.
 */
public final class DynamicsBenchmark {
  private DynamicsBenchmark() {}

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    System.out.printf("dynamics training, %d epochs, batch 100, tanh 2 x 100, float32, 1 thread%n", epochs);
    long warm = System.nanoTime();
    train("(warm-up)", 25 * 30, 2, 1, 100, false);
    System.out.printf("  warm-up (first training in this JVM, 100 epochs each) took %.2f s%n", (System.nanoTime() - warm) / 1e9);
    train("spring mass", 25 * 30, 2, 1, epochs, true);
    train("chemical", 50 * 30, 2, 1, epochs, true);
    train("Kepler", 50 * 100, 4, 2, epochs, true);
    System.out.println("rollouts, 10 states x 1001 output times, 4 -> 100 -> 100 -> 4 field (H: 4 -> 100 -> 100 -> 2)");
    rollouts(TFloat64.class);
    rollouts(TFloat32.class);
    spring(epochs);
  }

  private static void spring(int epochs) {
    System.out.printf("spring mass end to end: %d epochs, 25 x 30 points on [0, 3], noise 0.01, rollouts to t = 50%n", epochs);
    SplittableRandom rng = new SplittableRandom(2023);
    int count = 25;
    int points = 30;
    double[] states = new double[count * points * 2];
    double[] derivatives = new double[count * points * 2];
    for (int i = 0; i < count; i++) {
      double r = 0.3 + 0.9 * rng.nextDouble();
      double phi = 2 * Math.PI * rng.nextDouble();
      for (int t = 0; t < points; t++) {
        double time = 3.0 * t / (points - 1);
        double q = r * Math.cos(2 * time + phi);
        double p = -r * Math.sin(2 * time + phi);
        int at = (i * points + t) * 2;
        states[at] = q + 0.01 * rng.nextGaussian();
        states[at + 1] = p + 0.01 * rng.nextGaussian();
        derivatives[at] = 2 * p + 0.01 * rng.nextGaussian();
        derivatives[at + 1] = -2 * q + 0.01 * rng.nextGaussian();
      }
    }
    MlpWeights h = squareNormNetwork();
    double[][] initial = new double[10][];
    for (int i = 0; i < initial.length; i++) {
      double r = 0.3 + 0.9 * rng.nextDouble();
      double phi = 2 * Math.PI * rng.nextDouble();
      initial[i] = new double[] {r * Math.cos(phi), -r * Math.sin(phi)};
    }
    double[] times = Protocol.linspace(0, 50, 1001);
    Rollout truth = new org.concernet.simulate.ReferenceIntegrator().rollout("spring", 2,
        x -> new double[] {2 * x[1], -2 * x[0]}, initial, times);
    DynamicsLearner learner = DynamicsLearner.builder().epochs(epochs).seed(0).build();
    for (boolean projected : new boolean[] {false, true}) {
      LearnedDynamics model = learner.train(states, derivatives, 2, projected ? () -> h : null);
      long start = System.nanoTime();
      Rk4.StepChoice choice = Rk4.of(model).converged(initial, times, truth);
      double seconds = (System.nanoTime() - start) / 1e9;
      double mse = org.concernet.eval.Mse.of(truth, choice.rollout());
      double violation = org.concernet.eval.Violation.of(x -> new double[] {x[0] * x[0] + x[1] * x[1]},
          truth, choice.rollout())[0];
      System.out.printf("  %-9s substeps %d (converged %b, changes %s), step rule %.2f s, MSE %.3g, violation %.3g%s%n",
          projected ? "projected" : "baseline", choice.substeps(), choice.converged(), choice.changes(), seconds, mse,
          violation, choice.rollout().isFinite() ? "" : ", blew up: " + choice.rollout().nonFiniteReport());
    }
  }

  /** 2 → 4 → 1 tanh, equal to q² + p² up to about 0.1% on the unit disc. */
  private static MlpWeights squareNormNetwork() {
    double b = -0.5;
    double s = 0.05;
    double t = Math.tanh(b);
    double scale = 1 / (-2 * t * (1 - t * t) * s * s);
    return new MlpWeights(List.of(new double[][] {{s, -s, 0, 0}, {0, 0, s, -s}}, new double[][] {{scale}, {scale}, {scale}, {scale}}),
        List.of(new double[] {b, b, b, b}, new double[] {-4 * t * scale}), Activation.TANH);
  }

  private static void train(String name, int points, int n, int m, int epochs, boolean print) {
    SplittableRandom rng = new SplittableRandom(17);
    double[] states = new double[points * n];
    double[] derivatives = new double[points * n];
    for (int p = 0; p < points; p++) {
      for (int k = 0; k < n; k++) {
        states[p * n + k] = 2 * rng.nextDouble() - 1;
      }
      for (int k = 0; k < n; k++) {
        // a rotation-like field plus noise
        derivatives[p * n + k] = 2 * states[p * n + (k + 1) % n] * (k % 2 == 0 ? 1 : -1) + 0.01 * rng.nextGaussian();
      }
    }
    MlpWeights h = MlpWeights.initialize(n, List.of(100, 100), m, Activation.TANH, rng);
    int steps = epochs * ((points + 99) / 100);
    for (boolean projected : new boolean[] {false, true}) {
      DynamicsLearner learner = DynamicsLearner.builder().epochs(epochs).seed(1).build();
      long start = System.nanoTime();
      LearnedDynamics model = learner.train(states, derivatives, n, projected ? () -> h : null);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!print) {
        continue;
      }
      System.out.printf("  %-12s %5d points  %-9s  %6.2f s  %6.3f ms/step  (%d steps, final loss %.3g)%n",
          name, points, projected ? "projected" : "baseline", seconds, seconds * 1000 / steps, steps, model.finalLoss());
    }
  }

  private static void rollouts(Class<? extends TNumber> type) {
    SplittableRandom rng = new SplittableRandom(5);
    MlpWeights f = MlpWeights.initialize(4, List.of(100, 100), 4, Activation.TANH, rng);
    MlpWeights h = MlpWeights.initialize(4, List.of(100, 100), 2, Activation.TANH, rng);
    double[][] initial = new double[10][4];
    for (double[] x : initial) {
      for (int k = 0; k < 4; k++) {
        x[k] = 0.5 * (2 * rng.nextDouble() - 1);
      }
    }
    double[] times = Protocol.linspace(0, 5, 1001);
    for (LearnedDynamics model : new LearnedDynamics[] {LearnedDynamics.baseline(f), LearnedDynamics.projected(f, () -> h)}) {
      Rk4 rk4 = Rk4.builder(model).type(type).build();
      rk4.rollout(initial, times, 1); // warm-up
      for (int substeps : new int[] {1, 4}) {
        long start = System.nanoTime();
        Rollout r = rk4.rollout(initial, times, substeps);
        double ms = (System.nanoTime() - start) / 1e6;
        System.out.printf("  %-9s %-8s %d substeps (%5d RK4 steps)  %8.1f ms  %6.1f us/step  finite=%b%n",
            model.isProjected() ? "projected" : "baseline", type.getSimpleName(), substeps, 1000 * substeps, ms,
            ms * 1000 / (1000.0 * substeps), r.isFinite());
      }
    }
  }
}
