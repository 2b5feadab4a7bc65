/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.learn;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.annotations.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.simulate.Rk4;
import org.concernet.simulate.Rollout;
import org.concernet.system.Protocol;
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
 * <p>How to run: {@code mvn -q -pl runtime compile exec:java
 * -Dexec.mainClass=org.concernet.learn.DynamicsBenchmark [-Dexec.args="epochs"]}. With the
 * environment variable {@code TF_ENABLE_ONEDNN_OPTS=0} TensorFlow uses Eigen instead of oneDNN for
 * these small matrix products, measured about 15% faster per training step.
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
