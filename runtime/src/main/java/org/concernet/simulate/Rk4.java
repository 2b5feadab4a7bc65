/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.concernet.data.Rollout;
import org.concernet.nn.Sessions;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/**
 * The one in-graph RK4: fixed-step classical Runge–Kutta of a {@link VectorField} inside a
 * TensorFlow graph, batched over initial states (in batches of at most {@link
 * Builder#maxBatch(int)}). The field is the source of f(x): a learned model ({@code
 * LearnedDynamics}) for rollouts, or a system's graph form ({@link VectorField#of}) for data
 * generation ({@link GraphRk4Integrator}). Each output interval is split into {@code substeps} RK4
 * steps. The steps are unrolled in chunks of about {@link Builder#stepsPerRun(int)} steps (default
 * 8; whole output intervals when they fit, else powers of two), one session run per chunk, never
 * one per step: longer chunks cost more to build than they save in runs. The step itself and the
 * chunks live in {@link Rk4Graph}. Rollouts run with Grappler off (see {@link #open}); data
 * generation keeps it ({@link Builder#grappler()}).
 *
 * <p>{@link #converged} implements the evaluation's step rule: a step small enough that halving it
 * changes the reported MSE by under 1% — start from one step per output interval and double the
 * substeps until it does (or a cap is reached). A rollout that blows up (MSE +∞) counts as
 * settled when halving the step blows up the same trajectories at the same output times. The
 * doubling is written once ({@link #doubling}) and also chooses the data generator's substeps.
 */
public final class Rk4 {
  /** Relative change below which the step is small enough (1%). */
  public static final double DEFAULT_TOLERANCE = 0.01;
  /** Substeps per output interval the step rule never goes beyond. */
  public static final int DEFAULT_MAX_SUBSTEPS = 64;

  private final VectorField field;
  private final Class<? extends TNumber> type;
  private final int stepsPerRun;
  private final int maxBatch;
  private final boolean grappler;

  private Rk4(Builder b) {
    this.grappler = b.grappler;
    this.field = b.field;
    this.type = b.type;
    this.stepsPerRun = b.stepsPerRun;
    this.maxBatch = b.maxBatch;
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
    try (Run run = open(initial, times, evenSteps(times))) {
      return run.at(substeps);
    }
  }

  /**
   * The step rule against a reference (the ground truth): doubles the substeps, from 1, until
   * halving the step changes the MSE to {@code truth} by under {@code tolerance} (relative), or
   * {@code maxSubsteps} is reached.
   */
  public StepChoice converged(double[][] initial, double[] times, Rollout truth, double tolerance, int maxSubsteps) {
    return converged(initial, times, truth, UnaryOperator.identity(), tolerance, maxSubsteps);
  }

