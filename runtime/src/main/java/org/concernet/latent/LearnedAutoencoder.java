/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.latent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.concernet.data.Trajectories;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.ModelStore;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * A trained, frozen autoencoder (paper eq. 6): an encoder E: ℝⁿ → ℝᵏ and a decoder D: ℝᵏ → ℝⁿ,
 * both tanh MLPs with a linear output layer. Learning of high-dimensional systems runs on z = E(x)
 * with ż = (∂E/∂x)ẋ ({@link #encodeJvp}); rollouts in z are mapped back by D.
 *
 * <p>Usable in Java (double precision, from the exact trained weights) and inside another graph,
 * where the weights are constants; the encoder's JVP is forward mode in both, so no gradient of a
 * gradient is ever taken.
 */
public final class LearnedAutoencoder {
  private final MlpWeights encoder;
  private final MlpWeights decoder;
  private final Provenance provenance;

  /**
   * How an autoencoder was trained.
   *
   * @param system the system's name
   * @param seed the seed of the weights and the batch order
   * @param latent k, the code size
   * @param hidden the encoder's hidden widths (the decoder's are reversed)
   * @param epochs epochs trained
   * @param batch states per batch
   * @param learningRate Adam's learning rate
   * @param dtype the training dtype
   * @param states the number of training states
   * @param dimension n, the state dimension
   * @param secondsPerEpoch mean training seconds per epoch (0 without training)
   * @param finalLoss mean reconstruction MSE over the last epoch's batches
   */
  public record Provenance(String system, long seed, int latent, List<Integer> hidden, int epochs, int batch,
      double learningRate, String dtype, int states, int dimension, double secondsPerEpoch, double finalLoss) {
    public Provenance {
      hidden = List.copyOf(hidden);
    }
  }

  public LearnedAutoencoder(MlpWeights encoder, MlpWeights decoder, Provenance provenance) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    if (encoder.outputSize() != decoder.inputSize() || decoder.outputSize() != encoder.inputSize()) {
      throw new IllegalArgumentException("encoder " + encoder + " and decoder " + decoder + " do not fit together");
    }
  }

  public MlpWeights encoderWeights() {
    return encoder;
  }

  public MlpWeights decoderWeights() {
    return decoder;
  }

  public Provenance provenance() {
    return provenance;
  }

  /** n, the state dimension. */
  public int dimension() {
    return encoder.inputSize();
  }

  /** k, the latent dimension. */
  public int latent() {
    return encoder.outputSize();
  }

  /** z = E(x), k values. */
  public double[] encode(double[] x) {
    return encoder.apply(x);
  }

  /** x̂ = D(z), n values. */
  public double[] decode(double[] z) {
    return decoder.apply(z);
  }

  /** D(E(x)). */
  public double[] reconstruct(double[] x) {
    return decoder.apply(encoder.apply(x));
  }

  /** (∂E/∂x)(x)·v, k values: the latent velocity ż of a state x moving at ẋ = v. */
  public double[] encodeJvp(double[] x, double[] v) {
    if (v.length != x.length) {
      throw new IllegalArgumentException("tangent has " + v.length + " values, the state " + x.length);
    }
    return transposeTimes(encoder.inputGradient(x), v);
  }

  /** (∂D/∂z)(z)·v, n values: the state velocity ẋ of a latent point z moving at ż = v. */
  public double[] decodeJvp(double[] z, double[] v) {
    if (v.length != z.length) {
      throw new IllegalArgumentException("tangent has " + v.length + " values, the latent point " + z.length);
    }
    return transposeTimes(decoder.inputGradient(z), v);
  }

  /** Jᵀv for an input gradient J [inputs][outputs] and v [inputs]: the outputs' velocity. */
  private static double[] transposeTimes(double[][] jacobian, double[] v) {
    double[] out = new double[jacobian[0].length];
    for (int i = 0; i < jacobian.length; i++) {
      double vi = v[i];
      if (vi != 0) {
        double[] row = jacobian[i];
        for (int j = 0; j < out.length; j++) {
          out[j] += row[j] * vi;
        }
      }
    }
    return out;
  }

  /**
   * The trajectories in the latent space: states z = E(x) named {@code z0 … z(k−1)}, the same
   * times, and derivatives ż = (∂E/∂x)ẋ when {@code data} has derivatives.
   */
  public Trajectories encode(Trajectories data) {
    if (data.dimension() != dimension()) {
      throw new IllegalArgumentException("trajectories have " + data.dimension() + " components, the encoder takes "
          + dimension());
    }
    int k = latent();
    int points = data.count() * data.length();
    double[] z = new double[points * k];
    double[] dz = data.hasDerivatives() ? new double[points * k] : null;
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        int p = i * data.length() + t;
        double[] x = data.state(i, t);
        System.arraycopy(encode(x), 0, z, p * k, k);
        if (dz != null) {
          System.arraycopy(encodeJvp(x, data.derivative(i, t)), 0, dz, p * k, k);
        }
      }
    }
    return Trajectories.ofFlat("latent code of " + provenance.system(), latentNames(), data.count(),
        data.length(), data.timesFlat(), z, dz);
  }

  /** {@code z0 … z(k−1)}. */
  public List<String> latentNames() {
    List<String> names = new java.util.ArrayList<>();
    for (int j = 0; j < latent(); j++) {
      names.add("z" + j);
    }
    return names;
  }

  /** Mean over states and components of (D(E(x)) − x)² over the rows of {@code states} ([count][n]). */
  public double reconstructionMse(double[][] states) {
    double sum = 0;
    long count = 0;
    for (double[] x : states) {
      double[] r = reconstruct(x);
      for (int i = 0; i < x.length; i++) {
        double d = r[i] - x[i];
        sum += d * d;
      }
      count += x.length;
    }
    return sum / count;
  }

  /** The encoder frozen into the graph of {@code tf}. */
  public <T extends TNumber> Mlp<T> encoder(Ops tf, Class<T> type) {
    return Mlp.frozen(tf, encoder, type);
  }

  /** The decoder frozen into the graph of {@code tf}. */
  public <T extends TNumber> Mlp<T> decoder(Ops tf, Class<T> type) {
    return Mlp.frozen(tf, decoder, type);
  }

  /** E on a batch [batch, n] in the graph of {@code tf}: [batch, k]. */
  public <T extends TNumber> Operand<T> encode(Ops tf, Operand<T> x) {
    return encoder(tf, x.type()).apply(x);
  }

  /** D on a batch [batch, k] in the graph of {@code tf}: [batch, n]. */
  public <T extends TNumber> Operand<T> decode(Ops tf, Operand<T> z) {
    return decoder(tf, z.type()).apply(z);
  }

  /** (∂E/∂x)·v on batches x, v shaped [batch, n], forward mode: [batch, k]. */
  public <T extends TNumber> Operand<T> encodeJvp(Ops tf, Operand<T> x, Operand<T> v) {
    return encoder(tf, x.type()).jvp(x, v);
  }

  /** Saves encoder and decoder (each a {@link ModelStore} folder) under {@code directory}. */
  public void save(Path directory) throws IOException {
    ModelStore.save(directory.resolve("encoder"), encoder, provenance);
    ModelStore.save(directory.resolve("decoder"), decoder, provenance);
  }

  /** Loads what {@link #save} wrote. */
  public static LearnedAutoencoder load(Path directory) throws IOException {
    ModelStore.Stored e = ModelStore.load(directory.resolve("encoder"));
    ModelStore.Stored d = ModelStore.load(directory.resolve("decoder"));
    Provenance provenance = new ObjectMapper().treeToValue(e.provenance(), Provenance.class);
    return new LearnedAutoencoder(e.weights(), d.weights(), provenance);
  }

  @Override
  public String toString() {
    return "LearnedAutoencoder[" + encoder + " / " + decoder + ", " + provenance.system() + ", seed "
        + provenance.seed() + ", final loss " + provenance.finalLoss() + "]";
  }
}
