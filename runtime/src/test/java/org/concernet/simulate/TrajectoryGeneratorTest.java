/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.protocol.Protocol;
import org.concernet.system.SystemSpec;
import org.concernet.testsystems.HeatEquation;
import org.concernet.testsystems.Kepler;
import org.concernet.testsystems.SpringMass;
import org.junit.jupiter.api.Test;

class TrajectoryGeneratorTest {
  private static double maxInvariantDrift(SystemSpec system, Trajectories data) {
    double worst = 0;
    for (int i = 0; i < data.count(); i++) {
      double[] first = system.invariants(data.state(i, 0));
      for (int t = 1; t < data.length(); t++) {
        double[] now = system.invariants(data.state(i, t));
        for (int c = 0; c < first.length; c++) {
          worst = Math.max(worst, Math.abs(now[c] - first[c]));
        }
      }
    }
    return worst;
  }

  @Test
  void referenceMatchesClosedFormSpringSolution() {
    SpringMass spring = new SpringMass();
    double[] times = Protocol.linspace(0, 10, 101);
    Trajectories data = TrajectoryGenerator.reference().generate(spring, 5, times, 3);
    for (int i = 0; i < data.count(); i++) {
      double[] x0 = data.state(i, 0);
      for (int t = 0; t < data.length(); t++) {
        assertThat(data.time(i, t)).isEqualTo(times[t]);
        double[] exact = SpringMass.exact(x0, times[t]);
        assertThat(data.state(i, t)).usingTolerance(1e-8).containsExactly(exact).inOrder();
        assertThat(data.derivative(i, t)).usingExactEquality()
            .containsExactly(spring.derivative(data.state(i, t))).inOrder();
      }
    }
  }

  @Test
  void invariantsAreConstantAlongReferenceTrajectories() {
    Kepler kepler = new Kepler();
    Trajectories keplerData = TrajectoryGenerator.reference().generate(kepler, 20, Protocol.linspace(0, 10, 100), 5);
    assertThat(maxInvariantDrift(kepler, keplerData)).isLessThan(1e-8);
    SpringMass spring = new SpringMass();
    Trajectories springData = TrajectoryGenerator.reference().generate(spring, 25, Protocol.linspace(0, 3, 30), 5);
    assertThat(maxInvariantDrift(spring, springData)).isLessThan(1e-8);
  }

  @Test
  void graphRk4MatchesReference() {
    for (SystemSpec system : new SystemSpec[] {new SpringMass(), new Kepler()}) {
      double[][] initial = TrajectoryGenerator.sampleInitialStates(system, 8, new SplittableRandom(17));
      double[] times = Protocol.linspace(0, 1, 11);
      Trajectories reference = new ReferenceIntegrator().integrate(system, initial, times);
      GraphRk4Integrator.Outcome graph = new GraphRk4Integrator().integrateCounting(system, initial, times);
      Trajectories rk4 = graph.trajectories();
      assertThat(graph.substeps()).isGreaterThan(1);
      assertThat(rk4.timesFlat()).isEqualTo(reference.timesFlat());
      assertThat(rk4.statesFlat()).usingTolerance(1e-6).containsExactly(reference.statesFlat()).inOrder();
      assertThat(rk4.derivativesFlat()).usingTolerance(1e-6).containsExactly(reference.derivativesFlat()).inOrder();
    }
  }

  @Test
  void graphRk4WithExplicitSubstepsUsesThem() {
    SpringMass spring = new SpringMass();
    double[][] initial = {{1, 0}};
    double[] times = {0, 0.5, 1.0};
    GraphRk4Integrator.Outcome outcome = GraphRk4Integrator.withSubsteps(21).integrateCounting(spring, initial, times);
    assertThat(outcome.substeps()).isEqualTo(21);
    // RK4 on a rotation is exact to O(h^5) per step: 21 steps of 1/42 are well within 1e-7.
    assertThat(outcome.trajectories().state(0, 2)).usingTolerance(1e-7)
        .containsExactly(SpringMass.exact(initial[0], 1.0)).inOrder();
  }

