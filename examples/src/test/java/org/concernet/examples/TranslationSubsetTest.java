/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.concernet.nn.Tensors;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** The translated graph form of every construct in the subset computes what the Java does. */
class TranslationSubsetTest {
  @Test
  void graphEqualsJavaOnRandomStates() {
    for (SystemSpec system : new SystemSpec[] {new TranslationSubsetSystem(),
        new TranslationSubsetSystem(Map.of("k", -0.25))}) {
      assertThat(system.graphFormUnavailableReason()).isEmpty();
      assertThat(system.invariantNames()).containsExactly("sum", "quadratic").inOrder();
      assertThat(system.stateNames()).containsExactly("a", "b", "v[0]", "v[1]", "v[2]", "v[3]").inOrder();
      SplittableRandom rng = new SplittableRandom(11);
      double[][] states = new double[1000][];
      for (int i = 0; i < states.length; i++) {
        states[i] = system.sampleInitialState(rng);
        for (double value : states[i]) {
          assertThat(value).isAtLeast(-0.9);
          assertThat(value).isLessThan(0.9);
        }
      }
      try (Graph graph = new Graph(); Session session = new Session(graph)) {
        Ops tf = Ops.create(graph);
        Operand<TFloat64> x = Tensors.constant(tf, states, TFloat64.class);
        try (Result result = session.runner().fetch(system.derivative(tf, x)).fetch(system.invariants(tf, x)).run()) {
          double[][] derivative = Tensors.toMatrix(result.get(0));
          double[][] invariants = Tensors.toMatrix(result.get(1));
          for (int i = 0; i < states.length; i++) {
            assertClose(derivative[i], system.derivative(states[i]));
            assertClose(invariants[i], system.invariants(states[i]));
          }
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
}
