/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.concernet.results.SymbolicInvariant;
import org.junit.jupiter.api.Test;

/** The basis read-out of several learned outputs ({@link SparseInvariantFit#fitBasis}) from exact gradients. */
class InvariantBasisTest {
  private static final List<String> KEPLER = List.of("x", "y", "vx", "vy");
  private static final Term INVERSE_R = Term.declared("1/r", x -> 1 / Math.hypot(x[0], x[1]));

  private static double energy(double[] x) {
    return (x[2] * x[2] + x[3] * x[3]) / 2 - 1 / Math.hypot(x[0], x[1]);
  }

  private static double[] energyGradient(double[] x) {
    double r3 = Math.pow(Math.hypot(x[0], x[1]), 3);
    return new double[] {x[0] / r3, x[1] / r3, x[2], x[3]};
  }

  private static double momentum(double[] x) {
    return x[0] * x[3] - x[1] * x[2];
  }

  private static double[] momentumGradient(double[] x) {
    return new double[] {x[3], -x[2], -x[1], x[0]};
  }

  private static double coefficient(SymbolicInvariant s, String term) {
    return s.terms().stream().filter(t -> t.term().equals(term)).findFirst().orElseThrow(
        () -> new AssertionError(term + " not in " + s.formula())).coefficient();
  }

  private static List<String> names(SymbolicInvariant s) {
    return s.terms().stream().map(SymbolicInvariant.Term::term).toList();
  }

  @Test
  void readsAngularMomentumAndEnergyOutOfTwoMixedOutputs() {
    // neither output is E or L: H1 = u + u³/20 with u = E + L/2, H2 = E − L; the Jacobian of (H1, H2)
    // in (E, L) is never singular, so their gradients span {∇E, ∇L} wherever those are independent
    List<SymbolicInvariant> basis = fit(x -> {
      double u = energy(x) + momentum(x) / 2;
      return new double[] {u + u * u * u / 20, energy(x) - momentum(x)};
    }, x -> {
          double[] e = energyGradient(x);
          double[] l = momentumGradient(x);
          double u = energy(x) + momentum(x) / 2;
          double[][] g = new double[2][4];
          for (int r = 0; r < 4; r++) {
            g[0][r] = (1 + 0.15 * u * u) * (e[r] + l[r] / 2);
            g[1][r] = e[r] - l[r];
          }
          return g;
        });
    assertThat(basis).hasSize(2);
    SymbolicInvariant first = basis.get(0);
    SymbolicInvariant second = basis.get(1);
    assertThat(first.found()).isTrue();
    assertThat(names(first)).containsExactly("x·vy", "y·vx");
    assertThat(coefficient(first, "y·vx") / coefficient(first, "x·vy")).isWithin(1e-8).of(-1);
    assertThat(first.formula()).startsWith("C1 ≈ ");
    assertThat(second.found()).isTrue();
    assertThat(names(second)).containsExactly("vx²", "vy²", "1/r");
    // the largest coefficient is 1: 1/r, and E = −(1/r − vx²/2 − vy²/2)
    assertThat(coefficient(second, "1/r")).isWithin(1e-12).of(1);
    assertThat(coefficient(second, "vx²")).isWithin(1e-6).of(-0.5);
    assertThat(coefficient(second, "vy²")).isWithin(1e-6).of(-0.5);
    assertThat(second.offset()).isEqualTo(0.0);
    assertThat(second.r2Learned()).isGreaterThan(0.999);
    assertThat(first.r2Invariants().get("angularMomentum")).isWithin(1e-9).of(1);
    assertThat(second.r2Invariants().get("energy")).isWithin(1e-9).of(1);
  }

  @Test
  void saysSoWhenTheOutputsHoldOneInvariant() {
    // H2 = L³ + L is a function of H1 = L: one formula, no second independent one
    List<SymbolicInvariant> basis = fit(x -> new double[] {momentum(x), Math.pow(momentum(x), 3) + momentum(x)},
        x -> {
          double[] l = momentumGradient(x);
          double f = 3 * momentum(x) * momentum(x) + 1;
          return new double[][] {l, {f * l[0], f * l[1], f * l[2], f * l[3]}};
        });
    assertThat(basis.get(0).found()).isTrue();
    assertThat(names(basis.get(0))).containsExactly("x·vy", "y·vx");
    assertThat(basis.get(1).found()).isFalse();
    assertThat(basis.get(1).terms()).isEmpty();
    assertThat(basis.get(1).formula()).startsWith("no sparse formula found (");
  }

