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
import org.concernet.nn.Activation;
import org.concernet.nn.Tensors;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** The generated systems: graph forms agree with the Java forms, metadata and protocol are the paper's. */
class GeneratedSystemsTest {
  private static final int STATES = 1000;

  static Stream<SystemSpec> systems() {
    return Stream.of(new SpringMassSystem(), new ChemicalKineticsSystem(), new KeplerSystem(), new HeatEquationSystem());
  }

  @ParameterizedTest
  @MethodSource("systems")
  void graphFormsEqualJavaForms(SystemSpec system) {
    assertThat(system.graphFormUnavailableReason()).isEmpty();
    SplittableRandom rng = new SplittableRandom(42);
    double[][] states = new double[STATES][];
    for (int i = 0; i < STATES; i++) {
      states[i] = system.sampleInitialState(rng);
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat64> x = Tensors.constant(tf, states, TFloat64.class);
      Operand<TFloat64> derivative = system.derivative(tf, x);
      Operand<TFloat64> invariants = system.invariants(tf, x);
      try (Result result = session.runner().fetch(derivative).fetch(invariants).run()) {
        double[][] graphDerivative = Tensors.toMatrix(result.get(0));
        double[][] graphInvariants = Tensors.toMatrix(result.get(1));
        for (int i = 0; i < STATES; i++) {
          assertClose(graphDerivative[i], system.derivative(states[i]));
          assertClose(graphInvariants[i], system.invariants(states[i]));
        }
      }
    }
  }

