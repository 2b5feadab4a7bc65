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
    return springs(List.of("q", "p"), new double[] {2}, count, points, noise, seed);
  }

  /**
   * Two uncoupled springs as one canonical system, positions first: x = (q1, q2, p1, p2), energy
   * q1² + p1² + 1.5·(q2² + p2²), so q1' = 2p1, p1' = −2q1, q2' = 3p2, p2' = −3q2; radii U[0.3, 1.2),
   * phases U[0, 2π), times linspace(0, 3, points).
   */
  public static Trajectories pairs(int count, int points, double noise, long seed) {
    return springs(List.of("q1", "q2", "p1", "p2"), new double[] {2, 3}, count, points, noise, seed);
  }

  /**
   * k uncoupled springs q_i = r_i cos(ω_i t + φ_i), p_i = −r_i sin(ω_i t + φ_i) with the given
   * frequencies, states (q1 … qk, p1 … pk); per trajectory the radii are drawn first, then the phases.
   */
  private static Trajectories springs(List<String> names, double[] frequencies, int count, int points, double noise,
      long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int k = frequencies.length;
    double[] times = Protocol.linspace(0, 3, points);
    double[] flatTimes = new double[count * points];
    double[] states = new double[count * points * 2 * k];
    double[] derivatives = new double[count * points * 2 * k];
    for (int i = 0; i < count; i++) {
      double[] r = new double[k];
      double[] phase = new double[k];
      for (int s = 0; s < k; s++) {
        r[s] = rng.nextDouble(0.3, 1.2);
      }
      for (int s = 0; s < k; s++) {
        phase[s] = rng.nextDouble(0, 2 * Math.PI);
      }
      for (int t = 0; t < points; t++) {
        int at = (i * points + t) * 2 * k;
        flatTimes[i * points + t] = times[t];
        for (int s = 0; s < k; s++) {
          double angle = frequencies[s] * times[t] + phase[s];
          states[at + s] = r[s] * Math.cos(angle);
          states[at + k + s] = -r[s] * Math.sin(angle);
          derivatives[at + s] = frequencies[s] * states[at + k + s];
          derivatives[at + k + s] = -frequencies[s] * states[at + s];
        }
      }
    }
    Trajectories clean = Trajectories.ofFlat(names, count, points, flatTimes, states, derivatives);
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
