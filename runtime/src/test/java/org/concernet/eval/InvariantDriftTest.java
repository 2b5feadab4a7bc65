/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;

import java.util.Map;
import org.concernet.data.Trajectories;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.testsystems.Kepler;
import org.concernet.testsystems.Sir;
import org.junit.jupiter.api.Test;

class InvariantDriftTest {
  private static Trajectories reference(org.concernet.system.SystemSpec system) {
    return TrajectoryGenerator.reference().generate(system, 32, system.protocol().trainingTimes(), 7);
  }

  @Test
  void trueInvariantsDriftByIntegrationErrorOnly() {
    Kepler kepler = new Kepler();
    Map<String, Double> drift = InvariantDrift.of(kepler, reference(kepler));
    assertThat(drift.keySet()).containsExactly("energy", "angularMomentum").inOrder();
    assertThat(drift.get("energy")).isLessThan(1e-6);
    assertThat(drift.get("angularMomentum")).isLessThan(1e-6);
    assertThat(InvariantDrift.violations("Kepler", drift, InvariantDrift.DEFAULT_TOLERANCE)).isEmpty();
  }

  @Test
  void aMistypedInvariantIsNamedWithItsDrift() {
    Sir sir = new Sir();
    Map<String, Double> drift = InvariantDrift.of(sir, reference(sir));
    assertThat(drift.get("population")).isLessThan(1e-6);
    assertThat(drift.get("typo")).isGreaterThan(0.1);
    String message = InvariantDrift.violations("Sir", drift, InvariantDrift.DEFAULT_TOLERANCE);
    assertThat(message).startsWith("@Invariant typo of Sir is not conserved by the declared equations");
    assertThat(message).doesNotContain("population");
  }

  @Test
  void aNonFiniteInvariantIsNotConserved() {
    assertThat(InvariantDrift.violations("S", Map.of("c", Double.NaN), 1e-4)).contains("@Invariant c of S");
    assertThat(InvariantDrift.violations("S", Map.of("c", Double.POSITIVE_INFINITY), 1e-4)).isNotEmpty();
  }
}
