/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The weights of a fully connected network, as plain Java arrays: layer l maps
 * {@code h ↦ σ(h · W_l + b_l)} with {@code W_l} shaped [in][out]; the last layer is linear. This
 * is what a trained network is once it leaves its session: it can be evaluated in Java, frozen into
 * another graph as constants ({@link Mlp#frozen}), saved, and compared bit for bit.
 */
public final class MlpWeights {
  private final List<double[][]> weights;
  private final List<double[]> biases;
  private final Activation activation;

  /**
   * @param weights one [in][out] matrix per layer, the last one linear
   * @param biases one [out] vector per layer
   * @throws IllegalArgumentException if the shapes do not chain
   */
  public MlpWeights(List<double[][]> weights, List<double[]> biases, Activation activation) {
    if (weights.isEmpty() || weights.size() != biases.size()) {
      throw new IllegalArgumentException("need one bias per weight matrix and at least one layer, found "
          + weights.size() + " weight matrices and " + biases.size() + " biases");
    }
    List<double[][]> w = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    int in = weights.get(0).length;
    for (int l = 0; l < weights.size(); l++) {
      double[][] matrix = weights.get(l);
      if (matrix.length != in || matrix.length == 0) {
        throw new IllegalArgumentException("layer " + l + " has " + matrix.length + " inputs, expected " + in);
      }
      int out = matrix[0].length;
      double[][] copy = new double[in][];
      for (int i = 0; i < in; i++) {
        if (matrix[i].length != out) {
          throw new IllegalArgumentException("layer " + l + " is ragged at row " + i);
        }
        copy[i] = matrix[i].clone();
      }
      if (biases.get(l).length != out) {
        throw new IllegalArgumentException("layer " + l + " has " + out + " outputs but a bias of " + biases.get(l).length);
      }
      w.add(copy);
      b.add(biases.get(l).clone());
      in = out;
    }
    this.weights = List.copyOf(w);
    this.biases = List.copyOf(b);
    this.activation = activation;
  }

  /**
   * A freshly initialised network: every weight and bias uniform in ±1/√fan_in, as PyTorch's
   * {@code nn.Linear} (the paper's framework), drawn from {@code rng} layer by layer, weights
   * row-major then biases.
   */
  public static MlpWeights initialize(int inputs, List<Integer> hidden, int outputs,
      Activation activation, RandomGenerator rng) {
    List<Integer> widths = new ArrayList<>();
    widths.add(inputs);
    widths.addAll(hidden);
    widths.add(outputs);
    List<double[][]> w = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    for (int l = 0; l + 1 < widths.size(); l++) {
      int in = widths.get(l);
      int out = widths.get(l + 1);
      double bound = 1.0 / Math.sqrt(in);
      double[][] matrix = new double[in][out];
      for (double[] row : matrix) {
        for (int j = 0; j < out; j++) {
          row[j] = bound * (2 * rng.nextDouble() - 1);
        }
      }
      double[] bias = new double[out];
      for (int j = 0; j < out; j++) {
        bias[j] = bound * (2 * rng.nextDouble() - 1);
      }
      w.add(matrix);
      b.add(bias);
    }
    return new MlpWeights(w, b, activation);
  }

  public int layers() {
    return weights.size();
  }

  public int inputSize() {
    return weights.get(0).length;
  }

  public int outputSize() {
    return biases.get(biases.size() - 1).length;
  }

  public Activation activation() {
    return activation;
  }

  /** Weight matrix of layer l, [in][out] (a copy). */
  public double[][] weight(int l) {
    double[][] m = weights.get(l);
    double[][] copy = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      copy[i] = m[i].clone();
    }
    return copy;
  }

  /** Bias of layer l (a copy). */
  public double[] bias(int l) {
    return biases.get(l).clone();
  }

  /**
   * The same network with only the outputs {@code keep}, in that order: the last layer's columns
   * and biases selected, every other layer shared.
   */
  public MlpWeights outputs(List<Integer> keep) {
    int last = weights.size() - 1;
    double[][] w = weights.get(last);
    double[][] selected = new double[w.length][keep.size()];
    double[] b = new double[keep.size()];
    for (int j = 0; j < keep.size(); j++) {
      int k = keep.get(j);
      if (k < 0 || k >= outputSize()) {
        throw new IllegalArgumentException("output " + k + " does not exist: the network has " + outputSize());
      }
      for (int i = 0; i < w.length; i++) {
        selected[i][j] = w[i][k];
      }
      b[j] = biases.get(last)[k];
    }
    List<double[][]> ws = new ArrayList<>(weights.subList(0, last));
    ws.add(selected);
    List<double[]> bs = new ArrayList<>(biases.subList(0, last));
    bs.add(b);
    return new MlpWeights(ws, bs, activation);
  }

  /** Hidden layer widths. */
  public List<Integer> hidden() {
    List<Integer> widths = new ArrayList<>();
    for (int l = 0; l + 1 < weights.size(); l++) {
      widths.add(biases.get(l).length);
    }
    return widths;
  }

  /** The network's output at x, in double precision. */
  public double[] apply(double[] x) {
    checkInput(x);
    double[] h = x;
    for (int l = 0; l < weights.size(); l++) {
      double[] a = affine(l, h);
      if (l + 1 < weights.size()) {
        for (int j = 0; j < a.length; j++) {
          a[j] = activate(a[j]);
        }
      }
      h = a;
    }
    return h;
  }

  /** The Jacobian ∂output/∂x at x, shaped [inputs][outputs], in double precision. */
  public double[][] inputGradient(double[] x) {
    checkInput(x);
    List<double[]> slopes = new ArrayList<>();
    double[] h = x;
    for (int l = 0; l + 1 < weights.size(); l++) {
      double[] a = affine(l, h);
      double[] slope = new double[a.length];
      for (int j = 0; j < a.length; j++) {
        slope[j] = derivative(a[j]);
        a[j] = activate(a[j]);
      }
      slopes.add(slope);
      h = a;
    }
    // back from the linear output layer: J = W_0 D_0 W_1 D_1 … W_L
    double[][] j = weight(weights.size() - 1);
    for (int l = weights.size() - 2; l >= 0; l--) {
      double[] slope = slopes.get(l);
      double[][] w = weights.get(l);
      double[][] next = new double[w.length][j[0].length];
      for (int i = 0; i < w.length; i++) {
        for (int k = 0; k < slope.length; k++) {
          double factor = w[i][k] * slope[k];
          if (factor != 0) {
            for (int o = 0; o < j[0].length; o++) {
              next[i][o] += factor * j[k][o];
            }
          }
        }
      }
      j = next;
    }
    return j;
  }

  private void checkInput(double[] x) {
    if (x.length != inputSize()) {
      throw new IllegalArgumentException("input has " + x.length + " values, the network takes " + inputSize());
    }
  }

  private double[] affine(int l, double[] h) {
    double[][] w = weights.get(l);
    double[] a = biases.get(l).clone();
    for (int i = 0; i < h.length; i++) {
      double hi = h[i];
      double[] row = w[i];
      for (int j = 0; j < a.length; j++) {
        a[j] += hi * row[j];
      }
    }
    return a;
  }

  private double activate(double a) {
    return activation == Activation.TANH ? Math.tanh(a) : Math.max(a, 0.0);
  }

  private double derivative(double a) {
    if (activation == Activation.TANH) {
      double t = Math.tanh(a);
      return 1 - t * t;
    }
    return a > 0 ? 1.0 : 0.0;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof MlpWeights other) || activation != other.activation || layers() != other.layers()) {
      return false;
    }
    for (int l = 0; l < layers(); l++) {
      if (!java.util.Arrays.deepEquals(weights.get(l), other.weights.get(l))
          || !java.util.Arrays.equals(biases.get(l), other.biases.get(l))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(weights.toArray()) * 31 + activation.hashCode();
  }

  @Override
  public String toString() {
    return "MlpWeights[" + inputSize() + " → " + hidden() + " → " + outputSize() + ", " + activation + "]";
  }
}
