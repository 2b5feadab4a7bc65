/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class AdamTest {
  @Test
  void updatesOnlyTheGivenVariablesAndConverges() {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat64> w = tf.withName("w").variable(tf.constant(new double[] {0.0, 0.0}));
      Variable<TFloat64> other = tf.withName("other").variable(tf.constant(new double[] {5.0}));
      Operand<TFloat64> target = tf.constant(new double[] {3.0, -1.0});
      Operand<TFloat64> loss = tf.math.add(
          tf.reduceSum(tf.math.square(tf.math.sub(w, target)), tf.constant(0)),
          tf.reduceSum(tf.math.square(other), tf.constant(0)));
      Op step = Adam.build(tf, loss, List.of(w), 0.05, "adam_w").op();
      // the first step of Adam moves each coordinate by lr against the gradient's sign
      s.runner().addTarget(step).setOptions(Sessions.CALLER_THREAD).run();
      try (Result r = s.runner().fetch(w).run()) {
        double[] first = Tensors.toDoubles(r.get(0));
        assertThat(first[0]).isWithin(1e-6).of(0.05);
        assertThat(first[1]).isWithin(1e-6).of(-0.05);
      }
      for (int i = 0; i < 2000; i++) {
        s.runner().addTarget(step).setOptions(Sessions.CALLER_THREAD).run();
      }
      try (Result r = s.runner().fetch(w).fetch(other).run()) {
        double[] values = Tensors.toDoubles(r.get(0));
        assertThat(values[0]).isWithin(1e-3).of(3.0);
        assertThat(values[1]).isWithin(1e-3).of(-1.0);
        assertThat(Tensors.toDoubles(r.get(1))[0]).isEqualTo(5.0);
      }
    }
  }

  @Test
  void theLearningRateScaleMultipliesTheStep() {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat64> w = tf.withName("w").variable(tf.constant(new double[] {0.0, 0.0}));
      Adam.Step<TFloat64> adam = Adam.build(tf, squaredDistance(tf, w), List.of(w), 0.05, "adam_w");
      Op step = adam.op();
      try (TFloat32 quarter = TFloat32.scalarOf(0.25f)) {
        s.runner().addTarget(step).feed(adam.rateScale(), quarter)
            .setOptions(Sessions.CALLER_THREAD).run();
      }
      try (Result r = s.runner().fetch(w).run()) {
        double[] first = Tensors.toDoubles(r.get(0));
        // Adam's first step is lr against the gradient's sign; here a quarter of it
        assertThat(first[0]).isWithin(1e-6).of(0.0125);
        assertThat(first[1]).isWithin(1e-6).of(-0.0125);
      }
    }
  }

  /** |w − (3, −1)|². */
  private static Operand<TFloat64> squaredDistance(Ops tf, Variable<TFloat64> w) {
    return tf.reduceSum(tf.math.square(tf.math.sub(w, tf.constant(new double[] {3.0, -1.0}))), tf.constant(0));
  }

  /** Ten steps on (w − target)² alternating between {@code build}'s update and a {@code sameState} one, or not. */
  private static double[] tenSteps(boolean alternate, boolean shared) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat64> w = tf.withName("w").variable(tf.constant(new double[] {0.0, 0.0}));
      Adam.Step<TFloat64> adam = Adam.build(tf, squaredDistance(tf, w), List.of(w), 0.05, "adam_w");
      // the same loss built again, as a second graph of it would be
      Operand<TFloat64> again = squaredDistance(tf, w);
      Op other = shared ? Adam.sameState(tf, adam, again, List.of(w), 0.05, "adam_w_again")
          : Adam.build(tf, again, List.of(w), 0.05, "adam_w_separate").op();
      for (int i = 0; i < 10; i++) {
        s.runner().addTarget(alternate && i % 2 == 1 ? other : adam.op()).setOptions(Sessions.CALLER_THREAD).run();
      }
      try (Result r = s.runner().fetch(w).run()) {
        return Tensors.toDoubles(r.get(0));
      }
    }
  }

  @Test
  void aSameStateUpdateContinuesTheSameOptimizer() {
    double[] one = tenSteps(false, true);
    // alternating with the shared update is one optimizer: the same ten steps, bit for bit
    assertThat(tenSteps(true, true)).isEqualTo(one);
    // with an optimizer of its own (fresh moments and bias corrections) the steps differ
    assertThat(tenSteps(true, false)).isNotEqualTo(one);
  }
}
