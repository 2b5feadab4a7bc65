/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TNumber;

/** The floating dtype a network trains in. float32 is the paper's (PyTorch default) and fastest. */
public enum Precision {
  FLOAT32(TFloat32.class),
  FLOAT64(TFloat64.class);

  private final Class<? extends TNumber> type;

  Precision(Class<? extends TNumber> type) {
    this.type = type;
  }

  /** The TensorFlow dtype class. */
  public Class<? extends TNumber> type() {
    return type;
  }
}
