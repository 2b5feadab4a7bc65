/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.List;
import org.concernet.nn.MlpWeights;
import org.concernet.protocol.Dissipation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.family.TNumber;

/**
 * The learned dissipation of the third dynamics model ({@link Dissipation}): ConCerNet's projected
 * field f̃ = P_H f (∇H·f̃ = 0) plus a term along ∇H that sets dH/dt exactly to a learned g(x) ≤ 0.
 * A scalar network d: n → {@value #HIDDEN_WIDTH} → 1 gives r(x) = −softplus(d(x) − {@value #OFFSET})
 * ≤ 0, and
 *
 * <ul>
 *   <li>{@link Dissipation#RATE}: field P_H f + r·∇H/|∇H|², so dH/dt = g = r;
 *   <li>{@link Dissipation#GRADIENT}: field P_H f + r·∇H, so dH/dt = g = r·|∇H|².
 * </ul>
 *
 * <p>Where |∇H|² is at most {@link Projection#TINY} the term is dropped (as the projection drops the
 * direction), so dH/dt = 0 there. The offset makes a fresh network start near the conservative model
 * (|r| ≈ softplus(−{@value #OFFSET}) ≈ 0.05 in the standardised units training uses). Graph and Java
 * forms compute the same thing; one invariant output only.
 */
public final class DissipativeTerm {
  /** The scalar network's hidden width (one tanh layer). */
  public static final int HIDDEN_WIDTH = 32;
  /** r = −softplus(d − OFFSET): a fresh network's rate starts small. */
  public static final double OFFSET = 3.0;

  private DissipativeTerm() {}

  /** The hidden widths of the scalar network d. */
  public static List<Integer> hidden() {
    return List.of(HIDDEN_WIDTH);
  }

  /** softplus(z) = log(1 + eᶻ), computed without overflow. */
  static double softplus(double z) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** r(x) = −softplus(d(x) − OFFSET) ≤ 0, in double precision. */
  public static double coefficient(MlpWeights d, double[] x) {
    return -softplus(d.apply(x)[0] - OFFSET);
  }

  /** Whether the gradient g (|g|² = {@code gg}) is large enough to carry the term. */
  private static boolean carries(double gg) {
    return gg > Projection.TINY;
  }

  /**
   * The model's exact dH/dt at a point: g = r for {@code RATE}, r·|∇H|² for {@code GRADIENT}, 0 where
   * |∇H|² ≤ TINY.
   *
   * @param r the coefficient r(x) ≤ 0
   * @param gradient ∇H at the point, [n]
   */
  public static double rate(Dissipation form, double r, double[] gradient) {
    double gg = dot(gradient, gradient);
    if (!carries(gg)) {
      return 0.0;
    }
    return switch (form) {
      case RATE -> r;
      case GRADIENT -> r * gg;
      case NONE -> 0.0;
    };
  }

  /** {@code projected} + the term along ∇H, in double precision: [n]. */
  public static double[] add(Dissipation form, double[] projected, double r, double[] gradient) {
    double gg = dot(gradient, gradient);
    double[] out = projected.clone();
    if (form == Dissipation.NONE || !carries(gg)) {
      return out;
    }
    double scale = form == Dissipation.RATE ? r / gg : r;
    for (int k = 0; k < out.length; k++) {
      out[k] += scale * gradient[k];
    }
    return out;
  }

  /** r = −softplus(d − OFFSET) for the network's output d [batch, 1], in the graph: [batch, 1]. */
  public static <T extends TNumber> Operand<T> coefficient(Ops tf, Operand<T> d) {
    Operand<T> z = tf.math.sub(d, tf.constant(d.type(), OFFSET));
    Operand<T> softplus = tf.math.add(tf.math.maximum(z, tf.constant(d.type(), 0.0)),
        tf.math.log1p(tf.math.exp(tf.math.neg(tf.math.abs(z)))));
    return tf.math.neg(softplus);
  }

  /**
   * The term along ∇H in the graph: [batch, n] for the coefficient r [batch, 1] and ∇H [batch, n];
   * zero rows where |∇H|² ≤ TINY.
   */
  public static <T extends TNumber> Operand<T> term(Ops tf, Dissipation form, Operand<T> r, Operand<T> gradient) {
    Class<T> type = gradient.type();
    Operand<T> gg = tf.reduceSum(tf.math.square(gradient), tf.constant(1), ReduceSum.keepDims(true));
    Operand<T> tiny = tf.constant(type, Projection.TINY);
    Operand<T> zero = tf.zerosLike(gg);
    Operand<T> scale = switch (form) {
      case RATE -> tf.math.div(r, tf.math.maximum(gg, tiny));
      case GRADIENT -> r;
      case NONE -> tf.math.mul(zero, r);
    };
    Operand<T> kept = tf.select(tf.math.greater(gg, tiny), scale, tf.math.mul(zero, scale));
    return tf.math.mul(kept, gradient);
  }

  /**
   * The direction the term multiplies per training point, precomputed in double precision for the
   * derivative loss: ∇H/|∇H|² ({@code RATE}) or ∇H ({@code GRADIENT}), 0 where |∇H|² ≤ TINY; flat
   * [P, n].
   */
  static double[] directionsAt(Dissipation form, double[] states, int n, MlpWeights invariant) {
    int points = states.length / n;
    double[] out = new double[points * n];
    double[] x = new double[n];
    double[] g = new double[n];
    for (int p = 0; p < points; p++) {
      System.arraycopy(states, p * n, x, 0, n);
      double[][] jacobian = invariant.inputGradient(x);
      for (int k = 0; k < n; k++) {
        g[k] = jacobian[k][0];
      }
      double[] term = add(form, new double[n], 1.0, g);
      System.arraycopy(term, 0, out, p * n, n);
    }
    return out;
  }

  /** Refuses a form that needs a single-output invariant when H has several outputs. */
  static void requireOneOutput(MlpWeights invariant) {
    if (invariant.outputSize() != 1) {
      throw new IllegalArgumentException("the dissipative model needs one learned invariant (latent = 1), found "
          + invariant.outputSize() + " outputs");
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
