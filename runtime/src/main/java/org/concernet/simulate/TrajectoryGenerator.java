/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.concernet.data.Trajectories;
import org.concernet.protocol.Protocol;
import org.concernet.system.SystemSpec;

/**
 * Makes trajectories of a {@link SystemSpec}: samples initial states, integrates them (by default
 * with the double-precision {@link ReferenceIntegrator}, the paper's data; or with {@link
 * GraphRk4Integrator}), and adds observation noise.
 *
 * <h2>Seeds</h2>
 * Everything random derives from one {@code long} seed, through {@link SplittableRandom}:
 * {@code SplittableRandom root = new SplittableRandom(seed)}; the initial states are drawn from
 * {@code root.split()} (the first split) and the noise from the second {@code root.split()}. The
 * two streams are independent, so changing the noise level (or turning noise off) never changes
 * the initial states, and the same seed always gives identical data. Initial states are drawn one
 * trajectory after another from the same stream, so the first k of N states equal the k states
 * of a smaller request with the same seed.
 *
 * <p>Instances are immutable.
 */
public final class TrajectoryGenerator {
  private final TrajectoryIntegrator integrator;
  private final TrajectoryIntegrator.Progress progress;

  /** Generation with the reference integrator. */
  public TrajectoryGenerator() {
    this(new ReferenceIntegrator());
  }

  public TrajectoryGenerator(TrajectoryIntegrator integrator) {
    this(integrator, TrajectoryIntegrator.Progress.NONE);
  }

  private TrajectoryGenerator(TrajectoryIntegrator integrator, TrajectoryIntegrator.Progress progress) {
    this.integrator = java.util.Objects.requireNonNull(integrator, "integrator");
    this.progress = java.util.Objects.requireNonNull(progress, "progress");
  }

  /** This generator, reporting how many trajectories are integrated to {@code progress}. */
  public TrajectoryGenerator withProgress(TrajectoryIntegrator.Progress progress) {
    return new TrajectoryGenerator(integrator, progress);
  }

  /** The reference (Commons Math, double precision) generator: the paper's data. */
  public static TrajectoryGenerator reference() {
    return new TrajectoryGenerator(new ReferenceIntegrator());
  }

  /**
   * A batched RK4 generator in the TensorFlow graph with automatic substeps.
   *
   * @throws UnsupportedOperationException naming the reason when {@code system} has no graph form
   */
  public static TrajectoryGenerator graph(SystemSpec system) {
    GraphRk4Integrator.requireGraphForm(system);
    return new TrajectoryGenerator(new GraphRk4Integrator());
  }

  public TrajectoryIntegrator integrator() {
    return integrator;
  }

  /** The stream initial states are drawn from for {@code seed} (see the class comment). */
  public static RandomGenerator initialStateRandom(long seed) {
    return new SplittableRandom(seed).split();
  }

  /** The stream the observation noise is drawn from for {@code seed} (see the class comment). */
  public static RandomGenerator noiseRandom(long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    root.split();
    return root.split();
  }

  /** {@code count} training initial states ({@link SystemSpec#sampleInitialState}) drawn from {@code rng}. */
  public static double[][] sampleInitialStates(SystemSpec system, int count, RandomGenerator rng) {
    return sample(system, count, rng, false);
  }

  /** {@code count} evaluation initial states ({@link SystemSpec#sampleEvaluationState}) drawn from {@code rng}. */
  public static double[][] sampleEvaluationStates(SystemSpec system, int count, RandomGenerator rng) {
    return sample(system, count, rng, true);
  }

  private static double[][] sample(SystemSpec system, int count, RandomGenerator rng, boolean evaluation) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    int n = system.dimension();
    double[][] states = new double[count][];
    for (int i = 0; i < count; i++) {
      double[] x = evaluation ? system.sampleEvaluationState(rng) : system.sampleInitialState(rng);
      if (x == null || x.length != n) {
        throw new IllegalStateException(system.name() + ": the " + (evaluation ? "evaluation" : "initial")
            + "-state sampler returned " + (x == null ? "null" : x.length + " components") + ", expected " + n);
      }
      for (int k = 0; k < n; k++) {
        if (!Double.isFinite(x[k])) {
          throw new IllegalStateException(system.name() + ": the " + (evaluation ? "evaluation" : "initial")
              + "-state sampler gave " + system.stateNames().get(k) + " = " + x[k] + " for trajectory " + i);
        }
      }
      states[i] = x.clone();
    }
    return states;
  }

  /** Clean trajectories from the given initial states, sampled at {@code times}. */
  public Trajectories integrate(SystemSpec system, double[][] initialStates, double[] times) {
    return integrator.integrate(system, initialStates, times, progress);
  }

  /**
   * {@code count} clean trajectories from training initial states drawn with {@code seed} (see
   * the class comment), sampled at {@code times}.
   */
  public Trajectories generate(SystemSpec system, int count, double[] times, long seed) {
    return integrate(system, sampleInitialStates(system, count, initialStateRandom(seed)), times);
  }

  /**
   * {@code count} clean trajectories from evaluation initial states drawn with {@code seed},
   * sampled at {@code times}.
   */
  public Trajectories generateEvaluation(SystemSpec system, int count, double[] times, long seed) {
    return integrate(system, sampleEvaluationStates(system, count, initialStateRandom(seed)), times);
  }

  /**
   * The training data of {@code protocol}: {@code protocol.trajectories()} initial states drawn
   * from the first stream of {@code seed}, integrated at {@code protocol.trainingTimes()} (that is
   * {@code linspace(startTime, endTime, points)}), then Gaussian noise of standard deviation
   * {@code protocol.noise()} from the second stream added to every state and derivative
   * component ({@link Trajectories#withNoise}). With noise 0 the clean data is returned.
   */
  public Trajectories trainingData(SystemSpec system, Protocol protocol, long seed) {
    Trajectories clean = generate(system, protocol.trajectories(), protocol.trainingTimes(), seed);
    return protocol.noise() == 0 ? clean : clean.withNoise(protocol.noise(), noiseRandom(seed));
  }

  /** {@link #trainingData(SystemSpec, Protocol, long)} with the system's own protocol. */
  public Trajectories trainingData(SystemSpec system, long seed) {
    return trainingData(system, system.protocol(), seed);
  }

  @Override
  public String toString() {
    return "TrajectoryGenerator[" + integrator + "]";
  }
}
