/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.system.SystemSpec;
import org.tensorflow.types.TFloat64;

/**
 * Data generation by the one in-graph RK4 ({@link Rk4}) on the graph form of a system's field
 * ({@link VectorField#of(SystemSpec)}, float64), for all trajectories at once (in batches of at
 * most {@link #maxBatch()}). Output times may be uneven: between t[j−1] and t[j] it takes s equal
 * substeps of (t[j] − t[j−1])/s, at most {@link #CHUNK} unrolled steps per session run.
 *
 * <p>With {@code substeps == 0} (automatic, the default) s is chosen by {@link Rk4}'s step
 * doubling: starting from s = 1, the whole time grid is integrated with s and 2s substeps until
 * the largest change of any sampled component, relative to max(1, |component|), is at most {@link
 * #tolerance()}; the finer result is returned. RK4's error is then about a fifteenth of that
 * change. The search stops with an {@link IllegalStateException} beyond {@link #MAX_SUBSTEPS}
 * substeps per interval.
 *
 * <p>Derivatives are the graph field at the sampled states.
 *
 * <p>Cost: every RK4 step executes the field's ops once per stage, and on a CPU each small op
 * costs a fraction of a microsecond whatever the batch size, so this integrator pays off for
 * large batches (or on a GPU). Measured on 2 CPU cores: SpringMass 25 × 30 on [0, 3] 0.2-0.7 s
 * (32 substeps); Kepler 50 × 100 on [0, 10] about 7 s (2048 substeps per interval of 0.1, for
 * orbits of radius 0.1), against 0.02-0.05 s for {@link ReferenceIntegrator}.
 */
public final class GraphRk4Integrator implements TrajectoryIntegrator {
  /** Largest number of RK4 steps unrolled into one session run. */
  public static final int CHUNK = 16;
  /** Largest number of substeps per output interval the automatic search tries. */
  public static final int MAX_SUBSTEPS = 1 << 16;
  /** Default step-doubling tolerance. */
  public static final double DEFAULT_TOLERANCE = 1e-8;

  private final int substeps;
  private final double tolerance;
  private final int maxBatch;

  /** Automatic substeps with the default tolerance, batches of up to 4096 trajectories. */
  public GraphRk4Integrator() {
    this(0, DEFAULT_TOLERANCE, 4096);
  }

  /**
   * @param substeps RK4 steps per output interval, or 0 to choose them by step doubling
   * @param tolerance step-doubling tolerance (ignored when {@code substeps > 0})
   * @param maxBatch largest number of trajectories integrated by one session run
   */
  public GraphRk4Integrator(int substeps, double tolerance, int maxBatch) {
    if (substeps < 0 || !(tolerance > 0) || maxBatch < 1) {
      throw new IllegalArgumentException("substeps must be >= 0 (0 = automatic), tolerance positive and "
          + "maxBatch >= 1; were " + substeps + ", " + tolerance + ", " + maxBatch);
    }
    this.substeps = substeps;
    this.tolerance = tolerance;
    this.maxBatch = maxBatch;
  }

  /** Fixed {@code substeps} RK4 steps per output interval. */
  public static GraphRk4Integrator withSubsteps(int substeps) {
    if (substeps < 1) {
      throw new IllegalArgumentException("substeps must be at least 1, was " + substeps);
    }
    return new GraphRk4Integrator(substeps, DEFAULT_TOLERANCE, 4096);
  }

  /** Automatic substeps by step doubling to {@code tolerance}. */
  public static GraphRk4Integrator withTolerance(double tolerance) {
    return new GraphRk4Integrator(0, tolerance, 4096);
  }

  public int substeps() {
    return substeps;
  }

  public double tolerance() {
    return tolerance;
  }

  public int maxBatch() {
    return maxBatch;
  }

  /**
   * @throws UnsupportedOperationException when {@code system} has no graph form, with the reason
   */
  @Override
  public Trajectories integrate(SystemSpec system, double[][] initialStates, double[] times) {
    return integrateCounting(system, initialStates, times).trajectories();
  }

  /** The result and the substeps per interval that produced it. */
  public record Outcome(Trajectories trajectories, int substeps) {}

  /** As {@link #integrate}, also telling the number of substeps per output interval used. */
  public Outcome integrateCounting(SystemSpec system, double[][] initialStates, double[] times) {
    requireGraphForm(system);
    TrajectoryIntegrator.checkArguments(system, initialStates, times);
    int n = system.dimension();
    int count = initialStates.length;
    int length = times.length;
    double[] steps = new double[length - 1];
    for (int t = 1; t < length; t++) {
      steps[t - 1] = times[t] - times[t - 1];
    }
    Rk4 rk4 = Rk4.builder(VectorField.of(system)).type(TFloat64.class).stepsPerRun(CHUNK).maxBatch(maxBatch)
        .grappler().build();
    try (Rk4.Run run = rk4.open(initialStates, times, steps)) {
      Rollout rollout;
      if (substeps > 0) {
        rollout = run.at(substeps);
      } else {
        // the doubling accepts a change strictly below its tolerance; this tolerance is inclusive
        Rk4.Doubling doubling = Rk4.doubling(run::at, Math.nextUp(tolerance), MAX_SUBSTEPS,
            GraphRk4Integrator::change);
        if (!doubling.choice().converged()) {
          throw new IllegalStateException(system.name() + ": graph RK4 did not settle to tolerance "
              + tolerance + " with " + doubling.choice().substeps() + " substeps per output interval (change "
              + doubling.choice().change() + "); use the reference integrator or a larger tolerance");
        }
        rollout = doubling.finer();
      }
      double[] states = new double[count * length * n];
      for (int i = 0; i < count; i++) {
        for (int t = 0; t < length; t++) {
          for (int k = 0; k < n; k++) {
            states[(i * length + t) * n + k] = rollout.state(i, t, k);
          }
        }
      }
      double[] derivatives = run.field(states, count * length);
      double[] flatTimes = new double[count * length];
      for (int i = 0; i < count; i++) {
        System.arraycopy(times, 0, flatTimes, i * length, length);
      }
      int used = rollout.substeps();
      Trajectories result = Trajectories.ofFlat(system.name() + " (graph RK4, " + used + " substeps per interval)",
          system.stateNames(), count, length, flatTimes, states, derivatives);
      return new Outcome(result, used);
    }
  }

  /** Throws the documented exception, naming the reason, when {@code system} has no graph form. */
  static void requireGraphForm(SystemSpec system) {
    if (!system.hasGraphForm()) {
      throw new UnsupportedOperationException(system.name() + " has no graph form, so it cannot be "
          + "integrated by graph RK4: " + system.graphFormUnavailableReason().orElse("(no reason given)")
          + ". Use ReferenceIntegrator (Java, CPU) instead.");
    }
  }

  /** Largest |a − b| / max(1, |b|) over all samples; NaN or infinite anywhere gives +∞. */
  private static double change(Rollout a, Rollout b) {
    double worst = 0;
    for (int i = 0; i < a.count(); i++) {
      for (int t = 0; t < a.length(); t++) {
        for (int k = 0; k < a.dimension(); k++) {
          double d = Math.abs(a.state(i, t, k) - b.state(i, t, k)) / Math.max(1.0, Math.abs(b.state(i, t, k)));
          if (!(d <= Double.MAX_VALUE)) {
            return Double.POSITIVE_INFINITY;
          }
          worst = Math.max(worst, d);
        }
      }
    }
    return worst;
  }
}
