/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.concernet.data.Trajectories;
import org.concernet.results.SymbolicInvariant;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.symbolic.SparseInvariantFit;
import org.concernet.symbolic.SymbolicReadout;
import org.concernet.symbolic.TermLibrary;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;

/**
 * Kepler's {@code @CandidateTerm 1/r} reaches the generated system and, through it, the symbolic
 * read-out's library: with it, the energy is read out exactly as a formula; without it, it is not.
 */
class KeplerCandidateTermTest {
  private final SystemSpec kepler = new KeplerSystem();

  @Test
  void theGeneratedSystemEvaluatesTheDeclaredTerm() {
    assertThat(kepler.candidateTermNames()).containsExactly("1/r");
    double[] x = {0.3, -0.4, 1.0, 2.0};
    assertThat(kepler.candidateTerms(x)).usingTolerance(1e-15).containsExactly(2.0);
    assertThrows(IllegalArgumentException.class, () -> kepler.candidateTerms(new double[] {1, 2}));
  }

  @Test
  void theEnergyIsReadOutWithTheDeclaredTermAndNotWithoutIt() {
    Trajectories orbits = new TrajectoryGenerator().generate(kepler, 12, kepler.protocol().trainingTimes(), 7);
    SymbolicReadout readout = new SymbolicReadout(
        TermLibrary.Options.DEFAULT.withDegree(2),
        SparseInvariantFit.Options.DEFAULT, 600);

    SymbolicInvariant with = readEnergy(readout.withDeclared(kepler.candidateTermNames(), kepler::candidateTerms),
        orbits);
    assertThat(with.found()).isTrue();
    assertThat(with.terms().stream().map(SymbolicInvariant.Term::term).toList())
        .containsExactly("vx²", "vy²", "1/r");
    double scale = coefficient(with, "1/r");
    assertThat(coefficient(with, "vx²") / scale).isWithin(1e-4).of(-0.5);
    assertThat(coefficient(with, "vy²") / scale).isWithin(1e-4).of(-0.5);

    SymbolicInvariant without = readEnergy(readout, orbits);
    assertThat(with.r2Invariants().get("energy")).isGreaterThan(0.99999);
    // the library alone (monomials, sin, cos, log) cannot write 1/r: on these nearly circular orbits
    // the read-out falls back on x·vy − y·vx, which explains the energy only in part
    assertThat(without.r2Invariants().get("energy")).isLessThan(0.99);
  }

  /** The exact energy as "H1", read out on {@code orbits}. */
  private SymbolicInvariant readEnergy(SymbolicReadout readout, Trajectories orbits) {
    Map<String, SymbolicInvariant> out = readout.read(x -> new double[] {kepler.invariants(x)[0]}, x -> {
      double r3 = Math.pow(Math.hypot(x[0], x[1]), 3);
      return new double[][] {{x[0] / r3}, {x[1] / r3}, {x[2]}, {x[3]}};
    }, orbits, kepler.invariantNames(), kepler::invariants);
    return out.get("H1");
  }

  private static double coefficient(SymbolicInvariant s, String term) {
    return s.terms().stream().filter(t -> t.term().equals(term)).findFirst().orElseThrow().coefficient();
  }

  @Test
  void systemsWithoutDeclaredTermsHaveNone() {
    SystemSpec spring = new SpringMassSystem();
    assertThat(spring.candidateTermNames()).isEmpty();
    assertThat(spring.candidateTerms(new double[] {1, 2})).isEmpty();
  }
}
