/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/** Conversions between Java arrays and float32/float64 tensors and constants. */
public final class Tensors {
  private Tensors() {}

  /** A constant of dtype {@code type} holding {@code values} ([rows][cols]). */
  public static <T extends TNumber> Operand<T> constant(Ops tf, double[][] values, Class<T> type) {
    return cast(tf, tf.constant(values), type);
  }

  /** A constant of dtype {@code type} holding {@code values}. */
  public static <T extends TNumber> Operand<T> constant(Ops tf, double[] values, Class<T> type) {
    return cast(tf, tf.constant(values), type);
  }

  @SuppressWarnings("unchecked")
  private static <T extends TNumber> Operand<T> cast(Ops tf, Operand<TFloat64> value, Class<T> type) {
    if (type == TFloat64.class) {
      return (Operand<T>) value;
    }
    return tf.dtypes.cast(value, type);
  }

  /** A new tensor of dtype {@code type} and {@code shape} from flat row-major {@code values}. */
  @SuppressWarnings("unchecked")
  public static <T extends TNumber> T tensor(Class<T> type, Shape shape, double[] values) {
    if (shape.size() != values.length) {
      throw new IllegalArgumentException("shape " + shape + " holds " + shape.size() + " values, given " + values.length);
    }
    if (type == TFloat64.class) {
      return (T) TFloat64.tensorOf(shape, DataBuffers.of(values, true, false));
    }
    if (type == TFloat32.class) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return (T) TFloat32.tensorOf(shape, DataBuffers.of(f, true, false));
    }
    throw new IllegalArgumentException("only float32 and float64 are supported, not " + type.getSimpleName());
  }

  /** All values of a float32 or float64 tensor, flat row-major, as doubles. */
  public static double[] toDoubles(Tensor tensor) {
    int size = Math.toIntExact(tensor.shape().size());
    double[] out = new double[size];
    if (tensor instanceof TFloat64 t) {
      t.asRawTensor().data().asDoubles().read(out);
    } else if (tensor instanceof TFloat32 t) {
      float[] f = new float[size];
      t.asRawTensor().data().asFloats().read(f);
      for (int i = 0; i < size; i++) {
        out[i] = f[i];
      }
    } else {
      throw new IllegalArgumentException("expected a float32 or float64 tensor, found " + tensor.dataType());
    }
    return out;
  }

  /** The single value of a scalar float tensor. */
  public static double toScalar(Tensor tensor) {
    double[] values = toDoubles(tensor);
    if (values.length != 1) {
      throw new IllegalArgumentException("expected a scalar, found shape " + tensor.shape());
    }
    return values[0];
  }

  /** A rank-1 float tensor as a vector. */
  public static double[] toVector(Tensor tensor) {
    if (tensor.shape().numDimensions() != 1) {
      throw new IllegalArgumentException("expected a vector, found shape " + tensor.shape());
    }
    return toDoubles(tensor);
  }

  /** A rank-2 float tensor as [rows][cols]. */
  public static double[][] toMatrix(Tensor tensor) {
    if (tensor.shape().numDimensions() != 2) {
      throw new IllegalArgumentException("expected a matrix, found shape " + tensor.shape());
    }
    int rows = Math.toIntExact(tensor.shape().size(0));
    int cols = Math.toIntExact(tensor.shape().size(1));
    double[] flat = toDoubles(tensor);
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      System.arraycopy(flat, i * cols, m[i], 0, cols);
    }
    return m;
  }
}
