/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.concernet.data.Trajectories;
import org.concernet.results.SymbolicInvariant;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;

class SparseInvariantFitTest {
  private static final Trajectories SPRING = SpringMassTrajectories.trajectories(30, 30, 0, 7);
  private static final List<String> KEPLER = List.of("x", "y", "vx", "vy");

  private static Map<String, SymbolicInvariant> readSpring(Function<double[], double[]> h,
      Function<double[], double[][]> gradient, SymbolicReadout readout) {
    return readout.read(h, gradient, SPRING, List.of("energy"), x -> new double[] {x[0] * x[0] + x[1] * x[1]});
  }

  private static double coefficient(SymbolicInvariant s, String term) {
    return s.terms().stream().filter(t -> t.term().equals(term)).findFirst().orElseThrow(
        () -> new AssertionError(term + " not in " + s.formula())).coefficient();
  }

  @Test
  void recoversAPolynomialInvariantExactly() {
    // H = 3(q² + p²) + 2 over the default degree-4 library with sin, cos (and no log: q, p change sign)
    SymbolicInvariant s = readSpring(x -> new double[] {3 * (x[0] * x[0] + x[1] * x[1]) + 2},
        x -> new double[][] {{6 * x[0]}, {6 * x[1]}}, SymbolicReadout.defaults()).get("H1");
    assertThat(s.found()).isTrue();
    assertThat(s.terms()).hasSize(2);
    assertThat(coefficient(s, "q²")).isWithin(1e-8).of(3);
    assertThat(coefficient(s, "p²")).isWithin(1e-8).of(3);
    assertThat(s.offset()).isWithin(1e-8).of(2);
    assertThat(s.formula()).isEqualTo("H1 ≈ 3.000·q² + 3.000·p² + 2.000");
    assertThat(s.r2Learned()).isWithin(1e-9).of(1);
    assertThat(s.r2Invariants().get("energy")).isWithin(1e-9).of(1);
    assertThat(s.library()).isEqualTo("18 terms: monomials of degree 1-4 in 2 states, sin/cos of 2 states,"
        + " log of none (no state stays positive)");
  }

  @Test
  void seesThroughAWarpOfTheInvariant() {
    // H = (q² + p²)^0.6: ∇H = 1.2 (q² + p²)^-0.4 (q, p) is parallel to ∇(q² + p²)
    SymbolicInvariant s = readSpring(x -> new double[] {Math.pow(x[0] * x[0] + x[1] * x[1], 0.6)}, x -> {
      double f = 1.2 * Math.pow(x[0] * x[0] + x[1] * x[1], -0.4);
      return new double[][] {{f * x[0]}, {f * x[1]}};
    }, SymbolicReadout.defaults()).get("H1");
    assertThat(s.found()).isTrue();
    assertThat(s.terms().stream().map(SymbolicInvariant.Term::term).toList()).containsExactly("q²", "p²");
    assertThat(coefficient(s, "q²") / coefficient(s, "p²")).isWithin(1e-8).of(1);
    assertThat(s.r2Learned()).isGreaterThan(0.9999);
    assertThat(s.r2Invariants().get("energy")).isWithin(1e-9).of(1);
  }

  @Test
  void saysSoWhenTheLibraryCannotExpressH() {
    // H = q⁴ + p², whose level sets no combination of q, p, q², q·p, p² follows
    SymbolicReadout degreeTwo = new SymbolicReadout(TermLibrary.Options.DEFAULT.withDegree(2)
        .withTrigonometric(false).withLogarithms(false), SparseInvariantFit.Options.DEFAULT, 1500);
    SymbolicInvariant s = readSpring(x -> new double[] {Math.pow(x[0], 4) + x[1] * x[1]},
        x -> new double[][] {{4 * Math.pow(x[0], 3)}, {2 * x[1]}}, degreeTwo).get("H1");
    assertThat(s.found()).isFalse();
    assertThat(s.terms()).isEmpty();
    assertThat(s.formula()).startsWith("no sparse formula found (best dense fit R² ");
    assertThat(s.denseR2()).isLessThan(0.99);
    assertThat(s.formula()).contains(String.format(java.util.Locale.ROOT, "%.4f", s.denseR2()));
  }

  @Test
  void findsAngularMomentumAmongFourStates() {
    SymbolicInvariant s = fitRandom(x -> x[0] * x[3] - x[1] * x[2],
        x -> new double[] {x[3], -x[2], -x[1], x[0]}, TermLibrary.Options.DEFAULT.withDegree(3));
    assertThat(s.found()).isTrue();
    assertThat(s.terms()).hasSize(2);
    assertThat(coefficient(s, "x·vy")).isWithin(1e-8).of(1);
    assertThat(coefficient(s, "y·vx")).isWithin(1e-8).of(-1);
  }

  @Test
  void findsKeplerEnergyWithADeclaredOneOverR() {
    // E = (vx² + vy²)/2 − 1/r needs the declared term 1/r (finite-difference gradient)
    Term inverseR = Term.declared("1/r", x -> 1 / Math.hypot(x[0], x[1]));
    SymbolicInvariant s = fitRandom(x -> (x[2] * x[2] + x[3] * x[3]) / 2 - 1 / Math.hypot(x[0], x[1]), x -> {
      double r3 = Math.pow(Math.hypot(x[0], x[1]), 3);
      return new double[] {x[0] / r3, x[1] / r3, x[2], x[3]};
    }, TermLibrary.Options.DEFAULT.withDegree(2).withDeclared(List.of(inverseR)));
    assertThat(s.found()).isTrue();
    assertThat(s.terms().stream().map(SymbolicInvariant.Term::term).toList()).containsExactly("vx²", "vy²", "1/r");
    assertThat(coefficient(s, "vx²")).isWithin(1e-6).of(0.5);
    assertThat(coefficient(s, "vy²")).isWithin(1e-6).of(0.5);
    assertThat(coefficient(s, "1/r")).isWithin(1e-6).of(-1);
  }

  /** H fitted on 600 random states of the Kepler problem's ranges, the last third held out. */
  private static SymbolicInvariant fitRandom(Function<double[], Double> h, Function<double[], double[]> gradient,
      TermLibrary.Options options) {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] states = new double[600][];
    for (int i = 0; i < states.length; i++) {
      double r = rng.nextDouble(0.1, 1.0);
      double a = rng.nextDouble(0, 2 * Math.PI);
      states[i] = new double[] {r * Math.cos(a), r * Math.sin(a), rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
    }
    TermLibrary library = TermLibrary.build(KEPLER, states, options);
    double[][] fit = java.util.Arrays.copyOfRange(states, 0, 400);
    double[][] held = java.util.Arrays.copyOfRange(states, 400, 600);
    return new SparseInvariantFit(library, SparseInvariantFit.Options.DEFAULT)
        .fit("H1", sample(fit, h, gradient), sample(held, h, gradient));
  }

  private static SparseInvariantFit.Sample sample(double[][] states, Function<double[], Double> h,
      Function<double[], double[]> gradient) {
    double[][] g = new double[states.length][];
    double[] v = new double[states.length];
    for (int i = 0; i < states.length; i++) {
      g[i] = gradient.apply(states[i]);
      v[i] = h.apply(states[i]);
    }
    return new SparseInvariantFit.Sample(states, g, v, Map.of());
  }
}
