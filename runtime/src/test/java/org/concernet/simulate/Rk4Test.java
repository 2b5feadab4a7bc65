/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.concernet.data.Rollout;
import org.concernet.eval.Mse;
import org.concernet.protocol.Protocol;
import org.concernet.testsystems.Spring;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

class Rk4Test {
  private static final double[][] INITIAL = Spring.initialStates(10, 7);

  @Test
  void springRolloutMatchesTheExactSolution() {
    double[] times = Protocol.linspace(0, 10, 101);
    Rollout rollout = Rk4.of(Spring.FIELD).rollout(INITIAL, times, 10);
    assertThat(rollout.count()).isEqualTo(10);
    assertThat(rollout.length()).isEqualTo(101);
    assertThat(rollout.isFinite()).isTrue();
    for (int i = 0; i < INITIAL.length; i++) {
      for (int t = 0; t < times.length; t++) {
        double[] exact = Spring.exact(INITIAL[i], times[t]);
        assertThat(rollout.state(i, t, 0)).isWithin(1e-6).of(exact[0]);
        assertThat(rollout.state(i, t, 1)).isWithin(1e-6).of(exact[1]);
      }
    }
  }

  @Test
  void chunkingDoesNotChangeTheResult() {
    double[] times = Protocol.linspace(0, 5, 51);
    Rollout oneStepPerRun = Rk4.builder(Spring.FIELD).stepsPerRun(1).build().rollout(INITIAL, times, 3);
    Rollout chunked = Rk4.builder(Spring.FIELD).stepsPerRun(60).build().rollout(INITIAL, times, 3);
    assertThat(chunked).isEqualTo(oneStepPerRun);
  }

  @Test
  void float32RolloutIsCloseToFloat64() {
    double[] times = Protocol.linspace(0, 5, 51);
    Rollout f64 = Rk4.of(Spring.FIELD).rollout(INITIAL, times, 2);
    Rollout f32 = Rk4.builder(Spring.FIELD).type(TFloat32.class).build().rollout(INITIAL, times, 2);
    assertThat(Mse.of(f64, f32)).isLessThan(1e-10);
  }

  @Test
  void referenceIntegrationMatchesTheClosedForm() {
    double[] times = Protocol.linspace(0, 50, 1001);
    Rollout truth = new ReferenceIntegrator().rollout("spring", 2, Spring::derivative, INITIAL, times);
    assertThat(truth.substeps()).isEqualTo(0);
    for (int i = 0; i < INITIAL.length; i++) {
      double[] exact = Spring.exact(INITIAL[i], 50);
      assertThat(truth.state(i, 1000, 0)).isWithin(1e-8).of(exact[0]);
      assertThat(truth.state(i, 1000, 1)).isWithin(1e-8).of(exact[1]);
    }
  }

  @Test
  void stepRuleDoublesSubstepsUntilTheMseSettles() {
    // output spacing 0.5 (ωh = 1): one RK4 step per interval is far too coarse
    double[] times = Protocol.linspace(0, 20, 41);
    Rollout truth = new ReferenceIntegrator().rollout("spring", 2, Spring::derivative, INITIAL, times);
    // a slightly wrong field so that the MSE to the truth is not zero
    VectorField detuned = scaled(Spring.FIELD, 1.01);
    Rk4.StepChoice choice = Rk4.of(detuned).converged(INITIAL, times, truth);
    assertThat(choice.converged()).isTrue();
    assertThat(choice.substeps()).isGreaterThan(1);
    assertThat(choice.change()).isLessThan(0.01);
    Rk4 rk4 = Rk4.of(detuned);
    double mse = Mse.of(truth, rk4.rollout(INITIAL, times, choice.substeps()));
    double halved = Mse.of(truth, rk4.rollout(INITIAL, times, 2 * choice.substeps()));
    assertThat(Math.abs(mse - halved) / halved).isLessThan(0.01);
    assertThat(choice.rollout()).isEqualTo(rk4.rollout(INITIAL, times, choice.substeps()));
    // without a reference: the trajectory itself settles
    Rk4.StepChoice free = rk4.converged(INITIAL, times, 1e-4, 64);
    assertThat(free.converged()).isTrue();
    assertThat(free.substeps()).isGreaterThan(1);
  }

