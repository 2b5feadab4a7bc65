/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.function.UnaryOperator;
import org.concernet.data.Trajectories;
import org.concernet.nn.Mlp;
import org.concernet.nn.Tensors;
import org.concernet.simulate.Rk4Step;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The trajectory-segment (multiple shooting) loss: the model is integrated with RK4 in the graph
 * from an observed state over the next {@code steps} observed time intervals ({@code substeps} RK4
 * steps per interval), and the states it reaches are fitted to the observed ones:
 *
 * <pre>
 *   loss = mean over segments s and intervals j = 1..L of ‖x̂_s(t_{s,j}) − x_{s,j}‖²
 * </pre>
 *
 * with x̂_s the RK4 rollout of the field from x_{s,0}. It uses states and times only, no
 * derivatives: regressing ẋ on noisy states (eq. 4) biases the field where it curves fastest,
 * whereas a state fitted through a rollout sees the noise only at the segment's ends.
 *
 * <p>The field may be ConCerNet's projected f̃ = f − G(GᵀG)⁻¹Gᵀf: G = ∂H/∂x of the frozen H is then
 * taken at every RK4 stage, so the training gradient goes through ∂G/∂x. G is {@code
 * Mlp.inputGradient}'s closed form built of ordinary ops (as in {@code contrastive.AlignmentLoss}),
 * whose first-order gradients TensorFlow Java has; no gradient of a gradient is taken.
 */
public final class ShootingLoss {
  private ShootingLoss() {}

  /**
   * Segments of {@code steps} observed intervals tiling every trajectory: starts 0, L, 2L, … and, when
   * L does not divide T − 1, one more segment ending at the last point, so every observed interval
   * is fitted. Rows are indices of points in the flat, trajectory-major states.
   *
   * @param steps L, the observed intervals per segment
   * @param startRows the row of each segment's first state [S]
   * @param targetRows the rows of each segment's L later states [S × L]
   * @param intervals each segment's L interval lengths [S × L]
   */
  public record Segments(int steps, int[] startRows, int[] targetRows, double[] intervals) {
    /** The segments of {@code data}; trajectories need at least L + 1 points. */
    public static Segments of(Trajectories data, int steps) {
      int length = data.length();
      if (steps < 1) {
        throw new IllegalArgumentException("a shooting segment needs at least 1 observed step, found " + steps);
      }
      if (length < steps + 1) {
        throw new IllegalArgumentException("shooting segments of " + steps + " observed steps need trajectories of at"
            + " least " + (steps + 1) + " points, but these have " + length + "; lower shootingSteps to at most "
            + Math.max(0, length - 1));
      }
      int perTrajectory = (length - 1 + steps - 1) / steps;
      int count = data.count() * perTrajectory;
      int[] start = new int[count];
      int[] targets = new int[count * steps];
      double[] intervals = new double[count * steps];
      int s = 0;
      for (int i = 0; i < data.count(); i++) {
        double[] times = data.times(i);
        for (int k = 0; k < perTrajectory; k++, s++) {
          int first = Math.min(k * steps, length - 1 - steps);
          start[s] = i * length + first;
          for (int j = 0; j < steps; j++) {
            targets[s * steps + j] = i * length + first + j + 1;
            intervals[s * steps + j] = times[first + j + 1] - times[first + j];
          }
        }
      }
      return new Segments(steps, start, targets, intervals);
    }

    /** S, the number of segments. */
    public int count() {
      return startRows.length;
    }
  }

