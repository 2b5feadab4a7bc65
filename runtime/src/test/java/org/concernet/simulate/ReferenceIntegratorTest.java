/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.concernet.protocol.Protocol;
import org.junit.jupiter.api.Test;

/** A reference integration that cannot go on stops at once and says where, never returns NaN states. */
class ReferenceIntegratorTest {
  @Test
  void aFieldThatBlowsUpInFiniteTimeStopsWithTheTrajectoryAndTimesNamed() {
    // x' = x² from x(0) = 1 reaches infinity at t = 1
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ReferenceIntegrator().rollout(
        "Blowup", 1, x -> new double[] {x[0] * x[0]}, new double[][] {{0.1}, {1.0}}, Protocol.linspace(0, 3, 31)));
    assertThat(e).hasMessageThat().startsWith("Blowup: reference integration of trajectory 1");
    assertThat(e).hasMessageThat().contains("failed between t = 1.0 and t = 1.1 from state");
    assertThat(e).hasMessageThat().contains("minimal step size");
  }
}
