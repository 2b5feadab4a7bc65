/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.State;

/**
 * A spring that is stiffer when stretched: its force branches on the sign of a state, which the
 * graph translator cannot express, so the processor notes it and the system runs in Java only.
 */
@DynamicalSystem
final class PiecewiseSpring {
  @State(min = -1, max = 1) double q;
  @State(min = -1, max = 1) double p;

  @Derivative("q")
  double dq() {
    return p;
  }

  @Derivative("p")
  double dp() {
    if (q > 0) {
      return -4 * q;
    }
    return -q;
  }

  @Invariant
  double energy() {
    return p * p / 2 + (q > 0 ? 2 * q * q : q * q / 2);
  }
}
