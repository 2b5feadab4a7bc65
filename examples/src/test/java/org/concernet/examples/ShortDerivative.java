/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.State;

/** A mistake the compiler cannot see: the array derivative is one value short. */
@DynamicalSystem
final class ShortDerivative {
  @State(size = 3) double[] u;

  @Derivative("u")
  double[] du() {
    return new double[u.length - 1];
  }
}
