/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.ModelStore;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * A learned conserved quantity H: ℝⁿ → ℝᵐ (step (i) of ConCerNet) with its weights and
 * provenance. Usable as a Java function (double precision, from the exact trained weights) and
 * inside another graph, where its weights are frozen constants (it cannot change while a dynamics
 * network trains against it).
 */
public final class LearnedInvariant {
  private final MlpWeights weights;
  private final InvariantProvenance provenance;

  public LearnedInvariant(MlpWeights weights, InvariantProvenance provenance) {
    this.weights = weights;
    this.provenance = provenance;
  }

  public MlpWeights weights() {
    return weights;
  }

  public InvariantProvenance provenance() {
    return provenance;
  }

  /** n, the state dimension H takes. */
  public int inputSize() {
    return weights.inputSize();
  }

  /** m, the number of learned quantities. */
  public int outputSize() {
    return weights.outputSize();
  }

  /** H(x), m values, in double precision. */
  public double[] value(double[] x) {
    return weights.apply(x);
  }

  /** G = ∂H/∂x at x, shaped [n][m], in double precision (closed form). */
  public double[][] gradient(double[] x) {
    return weights.inputGradient(x);
  }

  /** H at every row of {@code xs} ([batch][n]): [batch][m]. */
  public double[][] values(double[][] xs) {
    double[][] out = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      out[i] = weights.apply(xs[i]);
    }
    return out;
  }

  /** ∂H/∂x at every row of {@code xs}: [batch][n][m]. */
  public double[][][] gradients(double[][] xs) {
    double[][][] out = new double[xs.length][][];
    for (int i = 0; i < xs.length; i++) {
      out[i] = weights.inputGradient(xs[i]);
    }
    return out;
  }

  /**
   * The network frozen into the graph of {@code tf}; reuse it to build both {@link Mlp#apply} and
   * {@link Mlp#inputGradient} on one set of constants.
   */
  public <T extends TNumber> Mlp<T> frozen(Ops tf, Class<T> type) {
    return Mlp.frozen(tf, weights, type);
  }

  /** H on a batch x shaped [batch, n], in the graph of {@code tf}: [batch, m]. */
  public <T extends TNumber> Operand<T> value(Ops tf, Operand<T> x) {
    return frozen(tf, x.type()).apply(x);
  }

  /** ∂H/∂x on a batch x shaped [batch, n], in the graph of {@code tf}: [batch, n, m]. */
  public <T extends TNumber> Operand<T> gradient(Ops tf, Operand<T> x) {
    return frozen(tf, x.type()).inputGradient(x);
  }

  /**
   * Saves the network (a SavedModel and {@code weights.json}) and {@code provenance.json} into
   * {@code directory}; see {@link ModelStore}.
   */
  public void save(Path directory) throws IOException {
    ModelStore.save(directory, weights, provenance);
  }

  /** Loads what {@link #save} wrote: bit-identical weights and the same provenance. */
  public static LearnedInvariant load(Path directory) throws IOException {
    ModelStore.Stored stored = ModelStore.load(directory);
    InvariantProvenance provenance = new ObjectMapper().treeToValue(stored.provenance(), InvariantProvenance.class);
    return new LearnedInvariant(stored.weights(), provenance);
  }

  @Override
  public String toString() {
    return "LearnedInvariant[" + weights + ", " + provenance.system() + ", seed " + provenance.seed()
        + ", final loss " + provenance.finalLoss() + "]";
  }
}
