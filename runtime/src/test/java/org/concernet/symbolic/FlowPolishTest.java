/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.data.Trajectories;
import org.concernet.results.SymbolicInvariant;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;

class FlowPolishTest {
  private static final TermLibrary.Options POLYNOMIAL = TermLibrary.Options.DEFAULT.withDegree(2)
      .withTrigonometric(false).withLogarithms(false);

  /** Points on exact orbits of the 2-D isotropic oscillator (x, y, px, py), with ẋ = (px, py, −x, −y). */
  private static double[][][] oscillator(int count, double flowNoise) {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] states = new double[count][];
    double[][] flows = new double[count][];
    for (int i = 0; i < count; i++) {
      double t = rng.nextDouble(0, 2 * Math.PI);
      double ax = rng.nextDouble(0.5, 2);
      double ay = rng.nextDouble(0.5, 2);
      double phase = rng.nextDouble(0, 2 * Math.PI);
      double[] x = {ax * Math.cos(t), ay * Math.cos(t + phase), -ax * Math.sin(t), -ay * Math.sin(t + phase)};
      states[i] = x;
      flows[i] = new double[] {x[2], x[3], -x[0], -x[1]};
      for (int k = 0; k < 4; k++) {
        flows[i][k] += flowNoise * gaussian(rng);
      }
    }
    return new double[][][] {states, flows};
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  private static double[] xi(TermLibrary library, Object... termsAndCoefficients) {
    double[] xi = new double[library.size()];
    List<String> names = library.terms().stream().map(Term::name).toList();
    for (int k = 0; k < termsAndCoefficients.length; k += 2) {
      int j = names.indexOf((String) termsAndCoefficients[k]);
      assertThat(j).isAtLeast(0);
      xi[j] = (Double) termsAndCoefficients[k + 1];
    }
    return xi;
  }

  private static double at(TermLibrary library, double[] xi, String term) {
    return xi[library.terms().stream().map(Term::name).toList().indexOf(term)];
  }

  private static TermLibrary library(double[][] states) {
    return TermLibrary.build(List.of("x", "y", "px", "py"), states, POLYNOMIAL);
  }

  @Test
  void anUnbalancedInvariantBecomesTheDataOnesScaledToH() {
    double[][][] data = oscillator(400, 0);
    TermLibrary library = library(data[0]);
    // angular momentum x·py − y·px with H's 3% imbalance
    FlowPolish.Polished p = new FlowPolish(library, data[0], data[1]).polish(xi(library, "x·py", 1.0, "y·px", -1.03));
    assertThat(p.used()).isTrue();
    assertThat(at(library, p.xi(), "x·py") / at(library, p.xi(), "y·px")).isWithin(1e-9).of(-1);
    assertThat(at(library, p.xi(), "x·py")).isWithin(0.03).of(1);
    assertThat(p.smallest()).isLessThan(1e-12);
    assertThat(p.next()).isGreaterThan(0.1);
    assertThat(java.util.Arrays.stream(p.xi()).filter(v -> v != 0).count()).isEqualTo(2);
  }

  @Test
  void noisyDerivativesStillBalanceIt() {
    double[][][] data = oscillator(4000, 0.01);
    TermLibrary library = library(data[0]);
    FlowPolish.Polished p = new FlowPolish(library, data[0], data[1]).polish(xi(library, "x·py", 1.0, "y·px", -1.03));
    assertThat(p.used()).isTrue();
    assertThat(at(library, p.xi(), "x·py") / at(library, p.xi(), "y·px")).isWithin(2e-3).of(-1);
  }

  @Test
  void whereTheDataConserveSeveralCombinationsHDecidesBetweenThem() {
    double[][][] data = oscillator(400, 0);
    TermLibrary library = library(data[0]);
    // x² + px² and y² + py² are both conserved: the data fix each pair's balance, H their mixture
    FlowPolish.Polished p = new FlowPolish(library, data[0], data[1])
        .polish(xi(library, "x²", 1.0, "px²", 1.02, "y²", 0.5, "py²", 0.49));
    assertThat(p.used()).isTrue();
    assertThat(at(library, p.xi(), "x²") / at(library, p.xi(), "px²")).isWithin(1e-9).of(1);
    assertThat(at(library, p.xi(), "y²") / at(library, p.xi(), "py²")).isWithin(1e-9).of(1);
    assertThat(at(library, p.xi(), "x²") / at(library, p.xi(), "y²")).isWithin(0.05).of(2.04);
  }

  @Test
  void keepsHsCoefficientsWhenTheConservedCombinationIsAnotherQuantity() {
    double[][][] data = oscillator(400, 0);
    TermLibrary library = library(data[0]);
    // x² − px² is not conserved; the conserved x² + px² on its terms is nearly orthogonal to it
    double[] h = xi(library, "x²", 1.0, "px²", -1.0);
    FlowPolish.Polished p = new FlowPolish(library, data[0], data[1]).polish(h);
    assertThat(p.used()).isFalse();
    assertThat(p.xi()).isEqualTo(h);
  }

