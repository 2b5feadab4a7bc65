/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class GradientSpanTest {
  private static final double DELTA = GradientSpan.DEPENDENCE_TOLERANCE;

  @Test
  void rankCountsIndependentGradients() {
    double[] a = {1, 2, 0, -1};
    double[] b = {0, 1, 3, 1};
    double[] sum = {1, 3, 3, 0};
    assertThat(GradientSpan.rank(new double[][] {a, b}, DELTA)).isEqualTo(2);
    assertThat(GradientSpan.rank(new double[][] {a, b, sum}, DELTA)).isEqualTo(2);
    assertThat(GradientSpan.rank(new double[][] {a, new double[4]}, DELTA)).isEqualTo(1);
    assertThat(GradientSpan.rank(new double[][] {new double[4], new double[4]}, DELTA)).isEqualTo(0);
    assertThat(GradientSpan.rank(new double[][] {a, {Double.NaN, 0, 0, 0}}, DELTA)).isEqualTo(1);
  }

  @Test
  void rankIsRelativeToTheThreshold() {
    // b at an angle θ to a: sin θ above δ counts, below does not, whatever the lengths
    for (double scale : new double[] {1e-6, 1, 1e6}) {
      assertThat(GradientSpan.rank(new double[][] {{1, 0}, {scale * Math.cos(0.02), scale * Math.sin(0.02)}}, DELTA))
          .isEqualTo(2);
      assertThat(GradientSpan.rank(new double[][] {{1, 0}, {scale * Math.cos(0.005), scale * Math.sin(0.005)}}, DELTA))
          .isEqualTo(1);
    }
  }

  @Test
  void basisIsOrthonormalAndSpansTheGradients() {
    double[][] g = {{3, 0, 4}, {1, 1, 1}};
    double[][] q = GradientSpan.basis(g, DELTA);
    assertThat(q).hasLength(2);
    assertThat(GradientSpan.dot(q[0], q[0])).isWithin(1e-14).of(1);
    assertThat(GradientSpan.dot(q[1], q[1])).isWithin(1e-14).of(1);
    assertThat(GradientSpan.dot(q[0], q[1])).isWithin(1e-14).of(0);
    assertThat(GradientSpan.offSpan(g[0], q)).isWithin(1e-14).of(0);
    assertThat(GradientSpan.offSpan(g[1], q)).isWithin(1e-14).of(0);
    // (4, 0, -3) is normal to both: entirely off the span
    double[] normal = {1 * 0 - 4 * 1, 4 * 1 - 3 * 1, 3 * 1 - 0 * 1};
    assertThat(GradientSpan.offSpan(normal, q)).isWithin(1e-14).of(1);
    assertThat(GradientSpan.offSpan(new double[3], q)).isEqualTo(1.0);
  }
}
