/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Rollout;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.junit.jupiter.api.Test;

class LevelSetRolloutTest {
  private static final double[] TIMES = times(41, 20.0);

  private static double[] times(int count, double end) {
    double[] t = new double[count];
    for (int i = 0; i < count; i++) {
      t[i] = end * i / (count - 1);
    }
    return t;
  }

  /** A random field (3 → 16 → 3) projected on a random H (3 → 16 → m). */
  private static LearnedDynamics model(int m) {
    SplittableRandom rng = new SplittableRandom(5 + m);
    MlpWeights f = MlpWeights.initialize(3, List.of(16), 3, Activation.TANH, rng);
    MlpWeights h = MlpWeights.initialize(3, List.of(16), m, Activation.TANH, rng);
    return new LearnedDynamics(f, h, null);
  }

  private static final double[][] INITIAL = {{0.3, -0.5, 0.8}, {-1.0, 0.2, 0.1}, {0.6, 0.6, -0.4}};

  /** Plain RK4 of the projected field, in Java double precision: H drifts at the integrator's order. */
  private static Rollout plain(LearnedDynamics model, int substeps) {
    double[][][] states = new double[INITIAL.length][TIMES.length][];
    for (int i = 0; i < INITIAL.length; i++) {
      double[] x = INITIAL[i].clone();
      states[i][0] = x.clone();
      for (int t = 1; t < TIMES.length; t++) {
        double dt = (TIMES[t] - TIMES[t - 1]) / substeps;
        for (int s = 0; s < substeps; s++) {
          double[] k1 = model.vectorField(x);
          double[] k2 = model.vectorField(add(x, dt / 2, k1));
          double[] k3 = model.vectorField(add(x, dt / 2, k2));
          double[] k4 = model.vectorField(add(x, dt, k3));
          for (int k = 0; k < 3; k++) {
            x[k] += dt / 6 * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
          }
        }
        states[i][t] = x.clone();
      }
    }
    return new Rollout(TIMES, states, substeps);
  }

  private static double[] add(double[] x, double a, double[] y) {
    double[] out = x.clone();
    for (int k = 0; k < x.length; k++) {
      out[k] += a * y[k];
    }
    return out;
  }

  @Test
  void learnedInvariantsHoldToRoundingWithOneAndTwoOutputs() {
    for (int m : new int[] {1, 2}) {
      LearnedDynamics model = model(m);
      MlpWeights h = model.invariant().orElseThrow();
      Rollout held = new LevelSetRollout(model, 3).rollout(INITIAL, TIMES, 1);
      Rollout drifting = plain(model, 1);
      double heldDrift = LevelSetRollout.maxRelativeDrift(h, held);
      double plainDrift = LevelSetRollout.maxRelativeDrift(h, drifting);
      assertThat(heldDrift).isAtMost(1e-12);
      assertThat(plainDrift).isGreaterThan(1e-9);
      // the projection corrects only the drift: the trajectories stay close to the plain ones
      for (int i = 0; i < INITIAL.length; i++) {
        for (int k = 0; k < 3; k++) {
          assertThat(held.state(i, TIMES.length - 1)[k]).isWithin(1e-3).of(drifting.state(i, TIMES.length - 1)[k]);
        }
      }
    }
  }

  @Test
  void aBaselineOrNoNewtonStepIsRefused() {
    LearnedDynamics baseline = new LearnedDynamics(
        MlpWeights.initialize(3, List.of(4), 3, Activation.TANH, new SplittableRandom(1)), null, null);
    assertThat(assertThrows(IllegalArgumentException.class, () -> new LevelSetRollout(baseline, 3)))
        .hasMessageThat().contains("needs a projected model with a learned invariant");
    assertThat(assertThrows(IllegalArgumentException.class, () -> new LevelSetRollout(model(1), 0)))
        .hasMessageThat().contains("newtonSteps must be at least 1, was 0");
  }

  @Test
  void smallSystemsAreSolved() {
    double[][] a = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
    double[] x = LevelSetRollout.solve(a, new double[] {5, 5, 3});
    assertThat(x[0]).isWithin(1e-14).of(1);
    assertThat(x[1]).isWithin(1e-14).of(1);
    assertThat(x[2]).isWithin(1e-14).of(1);
  }
}
