/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import org.concernet.learn.LearnedDynamics;
import org.concernet.learn.LearnedInvariant;
import org.concernet.simulate.Rk4;
import org.concernet.simulate.Rollout;
import org.tensorflow.types.TFloat64;

/**
 * The models one seed of an experiment trained, as objects a user can hold and test: the learned
 * invariant H, the baseline dynamics and the ConCerNet (projected) dynamics.
 *
 * <pre>{@code
 * TrainedModels models = Experiment.train(new KeplerSystem(), protocol, 0);
 * Rollout rollout = models.rollout(x0, Protocol.linspace(0, 5, 501));
 * assertThat(rollout).conserves(models::invariant).within(1e-6);   // org.concernet.truth
 * }</pre>
 */
public record TrainedModels(LearnedInvariant learnedInvariant, LearnedDynamics baseline, LearnedDynamics concernet) {

  /** The learned conserved quantities H(x), m values. */
  public double[] invariant(double[] x) {
    return learnedInvariant.value(x);
  }

  /** The ConCerNet vector field f̃(x), which keeps H constant. */
  public double[] vectorField(double[] x) {
    return concernet.vectorField(x);
  }

  /** The ConCerNet model rolled out from {@code x0} at evenly spaced {@code times} (RK4, float64). */
  public Rollout rollout(double[] x0, double[] times) {
    return rollout(new double[][] {x0}, times);
  }

  /**
   * The ConCerNet model rolled out from every initial state at once, with the step halved until
   * the trajectories change by under 1% (DESIGN.md's step rule without a reference).
   */
  public Rollout rollout(double[][] initial, double[] times) {
    return rollout(concernet, initial, times);
  }

  /** The baseline model rolled out the same way, for comparison. */
  public Rollout baselineRollout(double[][] initial, double[] times) {
    return rollout(baseline, initial, times);
  }

  private static Rollout rollout(LearnedDynamics model, double[][] initial, double[] times) {
    return Rk4.builder(model).type(TFloat64.class).build()
        .converged(initial, times, Rk4.DEFAULT_TOLERANCE, Rk4.DEFAULT_MAX_SUBSTEPS).rollout();
  }
}