  private static void assertClose(double[] actual, double[] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int j = 0; j < expected.length; j++) {
      assertThat(actual[j]).isWithin(1e-12 * Math.max(1.0, Math.abs(expected[j]))).of(expected[j]);
    }
  }

  @ParameterizedTest
  @MethodSource("systems")
  void javaFormsCheckTheirInput(SystemSpec system) {
    assertThrows(IllegalArgumentException.class, () -> system.derivative(new double[system.dimension() + 1]));
    assertThrows(IllegalArgumentException.class, () -> system.invariants(new double[0]));
    assertThat(system.stateNames()).hasSize(system.dimension());
    assertThat(system.sampleInitialState(new SplittableRandom(1))).hasLength(system.dimension());
  }

  @Test
  void springMassEnergyAndField() {
    SystemSpec system = new SpringMassSystem();
    assertThat(system.name()).isEqualTo("SpringMass");
    assertThat(system.stateNames()).containsExactly("q", "p").inOrder();
    assertThat(system.invariantNames()).containsExactly("energy");
    assertThat(system.derivative(new double[] {0.5, -1.0})).usingExactEquality().containsExactly(-2.0, -1.0).inOrder();
    assertThat(system.invariants(new double[] {0.6, 0.8})[0]).isWithin(1e-15).of(1.0);
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 100; i++) {
      double radius = Math.sqrt(system.invariants(system.sampleInitialState(rng))[0]);
      assertThat(radius).isAtLeast(0.3);
      assertThat(radius).isLessThan(1.2);
    }
    // the field is tangent to the energy's level sets
    double[] x = {0.3, 0.4};
    double[] f = system.derivative(x);
    assertThat(2 * x[0] * f[0] + 2 * x[1] * f[1]).isWithin(1e-15).of(0.0);
  }

  @Test
  void parametersOverride() {
    ChemicalKineticsSystem system = new ChemicalKineticsSystem();
    assertThat(system.parameters().keySet()).containsExactly("k1", "k2").inOrder();
    assertThat(system.parameters().get("k1")).isEqualTo(10 * Math.exp(-5740 / (8.31 * 250)));
    assertThat(system.parameters().get("k2")).isEqualTo(10 * Math.exp(-7470 / (8.31 * 250)));
    SystemSpec changed = system.withParameters(Map.of("k1", 1.0));
    assertThat(changed.parameters().get("k1")).isEqualTo(1.0);
    assertThat(changed.parameters().get("k2")).isEqualTo(system.parameters().get("k2"));
    double[] f = changed.derivative(new double[] {2.0, 0.0});
    assertThat(f[0]).isEqualTo(-2.0);
    assertThat(f[1]).isEqualTo(2.0);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat64> d = changed.derivative(tf, Tensors.constant(tf, new double[][] {{2.0, 0.0}}, TFloat64.class));
      try (Result result = session.runner().fetch(d).run()) {
        assertThat(Tensors.toMatrix(result.get(0))[0]).usingExactEquality().containsExactly(-2.0, 2.0).inOrder();
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> system.withParameters(Map.of("k3", 1.0)));
    assertThat(e).hasMessageThat().contains("k3");
    assertThrows(IllegalArgumentException.class, () -> new ChemicalKineticsSystem(Map.of("temperature", 1.0)));
    assertThrows(UnsupportedOperationException.class, () -> system.parameters().put("k1", 2.0));
  }

  @Test
  void evaluationSamplerOnlyWhereDeclared() {
    ChemicalKineticsSystem chemical = new ChemicalKineticsSystem();
    SplittableRandom rng = new SplittableRandom(3);
    double maxMass = 0;
    for (int i = 0; i < 200; i++) {
      double[] x = chemical.sampleEvaluationState(rng);
      assertThat(x[0]).isAtLeast(0.0);
      assertThat(x[1]).isAtLeast(0.0);
      maxMass = Math.max(maxMass, Math.hypot(x[0], x[1]));
    }
    assertThat(maxMass).isGreaterThan(100.1); // outside the training range
    double[] kepler = new KeplerSystem().sampleInitialState(new SplittableRandom(5));
    assertThat(kepler[0] * kepler[2] + kepler[1] * kepler[3]).isWithin(1e-12).of(0.0); // velocity ⟂ position
  }

  /**
   * AlignedKepler and EccentricKepler start every orbit at its periapsis on the +x axis (so the
   * Runge–Lenz vector points along +x), with k = r·v² (eccentricity k − 1) drawn from their ranges,
   * and take Kepler's invariants.
   */
  @Test
  void alignedKeplerVariantsStartAtPeriapsisOnTheXAxis() {
    Map<SystemSpec, double[]> ranges = Map.of(new AlignedKeplerSystem(), new double[] {1.0, 1.3},
        new EccentricKeplerSystem(), new double[] {1.0, 1.6});
    for (var entry : ranges.entrySet()) {
      SplittableRandom rng = new SplittableRandom(3);
      double lowest = Double.POSITIVE_INFINITY;
      double highest = 0;
      for (int i = 0; i < 500; i++) {
        double[] x = entry.getKey().sampleInitialState(rng);
        assertThat(x[1]).isEqualTo(0.0);
        assertThat(x[2]).isEqualTo(0.0);
        assertThat(x[0]).isAtLeast(0.1);
        assertThat(x[0]).isLessThan(1.0);
        assertThat(x[3]).isLessThan(0.0);
        double k = x[0] * x[3] * x[3];
        lowest = Math.min(lowest, k);
        highest = Math.max(highest, k);
      }
      double[] range = entry.getValue();
      assertThat(lowest).isAtLeast(range[0] - 1e-12);
      assertThat(highest).isLessThan(range[1] + 1e-12);
      assertThat(highest).isGreaterThan(range[1] - 0.05); // the whole range is drawn
      assertThat(entry.getKey().invariantNames()).containsExactly("energy", "angularMomentum").inOrder();
      assertThat(entry.getKey().protocol().latent()).isEqualTo(2);
    }
  }

  @Test
  void protocolsArePaperPresets() {
    assertThat(new SpringMassSystem().protocol().evaluationHorizon()).isEqualTo(50.0);
    assertThat(new ChemicalKineticsSystem().protocol().activation()).isEqualTo(Activation.RELU);
    assertThat(new KeplerSystem().protocol().points()).isEqualTo(100);
    var heat = new HeatEquationSystem().protocol();
    assertThat(heat.dynamicsBatch()).isEqualTo(20);
    assertThat(heat.autoencoder().orElseThrow().latent()).isEqualTo(9);
    assertThat(heat.autoencoder().orElseThrow().hidden()).isEqualTo(List.of(32, 16));
    assertThat(new HeatEquationSystem().stateNames().get(100)).isEqualTo("u[100]");
    assertThat(new KeplerSystem().invariantNames()).containsExactly("energy", "angularMomentum").inOrder();
  }
}
