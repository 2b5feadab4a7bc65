/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.Precision;
import org.concernet.protocol.Protocol;

/**
 * Times contrastive learning (step (i)) at the paper's sizes on synthetic trajectories of the right
 * shapes: 1000 epochs, batches of 10 trajectories, H = n → 100 → 100 → 1. "loop s" is the timed
 * training loop ({@link InvariantProvenance#secondsPerEpoch()} × epochs); "learn() s" adds graph
 * building, the first session run (variable initialisation), reading the weights and hashing the data.
 *
 * <pre>
 * mvn -q -pl runtime test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp runtime/target/classes:$(cat runtime/target/cp.txt) org.concernet.contrastive.ContrastiveBenchmark [epochs [threads]]
 * </pre>
 *
 * The paper's public code (PyTorch) on the same 2-core machine kind: spring mass 11 s, chemical
 * kinetics 22 s, Kepler 186 s, heat (latent) 405 s, i.e. 3.7, 4.4, 37 and 40 ms per step.
 */
public final class ContrastiveBenchmark {
  private ContrastiveBenchmark() {}

  private record Case(String name, int trajectories, int points, int dimension, Activation activation,
      double paperSeconds) {}

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    if (args.length > 1) {
      org.concernet.nn.Sessions.setThreads(Integer.parseInt(args[1]));
    }
    Precision precision = args.length > 2 ? Precision.valueOf(args[2].toUpperCase(Locale.ROOT)) : Precision.FLOAT32;
    System.out.printf(Locale.ROOT, "%d epochs, %d thread(s) per session, %s%n", epochs,
        org.concernet.nn.Sessions.threads(), precision);
    List<Case> cases = List.of(
        new Case("spring mass", 25, 30, 2, Activation.TANH, 11),
        new Case("chemical kinetics", 50, 30, 2, Activation.RELU, 22),
        new Case("Kepler", 50, 100, 4, Activation.TANH, 186),
        new Case("heat (latent)", 100, 100, 9, Activation.TANH, 405));
    System.out.printf(Locale.ROOT, "%-18s %-12s %6s %10s %10s %10s %10s %12s%n",
        "system", "N×T×n", "steps", "loop s", "ms/step", "learn() s", "paper s", "final loss");
    for (Case c : cases) {
      Trajectories data = synthetic(c.trajectories, c.points, c.dimension, 1);
      Protocol protocol = new Protocol(c.trajectories, c.points, 0, 10, 0.01, 10, 1001, 1, 500, 1,
          List.of(100, 100), c.activation, epochs, 10, 1000, 100, Protocol.DEFAULT_LEARNING_RATE, Protocol.DEFAULT_SCHEDULE, 0.0, 1.0, 0,
          Optional.empty());
      long start = System.nanoTime();
      LearnedInvariant h = new InvariantLearner(protocol).withPrecision(precision).learn(c.name, data, 1);
      double total = (System.nanoTime() - start) / 1e9;
      InvariantProvenance p = h.provenance();
      double seconds = p.secondsPerEpoch() * epochs;
      long steps = (long) p.stepsPerEpoch() * epochs;
      System.out.printf(Locale.ROOT, "%-18s %-12s %6d %10.2f %10.3f %10.2f %10.0f %12.5f%n", c.name,
          c.trajectories + "×" + c.points + "×" + c.dimension, steps, seconds, 1e3 * seconds / steps, total,
          c.paperSeconds * epochs / 1000.0, p.finalLoss());
    }
  }

  /** Smooth quasi-periodic trajectories: x_k(t) = a_k cos(ω_k t + φ_k) + c_k, random per trajectory. */
  static Trajectories synthetic(int count, int points, int dimension, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] times = Protocol.linspace(0, 10, points);
    double[] flatTimes = new double[count * points];
    double[] states = new double[count * points * dimension];
    for (int i = 0; i < count; i++) {
      double[] a = new double[dimension];
      double[] w = new double[dimension];
      double[] phi = new double[dimension];
      double[] c = new double[dimension];
      for (int k = 0; k < dimension; k++) {
        a[k] = rng.nextDouble(0.1, 1);
        w[k] = rng.nextDouble(0.5, 2);
        phi[k] = rng.nextDouble(0, 2 * Math.PI);
        c[k] = rng.nextDouble(-1, 1);
      }
      for (int t = 0; t < points; t++) {
        flatTimes[i * points + t] = times[t];
        for (int k = 0; k < dimension; k++) {
          states[(i * points + t) * dimension + k] = a[k] * Math.cos(w[k] * times[t] + phi[k]) + c[k];
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < dimension; k++) {
      names.add("x" + k);
    }
    return Trajectories.ofFlat(names, count, points, flatTimes, states, null);
  }
}
