/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RSquaredTest {
  @Test
  void anExactlyAffineOutputExplainsEverything() {
    SplittableRandom rng = new SplittableRandom(1);
    double[][] h = new double[500][1];
    double[] c = new double[500];
    for (int i = 0; i < c.length; i++) {
      c[i] = rng.nextDouble(-3, 3);
      h[i][0] = -2.5 * c[i] + 7;
    }
    assertThat(RSquared.of(h, c)).isWithin(1e-12).of(1.0);
  }

  @Test
  void severalOutputsThatTogetherDetermineTheInvariant() {
    SplittableRandom rng = new SplittableRandom(2);
    double[][] h = new double[400][3];
    double[] c = new double[400];
    for (int i = 0; i < c.length; i++) {
      for (int k = 0; k < 3; k++) {
        h[i][k] = rng.nextDouble(-1, 1);
      }
      c[i] = 0.5 * h[i][0] - 2 * h[i][1] + 3 * h[i][2] + 1;
    }
    assertThat(RSquared.of(h, c)).isWithin(1e-12).of(1.0);
    // no single output explains it
    double[][] first = new double[400][1];
    for (int i = 0; i < c.length; i++) {
      first[i][0] = h[i][0];
    }
    assertThat(RSquared.of(first, c)).isLessThan(0.1);
  }

  @Test
  void independentOutputsExplainAlmostNothing() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 20000;
    double[][] h1 = new double[n][1];
    double[][] h2 = new double[n][2];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      c[i] = rng.nextGaussian();
      h1[i][0] = rng.nextGaussian();
      h2[i][0] = rng.nextGaussian();
      h2[i][1] = rng.nextGaussian();
    }
    // E[R²] = m / (n − 1) for independent data
    assertThat(RSquared.of(h1, c)).isLessThan(1e-3);
    assertThat(RSquared.of(h2, c)).isLessThan(1e-3);
  }

  @Test
  void aKnownPartialFitIsTheSquaredCorrelation() {
    // c = h + e with h, e independent of equal variance → R² = 1/2 (by construction: exact sums)
    double[][] h = {{1}, {-1}, {1}, {-1}};
    double[] c = {2, -2, 0, 0}; // e = {1, -1, -1, 1} is orthogonal to h and to 1
    assertThat(RSquared.of(h, c)).isWithin(1e-12).of(0.5);
  }

  @Test
  void undefinedCasesSayWhy() {
    double[][] h = {{1}, {2}, {3}};
    assertThat(assertThrows(IllegalArgumentException.class, () -> RSquared.of(h, new double[] {4, 4, 4})))
        .hasMessageThat().contains("the invariant is constant");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> RSquared.of(new double[][] {{1}, {1}, {1}}, new double[] {1, 2, 3})))
        .hasMessageThat().contains("learned output is constant");
    assertThat(assertThrows(IllegalArgumentException.class, () -> RSquared.of(h, new double[] {1, 2})))
        .hasMessageThat().contains("3 learned rows but 2 invariant values");
    double[][] collinear = {{1, 2}, {2, 4}, {3, 6}, {4, 8}, {5, 10}};
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> RSquared.of(collinear, new double[] {1, 3, 2, 5, 4})))
        .hasMessageThat().contains("collinear");
  }

  @Test
  void theCubicFigureForgivesASmoothReparametrisationButNotAnotherQuantity() {
    // The spring mass's case: H = r^1.5 on r ~ U[0.3, 1.2) learns a function of E = r², not E itself.
    SplittableRandom rng = new SplittableRandom(4);
    int n = 5000;
    double[][] warped = new double[n][1];
    double[][] other = new double[n][1];
    double[] energy = new double[n];
    for (int i = 0; i < n; i++) {
      double r = rng.nextDouble(0.3, 1.2);
      energy[i] = r * r;
      warped[i][0] = Math.pow(r, 1.5);
      other[i][0] = rng.nextDouble(-1, 1);
    }
    double linear = RSquared.of(warped, energy);
    assertThat(linear).isWithin(2e-3).of(0.9945); // the closed form over U[0.3, 1.2): 0.99452
    assertThat(RSquared.cubic(warped, energy)).isGreaterThan(0.99999);
    assertThat(RSquared.cubic(other, energy)).isLessThan(5e-3); // E[R²] = 3 / (n − 1)
  }

  @Test
  void theCubicFigureUsesEveryMonomialOfSeveralOutputs() {
    // c = h0·h1² + h1 needs the mixed cubic term; the 9 monomials of two outputs contain it
    SplittableRandom rng = new SplittableRandom(5);
    double[][] h = new double[300][2];
    double[] c = new double[300];
    for (int i = 0; i < c.length; i++) {
      h[i][0] = rng.nextDouble(-1, 1);
      h[i][1] = rng.nextDouble(2, 4);
      c[i] = h[i][0] * h[i][1] * h[i][1] + h[i][1];
    }
    assertThat(RSquared.of(h, c)).isLessThan(0.99);
    assertThat(RSquared.cubic(h, c)).isWithin(1e-10).of(1.0);
    double[][] both = new double[c.length][];
    for (int i = 0; i < c.length; i++) {
      both[i] = new double[] {c[i], h[i][0]};
    }
    double[] each = RSquared.cubicEach(h, both);
    assertThat(each[0]).isWithin(1e-10).of(1.0);
    assertThat(each[1]).isWithin(1e-10).of(1.0);
    double[][] ten = java.util.Arrays.copyOf(h, 10);
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> RSquared.cubic(ten, java.util.Arrays.copyOf(c, 10))))
        .hasMessageThat().contains("10 points are too few to fit an intercept and the 9 cubic terms of 2 outputs");
  }

  @Test
  void theCubicFigureSaysWhichOutputIsConstant() {
    double[][] h = {{1, 5}, {2, 5}, {3, 5}, {4, 5}, {5, 5}, {6, 5}, {7, 5}, {8, 5}, {9, 5}, {10, 5}, {11, 5}, {12, 5}};
    double[] c = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    assertThat(assertThrows(IllegalArgumentException.class, () -> RSquared.cubic(h, c)))
        .hasMessageThat().contains("learned output 1 is constant");
  }
}
