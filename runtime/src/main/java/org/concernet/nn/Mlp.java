/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TNumber;

/**
 * A fully connected network inside a TensorFlow graph: tanh or ReLU hidden layers, a linear
 * output layer, weights either trainable variables or frozen constants. Besides its output it
 * builds its input Jacobian G = ∂out/∂x in closed form (no graph gradient of a gradient, which
 * TensorFlow Java cannot take for tanh/ReLU) and the forward-mode product (∂out/∂x)·v.
 *
 * <p>Layers use MatMul + Add (no BiasAdd), so every op here has a registered gradient.
 *
 * @param <T> the graph's floating dtype
 */
public final class Mlp<T extends TNumber> {
  private final Ops tf;
  private final Activation activation;
  private final List<Operand<T>> weights;
  private final List<Operand<T>> biases;
  private final List<Variable<T>> variables;
  private final int inputs;
  private final int outputs;
  private final List<Integer> widths;

  private Mlp(Ops tf, MlpWeights init, List<Operand<T>> weights, List<Operand<T>> biases,
      List<Variable<T>> variables) {
    this.tf = tf;
    this.activation = init.activation();
    this.weights = List.copyOf(weights);
    this.biases = List.copyOf(biases);
    this.variables = List.copyOf(variables);
    this.inputs = init.inputSize();
    this.outputs = init.outputSize();
    List<Integer> w = new ArrayList<>();
    w.add(inputs);
    w.addAll(init.hidden());
    w.add(outputs);
    this.widths = List.copyOf(w);
  }

  /**
   * A network whose weights are variables named {@code <name>_W<l>} and {@code <name>_b<l>}
   * (flat names: TensorFlow Java's optimizers reject sub-scoped variables), initialised from
   * {@code init} on the first session run.
   */
  public static <T extends TNumber> Mlp<T> trainable(Ops tf, String name, MlpWeights init, Class<T> type) {
    List<Operand<T>> w = new ArrayList<>();
    List<Operand<T>> b = new ArrayList<>();
    List<Variable<T>> vars = new ArrayList<>();
    for (int l = 0; l < init.layers(); l++) {
      Variable<T> wl = tf.withName(name + "_W" + l).variable(Tensors.constant(tf, init.weight(l), type));
      Variable<T> bl = tf.withName(name + "_b" + l).variable(Tensors.constant(tf, init.bias(l), type));
      w.add(wl);
      b.add(bl);
      vars.add(wl);
      vars.add(bl);
    }
    return new Mlp<>(tf, init, w, b, vars);
  }

  /** A network whose weights are constants of the graph: it cannot change while others train. */
  public static <T extends TNumber> Mlp<T> frozen(Ops tf, MlpWeights weights, Class<T> type) {
    List<Operand<T>> w = new ArrayList<>();
    List<Operand<T>> b = new ArrayList<>();
    for (int l = 0; l < weights.layers(); l++) {
      w.add(Tensors.constant(tf, weights.weight(l), type));
      b.add(Tensors.constant(tf, weights.bias(l), type));
    }
    return new Mlp<>(tf, weights, w, b, List.of());
  }

  public int inputSize() {
    return inputs;
  }

  public int outputSize() {
    return outputs;
  }

  /** Trainable variables in layer order (W0, b0, W1, b1, …); empty when frozen. */
  public List<Variable<T>> variables() {
    return variables;
  }

  /** The output for a batch x shaped [batch, inputs]: [batch, outputs]. */
  public Operand<T> apply(Operand<T> x) {
    Operand<T> h = x;
    for (int l = 0; l < weights.size(); l++) {
      Operand<T> a = tf.math.add(tf.linalg.matMul(h, weights.get(l)), biases.get(l));
      h = l + 1 < weights.size() ? activate(a) : a;
    }
    return h;
  }

