/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.concernet.data.Rollout;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * Fixed-step classical Runge–Kutta (RK4) rollouts of a {@link VectorField} inside a TensorFlow
 * graph, batched over all initial states. Each output interval of the (evenly spaced) sample times
 * is split into {@code substeps} RK4 steps. The steps are unrolled in chunks of about {@link
 * Builder#stepsPerRun(int)} steps (default 8, rounded to whole output intervals), one session run
 * per chunk, never one per step: longer chunks cost more to build than they save in runs. The
 * graph runs with Grappler off (see {@link #open}).
 *
 * <p>{@link #converged} implements the evaluation's step rule: a step small enough that halving it
 * changes the reported MSE by under 1% — start from one step per output interval and double the
 * substeps until it does (or a cap is reached). A rollout that blows up (MSE +∞) counts as
 * settled when halving the step blows up the same trajectories at the same output times.
 */
public final class Rk4 {
  /** Relative change below which the step is small enough (1%). */
  public static final double DEFAULT_TOLERANCE = 0.01;
  /** Substeps per output interval the step rule never goes beyond. */
  public static final int DEFAULT_MAX_SUBSTEPS = 64;

  private final VectorField field;
  private final Class<? extends TNumber> type;
  private final int stepsPerRun;

  private Rk4(Builder b) {
    this.field = b.field;
    this.type = b.type;
    this.stepsPerRun = b.stepsPerRun;
  }

  /** RK4 of {@code field} in float64, about 8 steps per session run. */
  public static Rk4 of(VectorField field) {
    return builder(field).build();
  }

  public static Builder builder(VectorField field) {
    return new Builder(field);
  }

  /**
   * Rolls out every initial state, sampled at {@code times} (evenly spaced, increasing; the first
   * is the initial time), with {@code substeps} RK4 steps per output interval.
   *
   * @param initial [trajectory][n]
   */
  public Rollout rollout(double[][] initial, double[] times, int substeps) {
    if (substeps < 1) {
      throw new IllegalArgumentException("substeps must be at least 1, was " + substeps);
    }
    double interval = checkTimes(times);
    int n = field.dimension();
    for (int i = 0; i < initial.length; i++) {
      if (initial[i].length != n) {
        throw new IllegalArgumentException("initial state " + i + " has " + initial[i].length
            + " components, the field has " + n);
      }
    }
    if (initial.length == 0) {
      throw new IllegalArgumentException("no initial states");
    }
    return rolloutTyped(type, initial, times, interval, substeps);
  }

  /**
   * The step rule against a reference (the ground truth): doubles the substeps, from 1, until
   * halving the step changes the MSE to {@code truth} by under {@code tolerance} (relative), or
   * {@code maxSubsteps} is reached.
   */
  public StepChoice converged(double[][] initial, double[] times, Rollout truth, double tolerance, int maxSubsteps) {
    return converged(initial, times, truth, tolerance, maxSubsteps, UnaryOperator.identity());
  }

  /**
   * As {@link #converged(double[][], double[], Rollout, double, int)} for a field that lives in
   * another space than the truth (an autoencoder's latent space): every rollout is first mapped by
   * {@code observe} (decoded) and compared, and returned, as observed.
   */
  public StepChoice converged(double[][] initial, double[] times, Rollout truth, double tolerance, int maxSubsteps,
      UnaryOperator<Rollout> observe) {
    return converge(initial, times, tolerance, maxSubsteps, observe, (coarse, fine) -> {
      double a = meanSquare(truth, coarse);
      double b = meanSquare(truth, fine);
      if (a == b) {
        return 0.0;
      }
      return Math.abs(a - b) / b;
    });
  }

  /** {@link #converged(double[][], double[], Rollout, double, int)} with 1% and at most 64 substeps. */
  public StepChoice converged(double[][] initial, double[] times, Rollout truth) {
    return converged(initial, times, truth, DEFAULT_TOLERANCE, DEFAULT_MAX_SUBSTEPS);
  }

  /**
   * The step rule without a reference: doubles the substeps until halving the step changes the
   * trajectory by under {@code tolerance} in relative root mean square (mean over trajectories,
   * times and components of (coarse − fine)², over the mean of fine²), or the cap is reached.
   */
  public StepChoice converged(double[][] initial, double[] times, double tolerance, int maxSubsteps) {
    return converged(initial, times, tolerance, maxSubsteps, UnaryOperator.identity());
  }

  /**
   * As {@link #converged(double[][], double[], double, int)}, every rollout first mapped by {@code
   * observe} (decoded from a latent space), so the change is measured on what is returned.
   */
  public StepChoice converged(double[][] initial, double[] times, double tolerance, int maxSubsteps,
      UnaryOperator<Rollout> observe) {
    return converge(initial, times, tolerance, maxSubsteps, observe, (coarse, fine) -> {
      double diff = meanSquare(fine, coarse);
      double scale = meanSquare(fine, null);
      return diff == 0 ? 0.0 : Math.sqrt(diff / scale);
    });
  }

  private interface Change {
    double of(Rollout coarse, Rollout fine);
  }

  private StepChoice converge(double[][] initial, double[] times, double tolerance, int maxSubsteps,
      UnaryOperator<Rollout> observe, Change change) {
    if (maxSubsteps < 1) {
      throw new IllegalArgumentException("maxSubsteps must be at least 1, was " + maxSubsteps);
    }
    List<Double> history = new ArrayList<>();
    Rollout coarse = observe.apply(rollout(initial, times, 1));
    int k = 1;
    while (2 * k <= maxSubsteps) {
      Rollout fine = observe.apply(rollout(initial, times, 2 * k));
      double c = coarse.isFinite() && fine.isFinite() ? change.of(coarse, fine) : blowUpChange(coarse, fine);
      history.add(c);
      if (c < tolerance) {
        return new StepChoice(coarse, k, c, true, history);
      }
      coarse = fine;
      k *= 2;
    }
    return new StepChoice(coarse, k, history.isEmpty() ? Double.NaN : history.get(history.size() - 1), false, history);
  }

  /**
   * The outcome of the step rule.
   *
   * @param rollout the rollout at the chosen step
   * @param substeps the chosen RK4 steps per output interval
   * @param change the relative change when halving the chosen step (NaN when not measurable)
   * @param converged whether the change is under the tolerance (false: the cap was reached)
   * @param changes the change measured at 1, 2, 4, … substeps
   */
  public record StepChoice(Rollout rollout, int substeps, double change, boolean converged, List<Double> changes) {
    public StepChoice {
      changes = List.copyOf(changes);
    }
  }

  /**
   * When a rollout blew up, the MSE is +∞ and no relative change is defined. The blow-up belongs to
   * the field, not to the step, when halving the step blows up the same trajectories at the same
   * output times (change 0); otherwise the step is too coarse (change +∞).
   */
  private static double blowUpChange(Rollout coarse, Rollout fine) {
    for (int i = 0; i < coarse.count(); i++) {
      if (coarse.firstNonFinite(i) != fine.firstNonFinite(i)) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return 0.0;
  }

  /** Mean over trajectories × times × components of (a − b)², or of a² when b is null; +∞ if not finite. */
  static double meanSquare(Rollout a, Rollout b) {
    double sum = 0;
    long count = 0;
    for (int i = 0; i < a.count(); i++) {
      for (int t = 0; t < a.length(); t++) {
        for (int k = 0; k < a.dimension(); k++) {
          double d = b == null ? a.state(i, t, k) : a.state(i, t, k) - b.state(i, t, k);
          sum += d * d;
          count++;
        }
      }
    }
    double mean = sum / count;
    return Double.isNaN(mean) ? Double.POSITIVE_INFINITY : mean;
  }

  private static double checkTimes(double[] times) {
    if (times.length < 2) {
      throw new IllegalArgumentException("need at least two sample times, found " + times.length);
    }
    double interval = (times[times.length - 1] - times[0]) / (times.length - 1);
    if (!(interval > 0) || !Double.isFinite(interval)) {
      throw new IllegalArgumentException("sample times must increase, from " + times[0] + " to " + times[times.length - 1]);
    }
    for (int t = 1; t < times.length; t++) {
      double gap = times[t] - times[t - 1];
      if (Math.abs(gap - interval) > 1e-9 * Math.max(1.0, Math.abs(times[t]))) {
        throw new IllegalArgumentException("fixed-step rollouts need evenly spaced times; the gap before time index "
            + t + " is " + gap + ", the mean gap " + interval);
      }
    }
    return interval;
  }

  private <T extends TNumber> Rollout rolloutTyped(Class<T> dtype, double[][] initial, double[] times,
      double interval, int substeps) {
    int batch = initial.length;
    int n = field.dimension();
    int intervals = times.length - 1;
    int perRun = Math.max(1, Math.min(intervals, stepsPerRun / substeps));
    double[][][] states = new double[batch][times.length][];
    for (int i = 0; i < batch; i++) {
      states[i][0] = initial[i].clone();
    }
    try (Graph graph = new Graph(); Session session = open(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<T> start = tf.placeholder(dtype, Placeholder.shape(Shape.of(batch, n)));
      UnaryOperator<Operand<T>> f = field.inGraph(tf, dtype);
      double h = interval / substeps;
      Operand<T> half = tf.constant(dtype, h / 2);
      Operand<T> full = tf.constant(dtype, h);
      Operand<T> sixth = tf.constant(dtype, h / 6);
      Operand<T> two = tf.constant(dtype, 2.0);
      List<Operand<T>> samples = new ArrayList<>();
      Operand<T> x = start;
      for (int c = 0; c < perRun; c++) {
        for (int s = 0; s < substeps; s++) {
          Operand<T> k1 = f.apply(x);
          Operand<T> k2 = f.apply(tf.math.add(x, tf.math.mul(half, k1)));
          Operand<T> k3 = f.apply(tf.math.add(x, tf.math.mul(half, k2)));
          Operand<T> k4 = f.apply(tf.math.add(x, tf.math.mul(full, k3)));
          Operand<T> sum = tf.math.add(tf.math.add(k1, k4), tf.math.mul(two, tf.math.add(k2, k3)));
          x = tf.math.add(x, tf.math.mul(sixth, sum));
        }
        samples.add(x);
      }
      Operand<T> recorded = tf.stack(samples); // [perRun, batch, n]
      double[] current = new double[batch * n];
      for (int i = 0; i < batch; i++) {
        System.arraycopy(initial[i], 0, current, i * n, n);
      }
      int done = 0;
      while (done < intervals) {
        double[] values;
        try (T feed = Tensors.tensor(dtype, Shape.of(batch, n), current);
            Result r = session.runner().feed(start, feed).fetch(recorded).setOptions(Sessions.CALLER_THREAD).run()) {
          values = Tensors.toDoubles(r.get(0));
        }
        int take = Math.min(perRun, intervals - done);
        for (int c = 0; c < take; c++) {
          for (int i = 0; i < batch; i++) {
            states[i][done + 1 + c] = Arrays.copyOfRange(values, (c * batch + i) * n, (c * batch + i + 1) * n);
          }
        }
        System.arraycopy(values, (perRun - 1) * batch * n, current, 0, batch * n);
        done += take;
        if (allNonFinite(current, n)) {
          for (int t = done + 1; t < times.length; t++) {
            for (int i = 0; i < batch; i++) {
              double[] nan = new double[n];
              Arrays.fill(nan, Double.NaN);
              states[i][t] = nan;
            }
          }
          break;
        }
      }
    }
    return new Rollout(times, states, substeps);
  }

  /**
   * A session for an unrolled rollout graph. Grappler's rewrites cost seconds on the first run of
   * a graph with hundreds of unrolled field evaluations and gained nothing at these sizes
   * (measured: a projected 4 → 100 → 100 → 4 field, 1000 RK4 steps, 8 steps per run: 0.80 s with
   * Grappler, 0.41 s without), so they are switched off.
   */
  static Session open(Graph graph) {
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(Sessions.threads())
        .setInterOpParallelismThreads(Sessions.threads())
        .setAllowSoftPlacement(true)
        .setGraphOptions(GraphOptions.newBuilder()
            .setOptimizerOptions(OptimizerOptions.newBuilder().setOptLevel(OptimizerOptions.Level.L0)
                .setDoConstantFolding(false).setDoCommonSubexpressionElimination(false)
                .setDoFunctionInlining(false))
            .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
        .build();
    return new Session(graph, config);
  }

  /** Whether every trajectory (row of n values) holds a NaN or infinity. */
  private static boolean allNonFinite(double[] values, int n) {
    for (int row = 0; row < values.length; row += n) {
      boolean finite = true;
      for (int k = row; k < row + n; k++) {
        finite &= Double.isFinite(values[k]);
      }
      if (finite) {
        return false;
      }
    }
    return true;
  }

  /** Settings of an {@link Rk4} integrator. */
  public static final class Builder {
    private final VectorField field;
    private Class<? extends TNumber> type = TFloat64.class;
    private int stepsPerRun = 8;

    private Builder(VectorField field) {
      this.field = field;
    }

    /** The graph dtype: {@code TFloat64.class} (default) or {@code TFloat32.class}. */
    public Builder type(Class<? extends TNumber> v) {
      if (v != TFloat32.class && v != TFloat64.class) {
        throw new IllegalArgumentException("only float32 and float64 are supported, not " + v.getSimpleName());
      }
      type = v;
      return this;
    }

    /** RK4 steps unrolled into one session run (rounded to whole output intervals, at least one). */
    public Builder stepsPerRun(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("stepsPerRun must be at least 1, was " + v);
      }
      stepsPerRun = v;
      return this;
    }

    public Rk4 build() {
      return new Rk4(this);
    }
  }
}