  /**
   * The loss over the segments whose indices are fed to {@code index}, on the points {@code states}
   * [P, n] (a constant of the graph), for the field {@code f} built into {@code tf}'s graph.
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, UnaryOperator<Operand<T>> f, Operand<T> states,
      Segments segments, Operand<TInt32> index, int substeps) {
    Class<T> type = states.type();
    int count = segments.count();
    int steps = segments.steps();
    double[] halves = new double[count * steps];
    double[] fulls = new double[count * steps];
    double[] sixths = new double[count * steps];
    for (int j = 0; j < halves.length; j++) {
      double h = segments.intervals()[j] / substeps;
      halves[j] = h / 2;
      fulls[j] = h;
      sixths[j] = h / 6;
    }
    Operand<TInt32> axis = tf.constant(0);
    Operand<TInt32> startRows = tf.constant(segments.startRows());
    Operand<TInt32> targetRows = tf.reshape(tf.constant(segments.targetRows()), tf.constant(new int[] {count, steps}));
    Operand<T> start = tf.gather(states, tf.gather(startRows, index, axis), axis);
    Operand<T> targets = tf.gather(states, tf.gather(targetRows, index, axis), axis);
    return build(tf, f, start, targets, batchOf(tf, halves, index, count, steps, type),
        batchOf(tf, fulls, index, count, steps, type), batchOf(tf, sixths, index, count, steps, type), substeps);
  }

  /**
   * The loss of rollouts from {@code start} [B, n] against {@code targets} [B, L, n], with h/2, h and
   * h/6 of one RK4 substep of every row and interval in {@code halves}, {@code fulls} and {@code
   * sixths} [B, L].
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, UnaryOperator<Operand<T>> f, Operand<T> start,
      Operand<T> targets, Operand<T> halves, Operand<T> fulls, Operand<T> sixths, int substeps) {
    int steps = (int) targets.shape().size(1);
    Operand<T> predicted = Rk4Step.unrolled(tf, f, start, halves, fulls, sixths, steps, substeps);
    Operand<T> squared = tf.reduceSum(tf.math.square(tf.math.sub(predicted, targets)), tf.constant(2));
    return tf.math.mean(squared, tf.constant(new int[] {0, 1}));
  }

  /**
   * The field trained by shooting: f for the baseline ({@code h} null); for ConCerNet the same
   * projected f̃ as {@link LearnedDynamics#field}, with one output of H built from fewer ops (every
   * RK4 stage of every segment builds it and its gradient): g = ∇H(x) as {@code h.vjp(x, 1)} and
   * f̃ = f − (g·f / g·g) g, nothing removed where g vanishes. More outputs go through {@link
   * Projection}'s Gram–Schmidt.
   */
  public static <T extends TNumber> UnaryOperator<Operand<T>> field(Ops tf, Mlp<T> f, Mlp<T> h) {
    if (h == null || h.outputSize() > 1) {
      return LearnedDynamics.field(tf, f, h);
    }
    return x -> {
      Operand<T> fx = f.apply(x);
      Operand<T> g = h.vjp(x, Tensors.constant(tf, new double[][] {{1.0}}, x.type()));
      Operand<TInt32> columns = tf.constant(1);
      Operand<T> gf = tf.reduceSum(tf.math.mul(g, fx), columns, ReduceSum.keepDims(true));
      Operand<T> gg = tf.reduceSum(tf.math.square(g), columns, ReduceSum.keepDims(true));
      Operand<T> ratio = tf.math.div(gf, tf.math.maximum(gg, tf.constant(x.type(), Projection.TINY)));
      return tf.math.sub(fx, tf.math.mul(ratio, g));
    };
  }

  private static <T extends TNumber> Operand<T> batchOf(Ops tf, double[] values, Operand<TInt32> index, int count,
      int steps, Class<T> type) {
    try (T tensor = Tensors.tensor(type, Shape.of(count, steps), values)) {
      return tf.gather(tf.constantOf(tensor), index, tf.constant(0));
    }
  }

  /**
   * The loss in double precision, as the definition reads (RK4 written out here, the field in Java):
   * the reference the graph form is tested against.
   *
   * @param field the field in Java, e.g. {@link LearnedDynamics#vectorField(double[])}
   * @param start start[s] the first state of segment s
   * @param targets targets[s][j] the observed state after interval j
   * @param intervals intervals[s][j] the length of interval j
   */
  public static double reference(UnaryOperator<double[]> field, double[][] start, double[][][] targets,
      double[][] intervals, int substeps) {
    double sum = 0;
    int terms = 0;
    for (int s = 0; s < start.length; s++) {
      double[] x = start[s].clone();
      for (int j = 0; j < targets[s].length; j++) {
        double h = intervals[s][j] / substeps;
        for (int k = 0; k < substeps; k++) {
          double[] k1 = field.apply(x);
          double[] k2 = field.apply(axpy(x, h / 2, k1));
          double[] k3 = field.apply(axpy(x, h / 2, k2));
          double[] k4 = field.apply(axpy(x, h, k3));
          for (int d = 0; d < x.length; d++) {
            x[d] += h / 6 * (k1[d] + 2 * k2[d] + 2 * k3[d] + k4[d]);
          }
        }
        for (int d = 0; d < x.length; d++) {
          double e = x[d] - targets[s][j][d];
          sum += e * e;
        }
        terms++;
      }
    }
    return sum / terms;
  }

  private static double[] axpy(double[] x, double a, double[] y) {
    double[] out = new double[x.length];
    for (int d = 0; d < x.length; d++) {
      out[d] = x[d] + a * y[d];
    }
    return out;
  }
}
