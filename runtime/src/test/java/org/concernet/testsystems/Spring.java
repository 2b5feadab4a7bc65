/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testsystems;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.concernet.data.Trajectories;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.simulate.VectorField;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * The ideal spring mass system q' = 2p, p' = −2q of the paper, written by hand for tests: its
 * closed form q = r cos(2t + φ), p = −r sin(2t + φ), noisy training data, and an MLP that is
 * (almost exactly) its invariant q² + p².
 */
public final class Spring {
  private Spring() {}

  /** The field as a graph builder. */
  public static final VectorField FIELD = new VectorField() {
    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public <T extends TNumber> UnaryOperator<Operand<T>> inGraph(Ops tf, Class<T> type) {
      // [q, p] · [[0, −2], [2, 0]] = [2p, −2q]
      Operand<T> m = org.concernet.nn.Tensors.constant(tf, new double[][] {{0, -2}, {2, 0}}, type);
      return x -> tf.linalg.matMul(x, m);
    }
  };

  public static double[] derivative(double[] x) {
    return new double[] {2 * x[1], -2 * x[0]};
  }

  public static double[] invariant(double[] x) {
    return new double[] {x[0] * x[0] + x[1] * x[1]};
  }

  /** The exact state at time t from x0. */
  public static double[] exact(double[] x0, double t) {
    double c = Math.cos(2 * t);
    double s = Math.sin(2 * t);
    return new double[] {x0[0] * c + x0[1] * s, -x0[0] * s + x0[1] * c};
  }

  /** Initial states of radius U[0.3, 1.2) in a random direction. */
  public static double[][] initialStates(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] x = new double[count][];
    for (int i = 0; i < count; i++) {
      double r = 0.3 + 0.9 * rng.nextDouble();
      double phi = 2 * Math.PI * rng.nextDouble();
      x[i] = new double[] {r * Math.cos(phi), -r * Math.sin(phi)};
    }
    return x;
  }

  /** N trajectories × T points on [0, 3] from the closed form, with noise std on states and derivatives. */
  public static Trajectories data(int count, int points, double noise, long seed) {
    double[][] x0 = initialStates(count, seed);
    double[][] times = new double[count][points];
    double[][][] states = new double[count][points][];
    double[][][] derivatives = new double[count][points][];
    for (int i = 0; i < count; i++) {
      for (int t = 0; t < points; t++) {
        times[i][t] = 3.0 * t / (points - 1);
        states[i][t] = exact(x0[i], times[i][t]);
        derivatives[i][t] = derivative(states[i][t]);
      }
    }
    Trajectories clean = Trajectories.of(List.of("q", "p"), times, states, derivatives);
    return clean.withNoise(noise, new SplittableRandom(seed + 1));
  }

  /**
   * An MLP 2 → 4 → 1 (tanh) equal to q² + p² up to a relative error of about 1e-3 on the unit
   * disc: per coordinate u, [tanh(b + s u) + tanh(b − s u) − 2 tanh(b)] / (tanh''(b) s²) = u² + O(s² u⁴).
   */
  public static MlpWeights invariantNetwork() {
    double b = -0.5;
    double s = 0.05;
    double t = Math.tanh(b);
    double curvature = -2 * t * (1 - t * t);
    double scale = 1 / (curvature * s * s);
    double[][] w0 = {{s, -s, 0, 0}, {0, 0, s, -s}};
    double[] b0 = {b, b, b, b};
    double[][] w1 = {{scale}, {scale}, {scale}, {scale}};
    double[] b1 = {-4 * t * scale};
    return new MlpWeights(List.of(w0, w1), List.of(b0, b1), Activation.TANH);
  }
}
