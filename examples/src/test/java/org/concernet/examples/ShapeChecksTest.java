/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.concernet.nn.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** Generated code checks lengths and shapes and says what it found. */
class ShapeChecksTest {
  @Test
  void arrayDerivativeOfTheWrongLength() {
    ShortDerivativeSystem system = new ShortDerivativeSystem();
    IllegalArgumentException java = assertThrows(IllegalArgumentException.class,
        () -> system.derivative(new double[3]));
    assertThat(java).hasMessageThat().contains("du() (the derivative of u) must have 3 values, found 2");
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      IllegalArgumentException graphForm = assertThrows(IllegalArgumentException.class,
          () -> system.derivative(tf, Tensors.constant(tf, new double[][] {{1, 2, 3}}, TFloat64.class)));
      assertThat(graphForm).hasMessageThat().contains("must have 3 values, found 2");
    }
  }

  @Test
  void graphFormsCheckTheBatchShape() {
    KeplerSystem system = new KeplerSystem();
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> system.invariants(tf, Tensors.constant(tf, new double[][] {{1, 2, 3}}, TFloat64.class)));
      assertThat(e).hasMessageThat().contains("[batch, 4]");
    }
  }
}
