/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.concernet.nn.Tensors;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** A body outside the translatable subset: Java forms work, graph forms say why they are missing. */
class JavaFallbackTest {
  @Test
  void javaFormsWorkAndGraphFormsExplain() {
    SystemSpec system = new PiecewiseSpringSystem();
    assertThat(system.name()).isEqualTo("PiecewiseSpring");
    assertThat(system.hasGraphForm()).isFalse();
    String reason = system.graphFormUnavailableReason().orElseThrow();
    assertThat(reason).startsWith("dp(): the comparison `q > 0`");
    assertThat(reason).endsWith("PiecewiseSpringSystem will generate data in Java instead");
    assertThat(system.derivative(new double[] {0.5, 1.0})).usingExactEquality().containsExactly(1.0, -2.0).inOrder();
    assertThat(system.derivative(new double[] {-0.5, 1.0})).usingExactEquality().containsExactly(1.0, 0.5).inOrder();
    double[] x = system.sampleInitialState(new SplittableRandom(2));
    assertThat(x).hasLength(2);
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
          () -> system.derivative(tf, Tensors.constant(tf, new double[][] {x}, TFloat64.class)));
      assertThat(e).hasMessageThat().isEqualTo(reason);
      assertThrows(UnsupportedOperationException.class,
          () -> system.invariants(tf, Tensors.constant(tf, new double[][] {x}, TFloat64.class)));
    }
  }
}
