/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.concernet.nn.Tensors;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** The generated systems: the graph forms equal the Java forms, and the metadata is right. */
class GeneratedSystemsTest {
  static Stream<SystemSpec> systems() {
    return Stream.of(new SpringMassSystem(), new ChemicalKineticsSystem(), new KeplerSystem(), new HeatEquationSystem());
  }

  @ParameterizedTest
  @MethodSource("systems")
  void graphFormsEqualJavaFormsOnAThousandStates(SystemSpec system) {
    assertThat(system.graphFormUnavailableReason()).isEmpty();
    int count = 1000;
    int n = system.dimension();
    int m = system.invariantNames().size();
    SplittableRandom rng = new SplittableRandom(42);
    double[][] states = new double[count][];
    double[] flat = new double[count * n];
    for (int i = 0; i < count; i++) {
      // training and evaluation samplers both, so the whole range is covered
      states[i] = i % 2 == 0 ? system.sampleInitialState(rng) : system.sampleEvaluationState(rng);
      System.arraycopy(states[i], 0, flat, i * n, n);
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var x = tf.constant(Shape.of(count, n), org.tensorflow.ndarray.buffer.DataBuffers.of(flat, true, false));
      try (Result r = s.runner().fetch(system.derivative(tf, x)).fetch(system.invariants(tf, x)).run()) {
        double[] derivatives = Tensors.toDoubles(r.get(0));
        double[] invariants = Tensors.toDoubles(r.get(1));
        assertThat(r.get(0).shape()).isEqualTo(Shape.of(count, n));
        assertThat(r.get(1).shape()).isEqualTo(Shape.of(count, m));
        for (int i = 0; i < count; i++) {
          double[] f = system.derivative(states[i]);
          double[] c = system.invariants(states[i]);
          for (int k = 0; k < n; k++) {
            assertThat(derivatives[i * n + k]).isWithin(1e-12 * Math.max(1, Math.abs(f[k]))).of(f[k]);
          }
          for (int k = 0; k < m; k++) {
            assertThat(invariants[i * m + k]).isWithin(1e-12 * Math.max(1, Math.abs(c[k]))).of(c[k]);
          }
        }
      }
    }
  }

  @Test
  void metadataComesFromTheDeclaration() {
    KeplerSystem kepler = new KeplerSystem();
    assertThat(kepler.name()).isEqualTo("Kepler");
    assertThat(kepler.stateNames()).containsExactly("x", "y", "vx", "vy").inOrder();
    assertThat(kepler.invariantNames()).containsExactly("energy", "angularMomentum").inOrder();
    assertThat(kepler.protocol().trajectories()).isEqualTo(50);
    assertThat(kepler.protocol().evaluationHorizon()).isEqualTo(5.0);
    HeatEquationSystem heat = new HeatEquationSystem();
    assertThat(heat.dimension()).isEqualTo(101);
    assertThat(heat.stateNames().get(100)).isEqualTo("u[100]");
    assertThat(heat.protocol().autoencoder().get().latent()).isEqualTo(9);
  }

  @Test
  void springMassFieldAndEnergy() {
    SpringMassSystem spring = new SpringMassSystem();
    assertThat(spring.derivative(new double[] {0.5, -1.5})).usingExactEquality().containsExactly(-3.0, -1.0).inOrder();
    assertThat(spring.invariants(new double[] {0.6, 0.8})[0]).isWithin(1e-15).of(1.0);
  }

  @Test
  void parametersDefaultFromTheInitializersAndCanBeOverridden() {
    ChemicalKineticsSystem chemistry = new ChemicalKineticsSystem();
    assertThat(chemistry.parameters().get("k1")).isEqualTo(10 * Math.exp(-5740 / (8.31 * 250)));
    assertThat(chemistry.parameters().get("k2")).isWithin(1e-3).of(0.2741);
    SystemSpec changed = chemistry.withParameters(Map.of("k1", 1.0));
    assertThat(changed.derivative(new double[] {2, 0})[0]).isEqualTo(-2.0);
    assertThat(changed.parameters().get("k2")).isEqualTo(chemistry.parameters().get("k2"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> chemistry.withParameters(Map.of("k3", 1.0)));
    assertThat(e).hasMessageThat().contains("unknown parameter 'k3'");
  }

  @Test
  void wrongStateWidthIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new KeplerSystem().derivative(new double[3]));
    assertThat(e).hasMessageThat().isEqualTo("a Kepler state has 4 values, found 3");
  }

  @Test
  void chemicalEvaluationStatesLeaveTheTrainingRange() {
    ChemicalKineticsSystem chemistry = new ChemicalKineticsSystem();
    SplittableRandom rng = new SplittableRandom(1);
    double largest = 0;
    for (int i = 0; i < 200; i++) {
      double[] x = chemistry.sampleEvaluationState(rng);
      largest = Math.max(largest, Math.hypot(x[0], x[1]));
      assertThat(x[0]).isAtLeast(0.0);
    }
    assertThat(largest).isGreaterThan(150.0);
    assertThat(List.of(chemistry.sampleInitialState(rng)[0])).isNotEmpty();
  }
}