  @Test
  void theReadOutReportsRefinedCoefficients() {
    // H = (q² + 1.02 p²)^0.6: H's own error puts the coefficients 2% apart; the spring's data conserve q² + p²
    Trajectories spring = SpringMassTrajectories.trajectories(30, 30, 0, 7);
    java.util.function.Function<double[], double[]> h = x -> new double[] {Math.pow(x[0] * x[0] + 1.02 * x[1] * x[1],
        0.6)};
    java.util.function.Function<double[], double[][]> gradient = x -> {
      double f = 1.2 * Math.pow(x[0] * x[0] + 1.02 * x[1] * x[1], -0.4);
      return new double[][] {{f * x[0]}, {f * 1.02 * x[1]}};
    };
    SymbolicReadout fromH = new SymbolicReadout(TermLibrary.Options.DEFAULT, SparseInvariantFit.Options.DEFAULT, 1500);
    SymbolicInvariant plain = fromH.read(h, gradient, spring, List.of(), x -> new double[0]).get("H1");
    SymbolicInvariant refined = fromH.withFlowData(SpringMassTrajectories.trajectories(20, 30, 0, 11))
        .read(h, gradient, spring, List.of(), x -> new double[0]).get("H1");
    assertThat(plain.coefficients()).isEqualTo(SymbolicInvariant.FROM_H);
    assertThat(ratio(plain)).isWithin(1e-6).of(1.02);
    assertThat(refined.coefficients()).isNotEqualTo(SymbolicInvariant.FROM_H);
    assertThat(refined.terms().stream().map(SymbolicInvariant.Term::term).toList()).containsExactly("q²", "p²");
    assertThat(ratio(refined)).isWithin(1e-9).of(1);
  }

  private static double ratio(SymbolicInvariant s) {
    return s.terms().get(1).coefficient() / s.terms().get(0).coefficient();
  }

  /** Duffing orbits, q̇ = p, ṗ = −q − 4q³ (energy p²/2 + q²/2 + q⁴), by RK4, with exact derivatives. */
  private static Trajectories duffing(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int points = 40;
    double dt = 0.1;
    double[][] times = new double[count][points];
    double[][][] states = new double[count][points][];
    double[][][] flows = new double[count][points][];
    java.util.function.UnaryOperator<double[]> f = x -> new double[] {x[1], -x[0] - 4 * x[0] * x[0] * x[0]};
    for (int i = 0; i < count; i++) {
      double[] x = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
      for (int t = 0; t < points; t++) {
        times[i][t] = t * dt;
        states[i][t] = x.clone();
        flows[i][t] = f.apply(x);
        for (int sub = 0; sub < 10; sub++) {
          double h = dt / 10;
          double[] k1 = f.apply(x);
          double[] k2 = f.apply(new double[] {x[0] + h / 2 * k1[0], x[1] + h / 2 * k1[1]});
          double[] k3 = f.apply(new double[] {x[0] + h / 2 * k2[0], x[1] + h / 2 * k2[1]});
          double[] k4 = f.apply(new double[] {x[0] + h * k3[0], x[1] + h * k3[1]});
          for (int k = 0; k < 2; k++) {
            x[k] += h / 6 * (k1[k] + 2 * k2[k] + 2 * k3[k] + k4[k]);
          }
        }
      }
    }
    return Trajectories.of(List.of("q", "p"), times, states, flows);
  }

  @Test
  void theDataChooseBetweenEquallySparseFormulasThatHCannotTellApart() {
    // H = p²/2 + (1 − cos q) + (1 + 1/24) q⁴ is the Duffing energy up to q⁶/720: ∇H cannot tell
    // its own terms from the energy's, the data's derivatives can
    java.util.function.Function<double[], double[]> h = x -> new double[] {x[1] * x[1] / 2 + 1 - Math.cos(x[0])
        + (1 + 1.0 / 24) * Math.pow(x[0], 4)};
    java.util.function.Function<double[], double[][]> gradient = x -> new double[][] {
        {Math.sin(x[0]) + 4 * (1 + 1.0 / 24) * Math.pow(x[0], 3)}, {x[1]}};
    Trajectories sample = duffing(30, 5);
    SymbolicReadout readout = SymbolicReadout.defaults();
    SymbolicInvariant fromH = readout.read(h, gradient, sample, List.of(), x -> new double[0]).get("H1");
    SymbolicInvariant withData = readout.withFlowData(duffing(60, 6)).read(h, gradient, sample, List.of(),
        x -> new double[0]).get("H1");
    assertThat(fromH.terms().stream().map(SymbolicInvariant.Term::term).toList()).contains("cos(q)");
    assertThat(withData.terms().stream().map(SymbolicInvariant.Term::term).toList())
        .containsExactly("q²", "p²", "q⁴");
    assertThat(withData.terms().get(2).coefficient() / withData.terms().get(1).coefficient()).isWithin(1e-6).of(2);
  }

