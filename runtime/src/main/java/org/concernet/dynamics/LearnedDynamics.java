/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.dynamics;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.concernet.contrastive.InvariantFunction;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.protocol.Dissipation;
import org.concernet.simulate.VectorField;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * A trained dynamics model ẋ = f(x): the plain network f (the baseline) or, when it carries an
 * invariant H, ConCerNet's projected field f̃ = f − G(GᵀG)⁻¹Gᵀf with G = ∂H/∂x (paper eq. 3).
 * The third, dissipative model ({@link #dissipative}) adds to the projected field a learned term
 * along ∇H that fixes dH/dt to g(x) ≤ 0 ({@link DissipativeTerm}).
 * Immutable; evaluable in Java (double precision) and buildable into any graph.
 */
public final class LearnedDynamics implements VectorField {
  private final MlpWeights field;
  private final MlpWeights invariant;
  private final Dissipation dissipation;
  private final MlpWeights rate;
  private final Training training;

  /**
   * How a model was trained (its provenance).
   *
   * @param seed the seed of the initial weights and the batch order
   * @param epochs epochs trained
   * @param batch points per batch (segments, for the shooting loss)
   * @param learningRate Adam's learning rate
   * @param dtype the graph dtype, "TFloat32" or "TFloat64"
   * @param seconds wall time of the training, graph construction included
   * @param epochLosses mean loss (eq. 4) of every epoch, in order
   */
  public record Training(long seed, int epochs, int batch, double learningRate, String dtype, double seconds,
      List<Double> epochLosses) {
    public Training {
      epochLosses = List.copyOf(epochLosses);
    }

    /** Mean loss of the last epoch; NaN if no epoch ran. */
    public double finalLoss() {
      return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
    }
  }

  /**
   * @param field the network f: n → hidden → n
   * @param invariant the frozen invariant H: n → hidden → m, or {@code null} for the baseline
   * @param training how it was trained, or {@code null} when unknown
   */
  public LearnedDynamics(MlpWeights field, MlpWeights invariant, Training training) {
    this(field, invariant, Dissipation.NONE, null, training);
  }

  /**
   * @param field the network f: n → hidden → n
   * @param invariant the frozen invariant H, or {@code null} for the baseline
   * @param dissipation the form of the learned dissipation ({@code NONE} for the baseline and ConCerNet)
   * @param rate the scalar network d of the dissipation (n → … → 1), {@code null} exactly when
   *     {@code dissipation} is {@code NONE}
   * @param training how it was trained, or {@code null} when unknown
   */
  public LearnedDynamics(MlpWeights field, MlpWeights invariant, Dissipation dissipation, MlpWeights rate,
      Training training) {
    java.util.Objects.requireNonNull(dissipation, "dissipation");
    if ((dissipation == Dissipation.NONE) != (rate == null)) {
      throw new IllegalArgumentException("a dissipative model needs its rate network and only it has one: "
          + dissipation + " with " + (rate == null ? "no rate network" : "a rate network"));
    }
    if (rate != null) {
      if (invariant == null) {
        throw new IllegalArgumentException("a dissipative model needs the invariant H its dH/dt is about");
      }
      DissipativeTerm.requireOneOutput(invariant);
      if (rate.inputSize() != field.inputSize() || rate.outputSize() != 1) {
        throw new IllegalArgumentException("the rate network maps the " + field.inputSize()
            + " state components to 1 value, found " + rate);
      }
    }
    this.dissipation = dissipation;
    this.rate = rate;
    if (field.inputSize() != field.outputSize()) {
      throw new IllegalArgumentException("a vector field maps n to n values, found " + field);
    }
    if (invariant != null && invariant.inputSize() != field.inputSize()) {
      throw new IllegalArgumentException("the invariant takes " + invariant.inputSize()
          + " inputs but the state has " + field.inputSize() + " components");
    }
    this.field = field;
    this.invariant = invariant;
    this.training = training;
  }

  /** The baseline: f itself. */
  public static LearnedDynamics baseline(MlpWeights field) {
    return new LearnedDynamics(field, null, null);
  }

  /** ConCerNet's projected field of f with respect to H. */
  public static LearnedDynamics projected(MlpWeights field, InvariantFunction invariant) {
    return new LearnedDynamics(field, invariant.weights(), null);
  }

  /** The dissipative model: ConCerNet's projected f plus the learned term of {@code form} with network {@code rate}. */
  public static LearnedDynamics dissipative(MlpWeights field, InvariantFunction invariant, Dissipation form,
      MlpWeights rate) {
    return new LearnedDynamics(field, invariant.weights(), form, rate, null);
  }

  /** The form of the learned dissipation; {@code NONE} for the baseline and ConCerNet. */
  public Dissipation dissipation() {
    return dissipation;
  }

  /** The scalar network d of the learned dissipation; empty unless {@link #dissipation()} is not {@code NONE}. */
  public Optional<MlpWeights> rateNetwork() {
    return Optional.ofNullable(rate);
  }

  /**
   * The model's own dH/dt at x, in double precision: g(x) ≤ 0 for the dissipative model, 0 for
   * ConCerNet, by construction (not by measurement); {@code NaN} for the baseline, which fixes nothing.
   */
  public double invariantRate(double[] x) {
    if (invariant == null) {
      return Double.NaN;
    }
    if (rate == null) {
      return 0.0;
    }
    return DissipativeTerm.rate(dissipation, DissipativeTerm.coefficient(rate, x), column(invariant.inputGradient(x)));
  }

  private static double[] column(double[][] jacobian) {
    double[] g = new double[jacobian.length];
    for (int k = 0; k < g.length; k++) {
      g[k] = jacobian[k][0];
    }
    return g;
  }

  @Override
  public int dimension() {
    return field.inputSize();
  }

  /** Whether the field is projected onto the level sets of an invariant. */
  public boolean isProjected() {
    return invariant != null;
  }

  /** The weights of the network f (before projection). */
  public MlpWeights weights() {
    return field;
  }

  /** The frozen invariant H the field is projected with; empty for the baseline. */
  public Optional<MlpWeights> invariant() {
    return Optional.ofNullable(invariant);
  }

  /** Mean training loss (eq. 4) of the last epoch; NaN if the model was not trained here. */
  public double finalLoss() {
    return training == null ? Double.NaN : training.finalLoss();
  }

  /** How the model was trained; empty for a model built from given weights. */
  public Optional<Training> training() {
    return Optional.ofNullable(training);
  }

  /** The field at x, in double precision. */
  public double[] vectorField(double[] x) {
    double[] f = field.apply(x);
    if (invariant == null) {
      return f;
    }
    double[][] g = invariant.inputGradient(x);
    double[] projected = Projection.project(f, g);
    return rate == null ? projected
        : DissipativeTerm.add(dissipation, projected, DissipativeTerm.coefficient(rate, x), column(g));
  }

  /**
   * This model's field projected once more, in double precision, onto the level sets of another
   * invariant: P_G f̃(x) = f̃ − G(GᵀG)⁻¹Gᵀf̃ with f̃ = {@link #vectorField(double[])} and G = {@code
   * gradient}(x), [n][m] (e.g. the exact gradient of H read out as a formula), which it then
   * conserves exactly. The projection acts on the projected field, not on the raw network: training
   * never constrains the network's component along ∇H, which can be far larger than the field, and
   * a projection with a slightly different gradient would let a share of it back in.
   */
  public UnaryOperator<double[]> projectedWith(Function<double[], double[][]> gradient) {
    return x -> Projection.project(vectorField(x), gradient.apply(x));
  }

  /** The field on a batch x [batch, n] built into the graph of {@code tf}: [batch, n]. */
  public <T extends TNumber> Operand<T> vectorField(Ops tf, Operand<T> x) {
    return inGraph(tf, x.type()).apply(x);
  }

  @Override
  public <T extends TNumber> UnaryOperator<Operand<T>> inGraph(Ops tf, Class<T> type) {
    UnaryOperator<Operand<T>> projected =
        field(tf, Mlp.frozen(tf, field, type), invariant == null ? null : Mlp.frozen(tf, invariant, type));
    return rate == null ? projected
        : dissipativeField(tf, projected, Mlp.frozen(tf, invariant, type), Mlp.frozen(tf, rate, type), dissipation);
  }

  /** {@code projected} plus the learned term of {@code form} with the scalar network {@code d}: [batch, n]. */
  static <T extends TNumber> UnaryOperator<Operand<T>> dissipativeField(Ops tf, UnaryOperator<Operand<T>> projected,
      Mlp<T> h, Mlp<T> d, Dissipation form) {
    return x -> {
      Operand<T> g = tf.squeeze(h.inputGradient(x), org.tensorflow.op.core.Squeeze.axis(List.of(2L)));
      return tf.math.add(projected.apply(x), DissipativeTerm.term(tf, form, DissipativeTerm.coefficient(tf, d.apply(x)), g));
    };
  }

  /**
   * The field of network {@code f} (frozen or trainable), projected with the frozen invariant {@code
   * h} when it is not {@code null}: f̃(x) = f(x) − G(GᵀG)⁻¹Gᵀf(x) with G = {@code h.inputGradient(x)},
   * a closed form whose first-order gradients exist, so a loss on a rollout of f̃ can train f.
   */
  static <T extends TNumber> UnaryOperator<Operand<T>> field(Ops tf, Mlp<T> f, Mlp<T> h) {
    if (h == null) {
      return f::apply;
    }
    return x -> Projection.project(tf, f.apply(x), h.inputGradient(x));
  }

  @Override
  public String toString() {
    return (invariant == null ? "LearnedDynamics[baseline, f=" : rate == null ? "LearnedDynamics[projected, f="
        : "LearnedDynamics[dissipative " + dissipation.name().toLowerCase(java.util.Locale.ROOT) + ", f=")
        + field + (invariant == null ? "" : ", H=" + invariant) + (rate == null ? "" : ", d=" + rate) + "]";
  }
}
