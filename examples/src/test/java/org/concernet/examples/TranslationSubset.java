/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.Parameter;
import org.concernet.annotations.State;

/**
 * Not a physical system: exercises every construct of the translatable subset, so the test can
 * check that the generated graph form computes what the Java methods compute.
 */
@DynamicalSystem(name = "Subset")
final class TranslationSubset {
  static final int N = 4;
  static final double HALF = 0.5;

  @Parameter double k = 1.5;
  @State(min = -0.9, max = 0.9) double a;
  @State(min = -0.9, max = 0.9) double b;
  @State(size = N, min = -0.9, max = 0.9) double[] v;

  double square(double x) {
    return x * x;
  }

  double weighted(double x, int times) {
    double sum = 0;
    int i = 0;
    while (i < times) {
      sum += x / (i + 1);
      i++;
    }
    return sum;
  }

  int clamp(int i) {
    return Math.max(0, Math.min(N - 1, i));
  }

  @Derivative("a")
  double da() {
    double r = Math.sqrt(square(a) + this.b * b + 1e-3);
    double s = Math.sin(a) * Math.cos(b) + Math.tan(a) - Math.exp(b) + Math.expm1(a) + Math.log(1 + r)
        + Math.log1p(r) + Math.log10(2 + a) + Math.asin(a) + Math.acos(b) + Math.atan(a);
    s -= Math.atan2(a, b) * Math.sinh(a) / Math.cosh(b);
    s *= Math.tanh(a) + 2;
    s /= 1 + Math.abs(b);
    return s + Math.pow(1 + a * a, 1.5) + Math.hypot(a, b) + Math.cbrt(b) + Math.max(a, b) - Math.min(a, k)
        + Math.signum(b) + Math.PI * Math.E + 1 / 2 * a + HALF * (3 / 2) - (double) (7 % 3);
  }

  @Derivative("b")
  double db() {
    return -k * a + weighted(b, 3) + (N > 3 ? a : b);
  }

  @Derivative("v")
  double[] dv() {
    double[] out = new double[v.length];
    double[] weights = {1, 2, 3, 4};
    for (int i = 0; i < N; i++) {
      if (i % 2 == 0) {
        out[i] = v[clamp(i + 1)] - v[i];
      } else if (i == 1) {
        out[i] = weights[i] * v[i];
      } else {
        out[i] = -v[i] * a;
      }
      out[i] += (double) i / N;
    }
    int j = N;
    do {
      j--;
      out[j] *= k;
    } while (j > 2);
    return out;
  }

  @Invariant
  double sum() {
    double total = a + b;
    for (double value : v) {
      total += value;
    }
    return total;
  }

  @Invariant(name = "quadratic")
  double norm() {
    double total = 0;
    for (int i = 0; i < v.length; i += 1) {
      total = total + square(v[i]);
    }
    return total;
  }
}