  @Test
  void graphFailsClearlyWithoutGraphForm() {
    HeatEquation heat = new HeatEquation();
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> TrajectoryGenerator.graph(heat));
    assertThat(e).hasMessageThat().contains("HeatEquation has no graph form");
    assertThat(e).hasMessageThat().contains("written in Java only");
    e = assertThrows(UnsupportedOperationException.class,
        () -> new GraphRk4Integrator().integrate(heat, new double[][] {new double[HeatEquation.NODES]}, new double[] {0, 1}));
    assertThat(e).hasMessageThat().contains("ReferenceIntegrator");
  }

  @Test
  void sameSeedSameDataAndIndependentStreams() {
    Kepler kepler = new Kepler();
    Protocol small = kepler.protocol().toBuilder().trajectories(4).points(10).endTime(1).build();
    TrajectoryGenerator generator = TrajectoryGenerator.reference();
    Trajectories a = generator.trainingData(kepler, small, 42);
    Trajectories b = generator.trainingData(kepler, small, 42);
    assertThat(a).isEqualTo(b);
    assertThat(generator.trainingData(kepler, small, 43)).isNotEqualTo(a);
    // Noise level does not change the initial states (independent streams).
    Trajectories clean = generator.trainingData(kepler, small.toBuilder().noise(0).build(), 42);
    Trajectories expectedClean = generator.generate(kepler, 4, small.trainingTimes(), 42);
    assertThat(clean).isEqualTo(expectedClean);
    assertThat(a).isEqualTo(expectedClean.withNoise(small.noise(), TrajectoryGenerator.noiseRandom(42)));
    assertThat(a).isNotEqualTo(clean);
  }

  @Test
  void noiseHasGivenMeanAndStd() {
    SpringMass spring = new SpringMass();
    Protocol protocol = spring.protocol().toBuilder().trajectories(100).points(100).noise(0.05).build();
    TrajectoryGenerator generator = TrajectoryGenerator.reference();
    Trajectories noisy = generator.trainingData(spring, protocol, 9);
    Trajectories clean = generator.trainingData(spring, protocol.toBuilder().noise(0).build(), 9);
    for (boolean derivatives : new boolean[] {false, true}) {
      double[] a = derivatives ? noisy.derivativesFlat() : noisy.statesFlat();
      double[] b = derivatives ? clean.derivativesFlat() : clean.statesFlat();
      double sum = 0;
      double squares = 0;
      for (int j = 0; j < a.length; j++) {
        double e = a[j] - b[j];
        sum += e;
        squares += e * e;
      }
      double mean = sum / a.length;
      double std = Math.sqrt(squares / a.length - mean * mean);
      // 20000 samples: the mean's standard error is 0.05/141 = 3.5e-4; std's about 2.5e-4.
      assertThat(Math.abs(mean)).isLessThan(2e-3);
      assertThat(std).isWithin(2e-3).of(0.05);
    }
  }

  @Test
  void samplesEvaluationStatesAndChecksSamplers() {
    Kepler kepler = new Kepler();
    double[][] states = TrajectoryGenerator.sampleEvaluationStates(kepler, 3, new SplittableRandom(1));
    assertThat(states.length).isEqualTo(3);
    double[][] prefix = TrajectoryGenerator.sampleInitialStates(kepler, 2, TrajectoryGenerator.initialStateRandom(8));
    double[][] all = TrajectoryGenerator.sampleInitialStates(kepler, 5, TrajectoryGenerator.initialStateRandom(8));
    assertThat(all[1]).isEqualTo(prefix[1]);
    for (double[] s : all) {
      double r = Math.hypot(s[0], s[1]);
      assertThat(r).isAtLeast(0.1);
      assertThat(r).isLessThan(1.0);
      assertThat(s[0] * s[2] + s[1] * s[3]).isWithin(1e-12).of(0.0);
    }
  }

  @Test
  void referenceOnHeatEquationConservesTotal() {
    HeatEquation heat = new HeatEquation();
    Trajectories data = TrajectoryGenerator.reference().generate(heat, 3, Protocol.linspace(0, 10, 100), 2);
    assertThat(maxInvariantDrift(heat, data)).isLessThan(1e-8);
  }
  @Test
  void graphRk4BatchesAndNonUniformTimes() {
    SpringMass spring = new SpringMass();
    double[][] initial = TrajectoryGenerator.sampleInitialStates(spring, 7, new SplittableRandom(2));
    double[] times = {0.0, 0.1, 0.35, 1.0};
    Trajectories whole = new GraphRk4Integrator(200, 1e-8, 100).integrate(spring, initial, times);
    Trajectories batched = new GraphRk4Integrator(200, 1e-8, 3).integrate(spring, initial, times);
    assertThat(batched).isEqualTo(whole);
    for (int i = 0; i < initial.length; i++) {
      for (int t = 0; t < times.length; t++) {
        assertThat(whole.state(i, t)).usingTolerance(1e-8)
            .containsExactly(SpringMass.exact(initial[i], times[t])).inOrder();
      }
    }
  }

  @Test
  void reportsProgressAndRejectsBadArguments() {
    SpringMass spring = new SpringMass();
    java.util.List<Integer> seen = new java.util.ArrayList<>();
    TrajectoryGenerator.reference().withProgress((done, total) -> seen.add(done))
        .generate(spring, 4, new double[] {0, 1}, 1);
    assertThat(seen).containsExactly(1, 2, 3, 4).inOrder();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReferenceIntegrator().integrate(spring, new double[][] {{1, 0}}, new double[] {0, 1, 1}));
    assertThat(e).hasMessageThat().contains("time 2 is 1.0 after 1.0");
    e = assertThrows(IllegalArgumentException.class,
        () -> new ReferenceIntegrator().integrate(spring, new double[][] {{1, 0, 3}}, new double[] {0, 1}));
    assertThat(e).hasMessageThat().contains("initial state 0 has 3 components, expected 2");
  }
}