  /**
   * The input Jacobian G = ∂out/∂x for a batch x shaped [batch, inputs], as [batch, inputs,
   * outputs], in closed form: G = W_0 D_0 W_1 D_1 … W_L with D_l the activation slopes.
   */
  public Operand<T> inputGradient(Operand<T> x) {
    List<Operand<T>> slopes = hiddenSlopes(x);
    int last = weights.size() - 1;
    if (last == 0) {
      // one linear layer: the same W0 for every point of the batch
      Operand<T> perPoint = tf.expandDims(tf.zerosLike(x), tf.constant(2)); // [batch, inputs, 1]
      return tf.math.add(perPoint, weights.get(0));
    }
    // Back from the linear output layer, in layout [width, batch, outputs] so every product is a
    // plain MatMul; the batch dimension appears when the first slope broadcasts against W_L.
    Operand<T> j = tf.expandDims(weights.get(last), tf.constant(1));
    for (int l = last - 1; l >= 0; l--) {
      Operand<T> slope = tf.expandDims(tf.linalg.transpose(slopes.get(l), tf.constant(new int[] {1, 0})),
          tf.constant(2));
      Operand<T> scaled = tf.math.mul(j, slope);
      Operand<T> flat = tf.reshape(scaled, tf.constant(new long[] {widths.get(l + 1), -1}));
      j = tf.reshape(tf.linalg.matMul(weights.get(l), flat), tf.constant(new long[] {widths.get(l), -1, outputs}));
    }
    return tf.linalg.transpose(j, tf.constant(new int[] {1, 0, 2}));
  }

  /** The forward-mode product (∂out/∂x)·v for x and v shaped [batch, inputs]: [batch, outputs]. */
  public Operand<T> jvp(Operand<T> x, Operand<T> v) {
    Operand<T> h = x;
    Operand<T> dh = v;
    for (int l = 0; l < weights.size(); l++) {
      Operand<T> a = tf.math.add(tf.linalg.matMul(h, weights.get(l)), biases.get(l));
      Operand<T> da = tf.linalg.matMul(dh, weights.get(l));
      if (l + 1 < weights.size()) {
        h = activate(a);
        dh = tf.math.mul(da, slope(a, h));
      } else {
        h = a;
        dh = da;
      }
    }
    return dh;
  }

  /**
   * The reverse-mode product uᵀ(∂out/∂x) for x shaped [batch, inputs] and u [batch, outputs] (or
   * [1, outputs], the same u at every point): [batch, inputs], in closed form (uᵀW_L, then times each layer's slopes and W_lᵀ): for one
   * output and u = 1 it is ∇out at every point, with fewer ops than {@link #inputGradient}.
   */
  public Operand<T> vjp(Operand<T> x, Operand<T> u) {
    List<Operand<T>> slopes = hiddenSlopes(x);
    Operand<T> g = u;
    for (int l = weights.size() - 1; l >= 0; l--) {
      g = tf.linalg.matMul(g, weights.get(l), org.tensorflow.op.linalg.MatMul.transposeB(true));
      if (l > 0) {
        g = tf.math.mul(g, slopes.get(l - 1));
      }
    }
    return g;
  }

  private List<Operand<T>> hiddenSlopes(Operand<T> x) {
    List<Operand<T>> slopes = new ArrayList<>();
    Operand<T> h = x;
    for (int l = 0; l + 1 < weights.size(); l++) {
      Operand<T> a = tf.math.add(tf.linalg.matMul(h, weights.get(l)), biases.get(l));
      h = activate(a);
      slopes.add(slope(a, h));
    }
    return slopes;
  }

  private Operand<T> activate(Operand<T> a) {
    return activation == Activation.TANH ? tf.math.tanh(a) : tf.nn.relu(a);
  }

  /**
   * σ'(a), given a and h = σ(a). The tanh slope subtracts from a broadcast scalar 1 rather than
   * OnesLike(h), which has no gradient: a loss built on {@link #inputGradient} (the contrastive
   * alignment term) is differentiated through it. The values are the same to the bit.
   */
  private Operand<T> slope(Operand<T> a, Operand<T> h) {
    if (activation == Activation.TANH) {
      return tf.math.sub(tf.dtypes.cast(tf.constant(1.0), h.type()), tf.math.square(h));
    }
    return tf.dtypes.cast(tf.math.greater(a, tf.zerosLike(a)), a.type());
  }

  /** The current values of a trainable network's variables, read from {@code session}. */
  public MlpWeights read(Session session) {
    if (variables.isEmpty()) {
      throw new IllegalStateException("a frozen network has no variables to read");
    }
    Session.Runner runner = session.runner();
    for (Variable<T> v : variables) {
      runner.fetch(v);
    }
    List<double[][]> w = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    try (org.tensorflow.Result result = runner.run()) {
      for (int l = 0; l < weights.size(); l++) {
        Tensor wt = result.get(2 * l);
        Tensor bt = result.get(2 * l + 1);
        w.add(Tensors.toMatrix(wt));
        b.add(Tensors.toVector(bt));
      }
    }
    return new MlpWeights(w, b, activation);
  }
}
