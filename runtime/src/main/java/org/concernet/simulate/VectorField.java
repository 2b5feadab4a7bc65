/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.function.UnaryOperator;
import org.concernet.system.SystemSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * A time-invariant vector field ẋ = f(x) that can be built into a TensorFlow graph, so that
 * {@link Rk4} can roll it out over a batch of states inside one session run.
 */
public interface VectorField {
  /** Length n of the state vector. */
  int dimension();

  /**
   * Builds the field's constants (weights, parameters) into the graph of {@code tf} once and
   * returns the function that adds, per call, only the ops evaluating f on a batch [batch, n].
   * Rollouts call the returned function four times per RK4 step; constants must not be rebuilt.
   */
  <T extends TNumber> UnaryOperator<Operand<T>> inGraph(Ops tf, Class<T> type);

  /**
   * The true field of {@code spec} through its graph form (for rolling out the system itself).
   *
   * @throws UnsupportedOperationException with the reason, if {@code spec} has no graph form
   */
  static VectorField of(SystemSpec spec) {
    if (!spec.hasGraphForm()) {
      throw new UnsupportedOperationException(spec.name() + " has no graph form: "
          + spec.graphFormUnavailableReason().orElse("unknown reason"));
    }
    return new VectorField() {
      @Override
      public int dimension() {
        return spec.dimension();
      }

      @Override
      public <T extends TNumber> UnaryOperator<Operand<T>> inGraph(Ops tf, Class<T> type) {
        return x -> spec.derivative(tf, x);
      }
    };
  }
}