  @Test
  void stepRuleOnAViewOfEachRollout() {
    double[] times = Protocol.linspace(0, 20, 41);
    Rollout truth = new ReferenceIntegrator().rollout("spring", 2, Spring::derivative, INITIAL, times);
    Rk4 rk4 = Rk4.of(scaled(Spring.FIELD, 1.01));
    Rk4.StepChoice plain = rk4.converged(INITIAL, times, truth);
    Rk4.StepChoice same = rk4.converged(INITIAL, times, truth, r -> r, Rk4.DEFAULT_TOLERANCE, Rk4.DEFAULT_MAX_SUBSTEPS);
    assertThat(same).isEqualTo(plain);
    // a "decoder" that mirrors the states, against the mirrored truth, settles at the same step
    Rk4.StepChoice mirrored = rk4.converged(INITIAL, times, mirror(truth), Rk4Test::mirror, Rk4.DEFAULT_TOLERANCE,
        Rk4.DEFAULT_MAX_SUBSTEPS);
    assertThat(mirrored.substeps()).isEqualTo(plain.substeps());
    assertThat(mirrored.rollout()).isEqualTo(mirror(plain.rollout()));
  }

  private static Rollout mirror(Rollout r) {
    double[][][] states = r.states();
    for (double[][] trajectory : states) {
      for (double[] x : trajectory) {
        x[0] = -x[0];
      }
    }
    return new Rollout(r.times(), states, r.substeps());
  }

  @Test
  void blownUpRolloutIsReportedNotThrown() {
    // x' = x² blows up at t = 1/x0: from x0 = 1 at t = 1, from x0 = 0.1 never within [0, 2]
    VectorField square = new VectorField() {
      @Override
      public int dimension() {
        return 1;
      }

      @Override
      public <T extends TNumber> UnaryOperator<Operand<T>> inGraph(Ops tf, Class<T> type) {
        return tf.math::square;
      }
    };
    double[] times = Protocol.linspace(0, 2, 21);
    Rollout r = Rk4.of(square).rollout(new double[][] {{0.1}, {1.0}}, times, 20);
    assertThat(r.isFinite()).isFalse();
    assertThat(r.nonFiniteTrajectories()).containsExactly(1);
    assertThat(r.firstNonFinite(0)).isEqualTo(-1);
    assertThat(r.firstNonFinite(1)).isAtLeast(10);
    assertThat(r.nonFiniteReport()).contains("trajectory 1 at t = ");
    assertThat(r.state(0, 20, 0)).isWithin(1e-6).of(0.1 / (1 - 0.1 * 2));
  }

  @Test
  void stepRuleSettlesOnABlowUpThatBelongsToTheField() {
    VectorField square = new VectorField() {
      @Override
      public int dimension() {
        return 1;
      }

      @Override
      public <T extends TNumber> UnaryOperator<Operand<T>> inGraph(Ops tf, Class<T> type) {
        return tf.math::square;
      }
    };
    // x' = x² from 2 blows up at t = 0.5, between output times 0.45 and 0.5
    double[] times = Protocol.linspace(0, 1, 21);
    Rk4.StepChoice choice = Rk4.of(square).converged(new double[][] {{0.1}, {2.0}}, times, 1e-3, 64);
    assertThat(choice.rollout().nonFiniteTrajectories()).containsExactly(1);
    assertThat(choice.substeps()).isAtMost(64);
  }

  @Test
  void systemSpecRolloutsAgreeWithTheMetrics() {
    org.concernet.system.SystemSpec spec = new org.concernet.testsystems.SpringSpec();
    double[] times = spec.protocol().evaluationTimes();
    Rollout truth = new ReferenceIntegrator().rollout(spec, INITIAL, times);
    Rk4.StepChoice choice = Rk4.of(VectorField.of(spec)).converged(INITIAL, times, 1e-6, 64);
    assertThat(choice.converged()).isTrue();
    org.concernet.eval.Metrics m = org.concernet.eval.Metrics.of(spec, truth, choice.rollout());
    assertThat(m.mse()).isLessThan(1e-10);
    assertThat(m.violation().keySet()).containsExactly("energy");
    assertThat(m.violation().get("energy")).isLessThan(1e-12);
    assertThat(m.finalMse()).isLessThan(1e-10);
    assertThat(m.meanFinalViolation()).isLessThan(1e-12);
  }

  @Test
  void rejectsUnevenTimes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rk4.of(Spring.FIELD).rollout(INITIAL, new double[] {0, 1, 3}, 1));
    assertThat(e).hasMessageThat().contains("evenly spaced");
  }

  static VectorField scaled(VectorField field, double factor) {
    return new VectorField() {
      @Override
      public int dimension() {
        return field.dimension();
      }

      @Override
      public <T extends TNumber> UnaryOperator<Operand<T>> inGraph(Ops tf, Class<T> type) {
        UnaryOperator<Operand<T>> f = field.inGraph(tf, type);
        Operand<T> c = tf.constant(type, factor);
        return x -> tf.math.mul(c, f.apply(x));
      }
    };
  }
}