  /**
   * The step rule against {@code truth} applied to what {@code view} makes of each rollout, e.g. a
   * latent rollout decoded to states, so that a caller with its own reading of a rollout does not
   * write the doubling again. The choice holds the viewed rollout.
   *
   * @param view maps the rollout at k substeps to the one compared with {@code truth}
   */
  public StepChoice converged(double[][] initial, double[] times, Rollout truth, UnaryOperator<Rollout> view,
      double tolerance, int maxSubsteps) {
    return converge(initial, times, view, tolerance, maxSubsteps, (coarse, fine) -> {
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
    return converged(initial, times, UnaryOperator.identity(), tolerance, maxSubsteps);
  }

  /**
   * As {@link #converged(double[][], double[], double, int)} on what {@code view} makes of each
   * rollout (a latent rollout decoded to states), so the change is measured on what is returned.
   */
  public StepChoice converged(double[][] initial, double[] times, UnaryOperator<Rollout> view, double tolerance,
      int maxSubsteps) {
    return converge(initial, times, view, tolerance, maxSubsteps, (coarse, fine) -> {
      double diff = meanSquare(fine, coarse);
      double scale = meanSquare(fine, null);
      return diff == 0 ? 0.0 : Math.sqrt(diff / scale);
    });
  }

  /** How much a rollout changes when the step is halved. */
  interface Change {
    double of(Rollout coarse, Rollout fine);
  }

  private StepChoice converge(double[][] initial, double[] times, UnaryOperator<Rollout> view, double tolerance,
      int maxSubsteps, Change change) {
    try (Run run = open(initial, times, evenSteps(times))) {
      return doubling(k -> view.apply(run.at(k)), tolerance, maxSubsteps, withBlowUps(change)).choice();
    }
  }

  /**
   * The step doubling: {@code rollouts} at 1, 2, 4, … substeps until halving the step changes the rollout
   * by under {@code tolerance}, or twice the substeps would pass {@code maxSubsteps}.
   *
   * @param finer the rollout at twice the chosen substeps when converged, else null
   */
  record Doubling(StepChoice choice, Rollout finer) {}

  static Doubling doubling(IntFunction<Rollout> rollouts, double tolerance, int maxSubsteps, Change change) {
    if (maxSubsteps < 1) {
      throw new IllegalArgumentException("maxSubsteps must be at least 1, was " + maxSubsteps);
    }
    List<Double> history = new ArrayList<>();
    Rollout coarse = rollouts.apply(1);
    int k = 1;
    while (2 * k <= maxSubsteps) {
      Rollout fine = rollouts.apply(2 * k);
      double c = change.of(coarse, fine);
      history.add(c);
      if (c < tolerance) {
        return new Doubling(new StepChoice(coarse, k, c, true, history), fine);
      }
      coarse = fine;
      k *= 2;
    }
    double last = history.isEmpty() ? Double.NaN : history.get(history.size() - 1);
    return new Doubling(new StepChoice(coarse, k, last, false, history), null);
  }

  /** {@code change} where both rollouts are finite, else {@link #blowUpChange}. */
  private static Change withBlowUps(Change change) {
    return (coarse, fine) -> coarse.isFinite() && fine.isFinite() ? change.of(coarse, fine) : blowUpChange(coarse, fine);
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

  /** Every output interval's step (the mean gap of evenly spaced {@code times}). */
  private static double[] evenSteps(double[] times) {
    double[] steps = new double[times.length - 1];
    Arrays.fill(steps, checkTimes(times));
    return steps;
  }

  /**
   * A graph for rollouts of {@code initial} sampled at {@code times}, interval j taking steps of
   * {@code steps[j]} / substeps.
   */
  Run open(double[][] initial, double[] times, double[] steps) {
    int n = field.dimension();
    if (initial.length == 0) {
      throw new IllegalArgumentException("no initial states");
    }
    for (int i = 0; i < initial.length; i++) {
      if (initial[i].length != n) {
        throw new IllegalArgumentException("initial state " + i + " has " + initial[i].length
            + " components, the field has " + n);
      }
    }
    return new Run(graph(type, initial.length <= maxBatch ? initial.length : -1), initial, times, steps);
  }

  private <T extends TNumber> Rk4Graph<T> graph(Class<T> dtype, int rows) {
    return new Rk4Graph<>(field, dtype, rows, grappler);
  }

  /** Rollouts of one set of initial states and times at any substeps, sharing one graph. */
  final class Run implements AutoCloseable {
    private final Rk4Graph<?> graph;
    private final double[][] initial;
    private final double[] times;
    private final double[] steps;

    private Run(Rk4Graph<?> graph, double[][] initial, double[] times, double[] steps) {
      this.graph = graph;
      this.initial = initial;
      this.times = times;
      this.steps = steps;
    }

    /** The rollout with {@code substeps} RK4 steps per output interval. */
    Rollout at(int substeps) {
      int n = field.dimension();
      double[] perStep = new double[steps.length];
      for (int j = 0; j < steps.length; j++) {
        perStep[j] = steps[j] / substeps;
      }
      double[][][] states = new double[initial.length][times.length][];
      for (int from = 0; from < initial.length; from += maxBatch) {
        int rows = Math.min(maxBatch, initial.length - from);
        double[] batch = new double[rows * n];
        for (int b = 0; b < rows; b++) {
          states[from + b][0] = initial[from + b].clone();
          System.arraycopy(initial[from + b], 0, batch, b * n, n);
        }
        graph.solve(batch, rows, perStep, substeps, stepsPerRun, states, from);
      }
      return new Rollout(times, states, substeps);
    }

    /** The field at {@code rows} states (flat, row-major). */
    double[] field(double[] states, int rows) {
      return graph.field(states, rows);
    }

    @Override
    public void close() {
      graph.close();
    }
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

  /** Settings of an {@link Rk4} integrator. */
  public static final class Builder {
    private final VectorField field;
    private Class<? extends TNumber> type = TFloat64.class;
    private int stepsPerRun = 8;
    private int maxBatch = Integer.MAX_VALUE;
    private boolean grappler;

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

    /** Largest number of trajectories integrated by one session run (default: all at once). */
    public Builder maxBatch(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("maxBatch must be at least 1, was " + v);
      }
      maxBatch = v;
      return this;
    }

    /**
     * Runs the graph with Grappler's rewrites and an open batch dimension ({@code Sessions.open})
     * and computes h/2 and h/6 in the graph, as data generation always has ({@link
     * GraphRk4Integrator}). Two reasons, measured against the plain settings of rollouts: the
     * rewrites change the last bits of some states, so without them graph data would move (up to
     * 7.8e-16 on SpringMass 25 × 30, 3.3e-11 on Kepler 20 × 100 at 2048 substeps); and on a
     * system's many small graph ops they pay: Kepler took 13.3 s with them, 17.0 s without. (A
     * learned field's MLP is the other way round; see {@link #open}.)
     */
    Builder grappler() {
      grappler = true;
      return this;
    }

    public Rk4 build() {
      return new Rk4(this);
    }
  }
}
