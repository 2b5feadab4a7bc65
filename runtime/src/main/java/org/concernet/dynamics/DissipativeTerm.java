/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.List;
import org.concernet.data.Trajectories;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Dissipation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
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

  /**
   * The H-change loss that fits the rate g to what the data say about H over whole windows, not per
   * point: along every training trajectory i, the model's H changes by ∫g dt, so
   * H(x_i(t)) − H(x_i(t₀)) should equal the trapezoid sum C_i(t) of g(x_i(s)) over the observed
   * points up to t. Loss: mean over i and t of (ΔH − C)², divided by the variance of H over the
   * points (so it is free of H's scale). Pointwise derivatives cannot show a slow loss of energy:
   * a learned H's small gradient errors put along-∇H components in the data of either sign, much
   * larger than the damping's, whereas over a window their integral is a difference of H's error
   * values and stays small, while the damping adds up.
   *
   * @param r the coefficient r(x) of every point of {@code data}, in its point-major order: [P, 1]
   */
  static <T extends TNumber> Operand<T> hChangeLoss(Ops tf, Class<T> type, Operand<T> r, Trajectories data,
      MlpWeights invariant, Dissipation form) {
    int count = data.count();
    int length = data.length();
    int n = data.dimension();
    double[] h = new double[count * length];
    double[] scale = new double[count * length];
    double mean = 0;
    for (int i = 0, p = 0; i < count; i++) {
      for (int t = 0; t < length; t++, p++) {
        double[] x = data.state(i, t);
        h[p] = invariant.apply(x)[0];
        double[][] jacobian = invariant.inputGradient(x);
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
          g[k] = jacobian[k][0];
        }
        scale[p] = rate(form, 1.0, g);
        mean += h[p] / h.length;
      }
    }
    double variance = 0;
    for (double v : h) {
      variance += (v - mean) * (v - mean) / h.length;
    }
    if (!(variance > 0)) {
      throw new IllegalArgumentException("the learned H is constant over the training points: its rate of change"
          + " cannot be fitted");
    }
    double[] change = new double[count * length];
    double[] weights = new double[count * length * length];  // [i, t, s]: C_i(t) = Σ_s weights·r_s
    for (int i = 0; i < count; i++) {
      for (int t = 0; t < length; t++) {
        change[i * length + t] = h[i * length + t] - h[i * length];
        for (int s = 0; s < t; s++) {
          double half = (data.time(i, s + 1) - data.time(i, s)) / 2;
          weights[(i * length + t) * length + s] += half * scale[i * length + s];
          weights[(i * length + t) * length + s + 1] += half * scale[i * length + s + 1];
        }
      }
    }
    Operand<T> w;
    Operand<T> dh;
    try (T wt = Tensors.tensor(type, Shape.of(count, length, length), weights);
        T ct = Tensors.tensor(type, Shape.of(count, length), change)) {
      w = tf.constantOf(wt);
      dh = tf.constantOf(ct);
    }
    Operand<T> perPoint = tf.reshape(r, tf.constant(new long[] {count, 1, length}));
    Operand<T> integral = tf.reduceSum(tf.math.mul(w, perPoint), tf.constant(2));  // [count, length]
    Operand<T> residual = tf.math.sub(dh, integral);
    Operand<T> meanSquare = tf.math.mean(tf.math.square(residual), tf.constant(new int[] {0, 1}));
    return tf.math.div(meanSquare, tf.constant(type, variance));
  }

  /**
   * H oriented so that the data lose it: {@code invariant} itself when H decreases along the training
   * trajectories in total (Σ_i H(x_i(end)) − H(x_i(start)) ≤ 0), else −H (its last layer negated). A
   * learned H's sign is arbitrary (the square ratio loss does not see it) and the model's dH/dt ≤ 0
   * is about this oriented H; the level sets, the projection and ConCerNet are the same for both.
   */
  public static MlpWeights orient(MlpWeights invariant, Trajectories data) {
    requireOneOutput(invariant);
    double change = 0;
    for (int i = 0; i < data.count(); i++) {
      change += invariant.apply(data.state(i, data.length() - 1))[0] - invariant.apply(data.state(i, 0))[0];
    }
    return change <= 0 ? invariant : negated(invariant);
  }

  /** −H: the same network with its last layer's weights and bias negated. */
  static MlpWeights negated(MlpWeights h) {
    List<double[][]> weights = new java.util.ArrayList<>();
    List<double[]> biases = new java.util.ArrayList<>();
    int last = h.layers() - 1;
    for (int l = 0; l <= last; l++) {
      double[][] w = h.weight(l);
      double[] b = h.bias(l);
      if (l == last) {
        for (double[] row : w) {
          for (int k = 0; k < row.length; k++) {
            row[k] = -row[k];
          }
        }
        for (int k = 0; k < b.length; k++) {
          b[k] = -b[k];
        }
      }
      weights.add(w);
      biases.add(b);
    }
    return new MlpWeights(weights, biases, h.activation());
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
