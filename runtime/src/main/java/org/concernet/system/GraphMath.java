/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.system;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.family.TNumber;

/**
 * The element-wise arithmetic that generated graph code is written in. Each scalar of a user's
 * method body becomes an operand of shape [batch] (or a scalar constant that broadcasts); this
 * class maps Java's operators and {@code Math} functions onto TensorFlow ops of one dtype.
 *
 * @param <T> the floating dtype of the graph (float32 or float64)
 */
public final class GraphMath<T extends TNumber> {
  private final Ops tf;
  private final Class<T> type;
  private final Operand<T> batchZeros;

  private GraphMath(Ops tf, Operand<T> states) {
    this.tf = tf;
    this.type = states.type();
    this.batchZeros = tf.zerosLike(tf.unstack(states, states.shape().size(1), Unstack.axis(1L)).output().get(0));
  }

  /**
   * Arithmetic in the dtype of {@code states}, a batch shaped [batch, n] with a known n.
   *
   * @throws IllegalArgumentException if the shape of {@code states} is not [batch, n] with known n
   */
  public static <T extends TNumber> GraphMath<T> of(Ops tf, Operand<T> states) {
    if (states.shape().numDimensions() != 2 || states.shape().size(1) < 1) {
      throw new IllegalArgumentException(
          "states must be shaped [batch, n] with a known n >= 1, found " + states.shape());
    }
    return new GraphMath<>(tf, states);
  }

  public Ops ops() {
    return tf;
  }

  /** The columns of a [batch, n] operand, each shaped [batch]. */
  public List<Operand<T>> columns(Operand<T> states) {
    long n = states.shape().size(1);
    return new ArrayList<Operand<T>>(tf.unstack(states, n, Unstack.axis(1L)).output());
  }

  /** Stacks [batch] columns (or broadcasting scalars) into [batch, k]. */
  public Operand<T> stack(List<Operand<T>> columns) {
    List<Operand<T>> full = new ArrayList<>(columns.size());
    for (Operand<T> column : columns) {
      full.add(column.shape().numDimensions() == 0 ? tf.math.add(column, batchZeros) : column);
    }
    return tf.stack(full, org.tensorflow.op.core.Stack.axis(1L));
  }

  /** A constant of the graph's dtype. */
  public Operand<T> constant(double value) {
    return tf.constant(type, value);
  }

  public Operand<T> add(Operand<T> a, Operand<T> b) {
    return tf.math.add(a, b);
  }

  public Operand<T> sub(Operand<T> a, Operand<T> b) {
    return tf.math.sub(a, b);
  }

  public Operand<T> mul(Operand<T> a, Operand<T> b) {
    return tf.math.mul(a, b);
  }

  public Operand<T> div(Operand<T> a, Operand<T> b) {
    return tf.math.div(a, b);
  }

  public Operand<T> neg(Operand<T> a) {
    return tf.math.neg(a);
  }

  /** {@code Math.sqrt}. */
  public Operand<T> sqrt(Operand<T> a) {
    return tf.math.sqrt(a);
  }

  /** {@code Math.exp}. */
  public Operand<T> exp(Operand<T> a) {
    return tf.math.exp(a);
  }

  /** {@code Math.expm1}. */
  public Operand<T> expm1(Operand<T> a) {
    return tf.math.expm1(a);
  }

  /** {@code Math.log}. */
  public Operand<T> log(Operand<T> a) {
    return tf.math.log(a);
  }

  /** {@code Math.log1p}. */
  public Operand<T> log1p(Operand<T> a) {
    return tf.math.log1p(a);
  }

  /** {@code Math.log10}. */
  public Operand<T> log10(Operand<T> a) {
    return tf.math.div(tf.math.log(a), constant(Math.log(10.0)));
  }

  /** {@code Math.sin}. */
  public Operand<T> sin(Operand<T> a) {
    return tf.math.sin(a);
  }

  /** {@code Math.cos}. */
  public Operand<T> cos(Operand<T> a) {
    return tf.math.cos(a);
  }

  /** {@code Math.tan}. */
  public Operand<T> tan(Operand<T> a) {
    return tf.math.tan(a);
  }

  /** {@code Math.asin}. */
  public Operand<T> asin(Operand<T> a) {
    return tf.math.asin(a);
  }

  /** {@code Math.acos}. */
  public Operand<T> acos(Operand<T> a) {
    return tf.math.acos(a);
  }

  /** {@code Math.atan}. */
  public Operand<T> atan(Operand<T> a) {
    return tf.math.atan(a);
  }

  /** {@code Math.atan2(y, x)}. */
  public Operand<T> atan2(Operand<T> y, Operand<T> x) {
    return tf.math.atan2(y, x);
  }

  /** {@code Math.sinh}. */
  public Operand<T> sinh(Operand<T> a) {
    return tf.math.sinh(a);
  }

  /** {@code Math.cosh}. */
  public Operand<T> cosh(Operand<T> a) {
    return tf.math.cosh(a);
  }

  /** {@code Math.tanh}. */
  public Operand<T> tanh(Operand<T> a) {
    return tf.math.tanh(a);
  }

  /** {@code Math.abs}. */
  public Operand<T> abs(Operand<T> a) {
    return tf.math.abs(a);
  }

  /** {@code Math.pow}. */
  public Operand<T> pow(Operand<T> a, Operand<T> b) {
    return tf.math.pow(a, b);
  }

  /** {@code Math.hypot}: √(a² + b²). */
  public Operand<T> hypot(Operand<T> a, Operand<T> b) {
    return tf.math.sqrt(tf.math.add(tf.math.square(a), tf.math.square(b)));
  }

  /** {@code Math.cbrt}: the real cube root, negative for negative arguments. */
  public Operand<T> cbrt(Operand<T> a) {
    Operand<T> magnitude = tf.math.pow(tf.math.abs(a), constant(1.0 / 3.0));
    return tf.math.mul(tf.math.sign(a), magnitude);
  }

  /** {@code Math.max}. */
  public Operand<T> max(Operand<T> a, Operand<T> b) {
    return tf.math.maximum(a, b);
  }

  /** {@code Math.min}. */
  public Operand<T> min(Operand<T> a, Operand<T> b) {
    return tf.math.minimum(a, b);
  }

  /** {@code Math.signum}. */
  public Operand<T> signum(Operand<T> a) {
    return tf.math.sign(a);
  }
}