  /**
   * A second output that is a function of L plus a small non-conserved part, whose gradient also
   * carries an error off L's direction (a learned network's): a formula for it would be L plus a
   * small term, whose independence of L is not clearly more than its error. The central-force
   * guard's read-outs were such pairs, and the formula model built on them diverged; the read-out
   * must report one formula and say that nothing independent is left.
   */
  @Test
  void aFunctionOfTheFirstOutputWithAGradientErrorIsNotASecondFormula() {
    double eps = 0.1;
    double noise = 0.05;
    List<SymbolicInvariant> basis = fit(x -> new double[] {momentum(x),
        Math.pow(momentum(x), 3) + momentum(x) + eps * x[1] * Math.pow(x[2], 3)},
        x -> {
          double[] l = momentumGradient(x);
          double f = 3 * momentum(x) * momentum(x) + 1;
          double[] term = {0, Math.pow(x[2], 3), 3 * x[1] * x[2] * x[2], 0};
          // and a direction that is not a gradient of any sparse formula: it turns with the state
          double[] err = {Math.sin(7 * x[0] * x[3]), Math.cos(5 * x[1] * x[2]), Math.sin(3 * x[2] + x[1]),
              Math.cos(4 * x[3] - x[0])};
          double scale = noise * Math.sqrt(l[0] * l[0] + l[1] * l[1] + l[2] * l[2] + l[3] * l[3]) * f;
          double[] g2 = new double[4];
          for (int r = 0; r < 4; r++) {
            g2[r] = f * l[r] + eps * term[r] + scale * err[r];
          }
          return new double[][] {l, g2};
        });
    assertThat(names(basis.get(0))).containsExactly("x·vy", "y·vx");
    assertThat(basis.get(1).found()).isFalse();
    // it says why: nothing independent of L (at a margin of 1 the best candidate was a 1-term
    // formula with R² 0.07 against H2, reported as "no sparse formula found (best dense fit …)",
    // as if a second invariant were there and the library could not express it)
    assertThat(basis.get(1).formula())
        .isEqualTo("no sparse formula found (no further candidate is independent of the formulas before it)");
  }

  @Test
  void refusesASampleWhoseGradientsDoNotMatchItsStates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        new SparseInvariantFit.SpanSample(new double[][] {{1, 2}}, new double[][][] {{{1, 2, 3}}},
            new double[][] {{0}}, Map.of(), null));
    assertThat(e).hasMessageThat()
        .isEqualTo("symbolic fit sample: a gradient at state 0 has 3 values for 2 states");
  }

  /** The basis on 600 random states of the Kepler problem's ranges (r in [0.3, 1), velocities in [−1.5, 1.5); degree 2 and 1/r), the last third held out. */
  private static List<SymbolicInvariant> fit(Function<double[], double[]> h, Function<double[], double[][]> gradient) {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] states = new double[600][];
    for (int i = 0; i < states.length; i++) {
      double r = rng.nextDouble(0.3, 1.0);
      double a = rng.nextDouble(0, 2 * Math.PI);
      states[i] = new double[] {r * Math.cos(a), r * Math.sin(a), rng.nextDouble(-1.5, 1.5), rng.nextDouble(-1.5, 1.5)};
    }
    TermLibrary library = TermLibrary.build(KEPLER, states,
        TermLibrary.Options.DEFAULT.withDegree(2).withDeclared(List.of(INVERSE_R)));
    return new SparseInvariantFit(library, SparseInvariantFit.Options.DEFAULT).fitBasis(List.of("C1", "C2"),
        sample(Arrays.copyOfRange(states, 0, 400), h, gradient, false),
        sample(Arrays.copyOfRange(states, 400, 600), h, gradient, true));
  }

  private static SparseInvariantFit.SpanSample sample(double[][] states, Function<double[], double[]> h,
      Function<double[], double[][]> gradient, boolean declared) {
    double[][][] g = new double[states.length][][];
    double[][] v = new double[states.length][];
    double[] e = new double[states.length];
    double[] l = new double[states.length];
    for (int i = 0; i < states.length; i++) {
      g[i] = gradient.apply(states[i]);
      v[i] = h.apply(states[i]);
      e[i] = energy(states[i]);
      l[i] = momentum(states[i]);
    }
    return new SparseInvariantFit.SpanSample(states, g, v,
        declared ? Map.of("energy", e, "angularMomentum", l) : Map.of(), null);
  }
}