  @Test
  void nearlyEqualCoefficientsFormGroups() {
    double[] out = FlowPolish.equalised(new double[] {1.0, 0, 1.02, 0.5, -0.49, 2.2});
    assertThat(out[0]).isWithin(1e-12).of(1.01);
    assertThat(out[1]).isEqualTo(0);
    assertThat(out[2]).isWithin(1e-12).of(1.01);
    assertThat(out[3]).isWithin(1e-12).of(0.495);
    assertThat(out[4]).isWithin(1e-12).of(-0.495);
    assertThat(out[5]).isEqualTo(2.2);
  }

  /** An oscillator q̇ = p, ṗ = −ω²q at random phases and amplitudes: it conserves ω²q² + p². */
  private static double[][][] oscillator1d(double omega2, int count) {
    SplittableRandom rng = new SplittableRandom(8);
    double w = Math.sqrt(omega2);
    double[][] states = new double[count][];
    double[][] flows = new double[count][];
    for (int i = 0; i < count; i++) {
      double a = rng.nextDouble(0.5, 2);
      double t = rng.nextDouble(0, 2 * Math.PI);
      states[i] = new double[] {a * Math.cos(w * t), -a * w * Math.sin(w * t)};
      flows[i] = new double[] {states[i][1], -omega2 * states[i][0]};
    }
    return new double[][][] {states, flows};
  }

  @Test
  void equalCoefficientsAreTakenOnlyWhenTheDataCannotTellThemApart() {
    double[][][] unit = oscillator1d(1, 2000);
    TermLibrary library = TermLibrary.build(List.of("q", "p"), unit[0], POLYNOMIAL);
    FlowPolish onUnit = new FlowPolish(library, unit[0], unit[1]);
    // H's 1% imbalance on q² + p², which the data conserve with equal coefficients
    double[] equal = onUnit.equal(xi(library, "q²", 1.0, "p²", 1.01));
    assertThat(equal).isNotNull();
    assertThat(at(library, equal, "q²")).isEqualTo(at(library, equal, "p²"));
    // ω² = 1.2: the invariant 1.2·q² + p² has coefficients 20% apart, and the data reject equal ones
    double[][][] stiff = oscillator1d(1.2, 2000);
    FlowPolish onStiff = new FlowPolish(library, stiff[0], stiff[1]);
    assertThat(onStiff.equal(xi(library, "q²", 1.2, "p²", 1.0))).isNull();
    assertThat(onStiff.equal(xi(library, "q²", 1.0, "p²", 1.0))).isNull();
  }

  /**
   * The fewest equal groups the data allow, also beyond the 25% chain: flows that conserve both Σu
   * and Σu + 0.5·u5 − 0.5·u9 (they never move u5 and u9 apart). H's coefficients 1, with an outlier
   * 1.5 at u5 and 0.5 at u9, are read as 30 equal ones: the 25% chain leaves them as they are, and
   * merging only the outlier into the rest is not conserved (u9 alone keeps 0.5), but one common
   * coefficient is.
   */
  @Test
  void equalCoefficientsAreTheFewestGroupsTheDataAllow() {
    int n = 30;
    SplittableRandom rng = new SplittableRandom(12);
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1 / Math.sqrt(n));
    double[] apart = new double[n];
    apart[5] = Math.sqrt(0.5);
    apart[9] = -Math.sqrt(0.5);
    int count = 3000;
    double[][] states = new double[count][n];
    double[][] flows = new double[count][n];
    for (int i = 0; i < count; i++) {
      double[] f = new double[n];
      for (int j = 0; j < n; j++) {
        states[i][j] = gaussian(rng);
        f[j] = gaussian(rng);
      }
      for (double[] q : new double[][] {ones, apart}) {
        double c = 0;
        for (int j = 0; j < n; j++) {
          c += f[j] * q[j];
        }
        for (int j = 0; j < n; j++) {
          f[j] -= c * q[j];
        }
      }
      for (int j = 0; j < n; j++) {
        flows[i][j] = f[j] + 0.01 * gaussian(rng);
      }
    }
    TermLibrary linear = TermLibrary.build(java.util.stream.IntStream.range(0, n).mapToObj(k -> "u" + k).toList(),
        states, TermLibrary.Options.DEFAULT.withDegree(1).withTrigonometric(false).withLogarithms(false));
    List<String> names = linear.terms().stream().map(Term::name).toList();
    double[] h = new double[linear.size()];
    for (int k = 0; k < n; k++) {
      h[names.indexOf("u" + k)] = k == 5 ? 1.5 : k == 9 ? 0.5 : 1.0;
    }
    FlowPolish polish = new FlowPolish(linear, states, flows);
    double[] chain = FlowPolish.equalised(h);
    assertThat(chain[names.indexOf("u5")]).isEqualTo(1.5);
    assertThat(chain[names.indexOf("u9")]).isEqualTo(0.5);
    double[] equal = polish.equal(h);
    assertThat(equal).isNotNull();
    for (int k = 0; k < n; k++) {
      assertThat(equal[names.indexOf("u" + k)]).isWithin(1e-12).of(1.0);
    }
  }
}
