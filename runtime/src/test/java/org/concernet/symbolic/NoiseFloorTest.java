/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.concernet.results.SymbolicInvariant;
import org.junit.jupiter.api.Test;

/**
 * The read-out of an H with a smooth error of its own, as a trained network has: H = C + ε·x²·y for
 * Lotka–Volterra's C = x − log x + y − log y. A formula with the error's term fits H better than C
 * does; with the flow, the fit knows how far C's misalignment is H's own error and reads C.
 */
class NoiseFloorTest {
  private static final List<String> NAMES = List.of("x", "y");
  private static final double EPSILON = 0.01;

  @Test
  void readsTheInvariantThroughHsOwnErrorWhenGivenTheFlow() {
    SymbolicInvariant s = fit(true);
    assertThat(s.found()).isTrue();
    assertThat(s.terms().stream().map(SymbolicInvariant.Term::term).toList())
        .containsExactly("x", "y", "log(x)", "log(y)");
    // the coefficients carry H's error (ε = 0.01 of a term the formula leaves out): within 5%
    double x = s.terms().get(0).coefficient();
    assertThat(s.terms().get(1).coefficient() / x).isWithin(0.05).of(1);
    assertThat(s.terms().get(2).coefficient() / x).isWithin(0.05).of(-1);
    assertThat(s.terms().get(3).coefficient() / x).isWithin(0.05).of(-1);
  }

  @Test
  void withoutTheFlowFitsHsErrorToo() {
    SymbolicInvariant s = fit(false);
    assertThat(s.terms().stream().map(SymbolicInvariant.Term::term).toList()).contains("x²·y");
  }

  private static SymbolicInvariant fit(boolean withFlow) {
    SplittableRandom rng = new SplittableRandom(11);
    double[][] states = new double[600][];
    for (int i = 0; i < states.length; i++) {
      double angle = rng.nextDouble(0, 2 * Math.PI);
      double radius = rng.nextDouble(0.1, 0.6);
      states[i] = new double[] {1 + radius * Math.cos(angle), 1 + radius * Math.sin(angle)};
    }
    TermLibrary library = TermLibrary.build(NAMES, states, TermLibrary.Options.DEFAULT);
    return new SparseInvariantFit(library, SparseInvariantFit.Options.DEFAULT).fit("H1",
        sample(Arrays.copyOfRange(states, 0, 400), false), sample(Arrays.copyOfRange(states, 400, 600), withFlow));
  }

  private static SparseInvariantFit.Sample sample(double[][] states, boolean withFlow) {
    double[][] g = new double[states.length][];
    double[] v = new double[states.length];
    double[][] flows = new double[states.length][];
    for (int i = 0; i < states.length; i++) {
      double x = states[i][0];
      double y = states[i][1];
      v[i] = x - Math.log(x) + y - Math.log(y) + EPSILON * x * x * y;
      g[i] = new double[] {1 - 1 / x + 2 * EPSILON * x * y, 1 - 1 / y + EPSILON * x * x};
      flows[i] = new double[] {x - x * y, x * y - y};
    }
    return new SparseInvariantFit.Sample(states, g, v, Map.of(), withFlow ? flows : null);
  }
}
