/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testsystems;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.protocol.Protocol;

/**
 * Spring-mass trajectories from the closed form q = r cos(2t + φ), p = −r sin(2t + φ) (the field
 * q' = 2p, p' = −2q), radius U[0.3, 1.2), phase U[0, 2π), times linspace(0, 3, points), so the
 * learning tests do not depend on the data package. Invariant: q² + p².
 */
public final class SpringMassTrajectories {
  private SpringMassTrajectories() {}

  public static Trajectories trajectories(int count, int points, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] times = Protocol.linspace(0, 3, points);
    double[] flatTimes = new double[count * points];
    double[] states = new double[count * points * 2];
    double[] derivatives = new double[count * points * 2];
    for (int i = 0; i < count; i++) {
      double r = rng.nextDouble(0.3, 1.2);
      double phase = rng.nextDouble(0, 2 * Math.PI);
      for (int t = 0; t < points; t++) {
        double angle = 2 * times[t] + phase;
        int at = (i * points + t) * 2;
        flatTimes[i * points + t] = times[t];
        states[at] = r * Math.cos(angle);
        states[at + 1] = -r * Math.sin(angle);
        derivatives[at] = 2 * states[at + 1];
        derivatives[at + 1] = -2 * states[at];
      }
    }
    Trajectories clean = Trajectories.ofFlat(List.of("q", "p"), count, points, flatTimes, states, derivatives);
    return noise == 0 ? clean : clean.withNoise(noise, rng);
  }

  /**
   * Two uncoupled springs as one canonical system, positions first: x = (q1, q2, p1, p2), energy
   * q1² + p1² + 1.5·(q2² + p2²), so q1' = 2p1, p1' = −2q1, q2' = 3p2, p2' = −3q2; radii U[0.3, 1.2),
   * phases U[0, 2π), times linspace(0, 3, points).
   */
  public static Trajectories pairs(int count, int points, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] times = Protocol.linspace(0, 3, points);
    double[] flatTimes = new double[count * points];
    double[] states = new double[count * points * 4];
    double[] derivatives = new double[count * points * 4];
    double[] frequencies = {2, 3};
    for (int i = 0; i < count; i++) {
      double[] r = {rng.nextDouble(0.3, 1.2), rng.nextDouble(0.3, 1.2)};
      double[] phase = {rng.nextDouble(0, 2 * Math.PI), rng.nextDouble(0, 2 * Math.PI)};
      for (int t = 0; t < points; t++) {
        int at = (i * points + t) * 4;
        flatTimes[i * points + t] = times[t];
        for (int k = 0; k < 2; k++) {
          double angle = frequencies[k] * times[t] + phase[k];
          states[at + k] = r[k] * Math.cos(angle);
          states[at + 2 + k] = -r[k] * Math.sin(angle);
          derivatives[at + k] = frequencies[k] * states[at + 2 + k];
          derivatives[at + 2 + k] = -frequencies[k] * states[at + k];
        }
      }
    }
    Trajectories clean = Trajectories.ofFlat(List.of("q1", "q2", "p1", "p2"), count, points, flatTimes, states,
        derivatives);
    return noise == 0 ? clean : clean.withNoise(noise, rng);
  }

  public static double invariant(double[] x) {
    return x[0] * x[0] + x[1] * x[1];
  }

  /** The paper preset's contrastive settings for spring mass, with {@code epochs}. */
  public static Protocol protocol(int epochs) {
    return new Protocol(25, 30, 0, 3, 0.01, 10, 1001, 50, 500, 1, List.of(100, 100), Activation.TANH,
        epochs, 10, 1000, 100, Protocol.DEFAULT_LEARNING_RATE, Protocol.DEFAULT_SCHEDULE, 0.0, 1.0, 0,
        java.util.Optional.empty());
  }
}
