/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The RK4 step, written once: {@code k1 = f(x), k2 = f(x + h/2·k1), k3 = f(x + h/2·k2), k4 = f(x +
 * h·k3), x + h/6·((k1 + k4) + 2·(k2 + k3))}, in that operation order. {@link Rk4}'s rollouts (through
 * the package-private {@code Rk4Graph}) and training through a rollout (multiple shooting, {@code
 * dynamics.ShootingLoss}) both build it from here.
 *
 * <p>The step sizes are operands that broadcast against the states: scalars for one step size for
 * the whole batch, or [batch, 1] columns for one step size per row. Everything here is built from
 * ops with registered gradients, so a loss on the result can be differentiated with respect to the
 * field's weights (the graph is unrolled: TensorFlow Java has no gradient of a while loop).
 */
public final class Rk4Step {
  private Rk4Step() {}

  /** One RK4 step from x; {@code two} is the constant 2 of the graph's dtype. */
  public static <T extends TNumber> Operand<T> step(Ops tf, UnaryOperator<Operand<T>> f, Operand<T> x,
      Operand<T> half, Operand<T> full, Operand<T> sixth, Operand<T> two) {
    Operand<T> k1 = f.apply(x);
    Operand<T> k2 = f.apply(tf.math.add(x, tf.math.mul(half, k1)));
    Operand<T> k3 = f.apply(tf.math.add(x, tf.math.mul(half, k2)));
    Operand<T> k4 = f.apply(tf.math.add(x, tf.math.mul(full, k3)));
    Operand<T> sum = tf.math.add(tf.math.add(k1, k4), tf.math.mul(two, tf.math.add(k2, k3)));
    return tf.math.add(x, tf.math.mul(sixth, sum));
  }

  /**
   * The states after each of {@code intervals} output intervals of {@code substeps} RK4 steps from
   * the rows of {@code start} [rows, n], unrolled: [rows, intervals, n]. Each row has its own step
   * size per interval: {@code halves}, {@code fulls} and {@code sixths} [rows, intervals] hold h/2, h
   * and h/6 of one substep (h = the interval's length / substeps).
   */
  public static <T extends TNumber> Operand<T> unrolled(Ops tf, UnaryOperator<Operand<T>> f, Operand<T> start,
      Operand<T> halves, Operand<T> fulls, Operand<T> sixths, int intervals, int substeps) {
    if (intervals < 1 || substeps < 1) {
      throw new IllegalArgumentException("an unrolled rollout needs at least one interval and one substep, found "
          + intervals + " intervals of " + substeps + " substeps");
    }
    Operand<T> two = tf.constant(start.type(), 2.0);
    Operand<TInt32> axis = tf.constant(1);
    List<Operand<T>> samples = new ArrayList<>();
    Operand<T> x = start;
    for (int c = 0; c < intervals; c++) {
      Operand<TInt32> at = tf.constant(new int[] {c});
      Operand<T> half = tf.gather(halves, at, axis);
      Operand<T> full = tf.gather(fulls, at, axis);
      Operand<T> sixth = tf.gather(sixths, at, axis);
      for (int s = 0; s < substeps; s++) {
        x = step(tf, f, x, half, full, sixth, two);
      }
      samples.add(x);
    }
    return tf.stack(samples, Stack.axis(1L));
  }
}
