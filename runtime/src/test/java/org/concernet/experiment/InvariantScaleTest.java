/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InvariantScale}: from a warped invariant and the flow's speeds it recovers a Hamiltonian
 * system's energy, and it declines where the speed is not a function of the invariant.
 */
class InvariantScaleTest {
  /** A hardening oscillator q' = p, p' = −q − 4q³, energy p²/2 + q²/2 + q⁴, over energies 0.02 … 6. */
  private static double energy(double q, double p) {
    return p * p / 2 + q * q / 2 + q * q * q * q;
  }

  private static List<double[]> duffingStates() {
    SplittableRandom random = new SplittableRandom(7);
    List<double[]> states = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      double angle = random.nextDouble(0, 2 * Math.PI);
      double radius = random.nextDouble(0.2, 1.5);
      states.add(new double[] {radius * Math.cos(angle), radius * Math.sin(angle)});
    }
    return states;
  }

  /** h = ln E, the kind of warp a network learns: |∇h| = |∇E| / E, and the speed |ẋ| = |∇E|. */
  private static InvariantScale.Fit logWarpedDuffing(List<double[]> states) {
    double[] h = new double[states.size()];
    double[] slope = new double[states.size()];
    double[] speed = new double[states.size()];
    for (int i = 0; i < h.length; i++) {
      double q = states.get(i)[0];
      double p = states.get(i)[1];
      double e = energy(q, p);
      double gradientNorm = Math.hypot(q + 4 * q * q * q, p);
      h[i] = Math.log(e);
      slope[i] = gradientNorm / e;
      speed[i] = gradientNorm;
    }
    return InvariantScale.fit(h, slope, speed);
  }

  @Test
  void recoversAHamiltonianSystemsEnergyFromAWarpedInvariant() {
    List<double[]> states = duffingStates();
    InvariantScale.Fit fit = logWarpedDuffing(states);
    assertThat(fit.scale()).isPresent();
    assertThat(fit.relativeError()).isLessThan(InvariantScale.MAX_RELATIVE_ERROR);
    assertThat(fit.describe()).startsWith("H on the flow's scale (calibrate = auto): H = g(h)");
    InvariantScale g = fit.scale().get();
    // g(ln E) = E − E_min up to the quartic's error: compare differences from a reference state
    double reference = energy(0.6, 0.0);
    double worst = 0;
    for (double[] x : states) {
      double e = energy(x[0], x[1]);
      double recovered = g.apply(Math.log(e)) - g.apply(Math.log(reference));
      worst = Math.max(worst, Math.abs(recovered - (e - reference)));
      assertThat(g.slope(Math.log(e))).isGreaterThan(0.0);
    }
    // energies span 0.02 … 6: the quartic g' reproduces E to a few hundredths everywhere
    assertThat(worst).isLessThan(0.1);
    double linear = org.concernet.eval.RSquared.of(
        states.stream().map(x -> new double[] {g.apply(Math.log(energy(x[0], x[1])))}).toArray(double[][]::new),
        states.stream().mapToDouble(x -> energy(x[0], x[1])).toArray());
    assertThat(linear).isGreaterThan(0.999);
  }

  @Test
  void declinesWhereTheSpeedIsNotAFunctionOfTheInvariant() {
    // Lotka–Volterra, x' = x − xy, y' = xy − y, h = x − ln x + y − ln y: the speed along a level set
    // varies with xy, so no g(h) matches it
    SplittableRandom random = new SplittableRandom(3);
    int n = 2000;
    double[] h = new double[n];
    double[] slope = new double[n];
    double[] speed = new double[n];
    for (int i = 0; i < n; i++) {
      double angle = random.nextDouble(0, 2 * Math.PI);
      double radius = random.nextDouble(0.1, 0.6);
      double x = 1 + radius * Math.cos(angle);
      double y = 1 + radius * Math.sin(angle);
      h[i] = x - Math.log(x) + y - Math.log(y);
      slope[i] = Math.hypot(1 - 1 / x, 1 - 1 / y);
      speed[i] = Math.hypot(x - x * y, x * y - y);
    }
    InvariantScale.Fit fit = InvariantScale.fit(h, slope, speed);
    assertThat(fit.scale()).isEmpty();
    assertThat(fit.relativeError()).isGreaterThan(InvariantScale.MAX_RELATIVE_ERROR);
    assertThat(fit.describe()).contains("the speed |ẋ| is not a function of H on its level sets");
  }

  @Test
  void aConstantInvariantOrNonFiniteGradientsGiveNoScale() {
    InvariantScale.Fit constant = InvariantScale.fit(new double[] {1, 1, 1, 1, 1, 1, 1, 1},
        new double[] {1, 1, 1, 1, 1, 1, 1, 1}, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(constant.scale()).isEmpty();
    assertThat(constant.describe()).contains("no increasing g matches");
    InvariantScale.Fit nan = InvariantScale.fit(new double[] {1, 2, 3, 4, 5, 6, 7, 8},
        new double[] {1, 1, Double.NaN, 1, 1, 1, 1, 1}, new double[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(nan.scale()).isEmpty();
  }

  @Test
  void continuesLinearlyAndContinuouslyBeyondTheTrainingRange() {
    InvariantScale g = logWarpedDuffing(duffingStates()).scale().orElseThrow();
    double lowest = Math.log(energy(0.2, 0));
    double highest = Math.log(energy(1.5, 0));
    // the training range ends somewhere inside [lowest, highest]; probe well outside it
    for (double end : new double[] {lowest - 0.5, highest + 0.5}) {
      double step = 1e-3;
      double before = g.apply(end - step);
      double after = g.apply(end + step);
      assertThat((after - before) / (2 * step)).isWithin(1e-6 * g.slope(end)).of(g.slope(end));
      assertThat(g.slope(end - 0.3)).isEqualTo(g.slope(end));  // held at its end value
    }
    // increasing over everything, and continuous (no jump larger than the slope allows)
    double previous = g.apply(lowest - 2);
    for (double v = lowest - 2; v <= highest + 2; v += 1e-3) {
      double value = g.apply(v);
      assertThat(value).isAtLeast(previous);
      assertThat(value - previous).isAtMost(2e-3 * g.slope(v) + 1e-12);
      previous = value;
    }
  }

  @Test
  void savedAndLoadedBack(@TempDir Path folder) throws IOException {
    InvariantScale g = logWarpedDuffing(duffingStates()).scale().orElseThrow();
    g.save(folder);
    InvariantScale loaded = InvariantScale.load(folder).orElseThrow();
    for (double v = -5; v < 3; v += 0.37) {
      assertThat(loaded.apply(v)).isEqualTo(g.apply(v));
      assertThat(loaded.slope(v)).isEqualTo(g.slope(v));
    }
    assertThat(loaded.relativeError()).isEqualTo(g.relativeError());
    assertThat(InvariantScale.load(folder.resolve("elsewhere"))).isEqualTo(Optional.empty());
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt(@TempDir Path folder) throws IOException {
    Path file = folder.resolve(InvariantScale.FILE);
    Files.writeString(file, "{\"mean\": 0.5, \"std\": -1, \"low\": 0, \"high\": 1, \"coefficients\": [1, 2],"
        + " \"relativeError\": 0.01}\n");
    IOException e = assertThrows(IOException.class, () -> InvariantScale.load(folder));
    assertThat(e).hasMessageThat().startsWith(file.toString());
    assertThat(e).hasMessageThat().contains("5 finite coefficients");
  }
}
