/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.concernet.data.Trajectories;
import org.concernet.io.AtomicFiles;

/**
 * A single learned invariant h put on the flow's own scale: H = g(h), g increasing, with
 * g'(h)·|∇h(x)| fitted to the speed |ẋ| over the training points ({@code protocol.Calibrate}).
 *
 * <p>Any increasing g(h) of an invariant is an invariant with the same level sets, so the
 * contrastive loss cannot choose among them, and the network's own warp can be far from the
 * quantity a user knows (a hardening oscillator's energy spans decades; the network learns
 * something closer to its logarithm). For a Hamiltonian system in canonical coordinates the flow
 * is ẋ = J∇E, so |ẋ| = |∇E| at every point and the g that matches the speed is E itself up to a
 * constant. Whether such a g exists is measured, not assumed: g' is a quartic in the standardised
 * h, fitted by least squares, and the scale is used only when it reproduces the speeds to a
 * relative root-mean-square error of at most {@link #MAX_RELATIVE_ERROR} and g' is positive over
 * the training range. Elsewhere (Lotka–Volterra, an epidemic: the speed varies along a level set,
 * errors of 45-90%) H stays the network's output. Beyond the training range g continues linearly.
 *
 * <p>Only values and gradients of H change; its level sets, and with them ConCerNet's projection,
 * the level-set model and the quality figures (computed on the network's output), do not.
 */
public final class InvariantScale {
  /** The largest relative root-mean-square error of the speeds at which the scale is used. */
  public static final double MAX_RELATIVE_ERROR = 0.1;
  /** Degree of the polynomial g' in the standardised h. */
  static final int DEGREE = 4;
  static final String FILE = "invariant-scale.json";
  private static final int POSITIVITY_CHECKS = 201;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final double mean;
  private final double std;
  private final double low;
  private final double high;
  private final double[] coefficients;
  private final double relativeError;

  private InvariantScale(double mean, double std, double low, double high, double[] coefficients,
      double relativeError) {
    this.mean = mean;
    this.std = std;
    this.low = low;
    this.high = high;
    this.coefficients = coefficients.clone();
    this.relativeError = relativeError;
  }

  /** What {@link #fit} found: the scale when it is used, and its relative error either way. */
  public record Fit(Optional<InvariantScale> scale, double relativeError, int points) {
    /** One line for the console and the seed's notes. */
    public String describe() {
      if (scale.isPresent()) {
        return String.format(Locale.ROOT, "H on the flow's scale (calibrate = auto): H = g(h), g' fitted so that"
            + " |∇H| matches the speed |ẋ| at the %d training points to %.1f%% (relative rms; at most %.0f%%"
            + " is used): for a Hamiltonian system H is its energy up to a constant", points, 100 * relativeError,
            100 * MAX_RELATIVE_ERROR);
      }
      return Double.isNaN(relativeError)
          ? "H left as the network's output (calibrate = auto): no increasing g matches the speeds |ẋ| on the"
              + " training points"
          : String.format(Locale.ROOT, "H left as the network's output (calibrate = auto): the speed |ẋ| is not"
              + " a function of H on its level sets (the best g misses it by %.0f%% relative rms at the %d"
              + " training points, above %.0f%%), so the flow fixes no scale for H", 100 * relativeError, points,
              100 * MAX_RELATIVE_ERROR);
    }
  }

  /**
   * Fits g on the training points of {@code data} (states in the system's units, with
   * derivatives): {@code value} gives h(x), {@code gradient} gives ∂h/∂x in the same units.
   *
   * @throws IllegalArgumentException if {@code data} has no derivatives
   */
  public static Fit fit(Trajectories data, ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
    if (!data.hasDerivatives()) {
      throw new IllegalArgumentException("the flow's scale needs derivatives in the training data");
    }
    int n = data.count() * data.length();
    double[] h = new double[n];
    double[] slope = new double[n];
    double[] speed = new double[n];
    int p = 0;
    for (int i = 0; i < data.count(); i++) {
      for (int t = 0; t < data.length(); t++) {
        double[] x = data.state(i, t);
        h[p] = value.applyAsDouble(x);
        slope[p] = norm(gradient.apply(x));
        speed[p] = norm(data.derivative(i, t));
        p++;
      }
    }
    return fit(h, slope, speed);
  }

  /** The fit on given values h_i, gradient norms |∇h_i| and speeds |ẋ_i|. */
  static Fit fit(double[] h, double[] slope, double[] speed) {
    int n = h.length;
    double mean = Arrays.stream(h).average().orElse(Double.NaN);
    double std = Math.sqrt(Arrays.stream(h).map(v -> (v - mean) * (v - mean)).sum() / n);
    double speeds = Arrays.stream(speed).map(v -> v * v).sum();
    if (n <= DEGREE + 1 || !(std > 0) || !Double.isFinite(std) || !(speeds > 0) || !Double.isFinite(speeds)
        || !Arrays.stream(slope).allMatch(Double::isFinite)) {
      return new Fit(Optional.empty(), Double.NaN, n);
    }
    double[][] design = new double[n][DEGREE + 1];
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double u = (h[i] - mean) / std;
      low = Math.min(low, u);
      high = Math.max(high, u);
      double power = 1;
      for (int k = 0; k <= DEGREE; k++) {
        design[i][k] = slope[i] * power;
        power *= u;
      }
    }
    double[] c;
    try {
      c = new QRDecomposition(new Array2DRowRealMatrix(design, false)).getSolver()
          .solve(new ArrayRealVector(speed, false)).toArray();
    } catch (SingularMatrixException e) {
      return new Fit(Optional.empty(), Double.NaN, n);
    }
    double residual = 0;
    for (int i = 0; i < n; i++) {
      double fitted = 0;
      for (int k = 0; k <= DEGREE; k++) {
        fitted += design[i][k] * c[k];
      }
      residual += (speed[i] - fitted) * (speed[i] - fitted);
    }
    double error = Math.sqrt(residual / speeds);
    InvariantScale scale = new InvariantScale(mean, std, low, high, c, error);
    boolean increasing = true;
    for (int j = 0; j < POSITIVITY_CHECKS; j++) {
      increasing &= scale.derivative(low + (high - low) * j / (POSITIVITY_CHECKS - 1)) > 0;
    }
    return new Fit(increasing && error <= MAX_RELATIVE_ERROR ? Optional.of(scale) : Optional.empty(), error, n);
  }

  /** g'(h) in the standardised u = (h − mean)/std, held at its end values beyond the training range. */
  private double derivative(double u) {
    double clamped = Math.max(low, Math.min(high, u));
    double out = 0;
    for (int k = DEGREE; k >= 0; k--) {
      out = out * clamped + coefficients[k];
    }
    return out;
  }

  /** std · ∫ g' du from the low end of the training range, inside it. */
  private double integral(double u) {
    double out = 0;
    double atLow = 0;
    for (int k = DEGREE; k >= 0; k--) {
      out = out * u + coefficients[k] / (k + 1);
      atLow = atLow * low + coefficients[k] / (k + 1);
    }
    return std * (out * u - atLow * low);
  }

  /** H = g(h): 0 at the lowest training value, increasing, linear beyond the training range. */
  public double apply(double h) {
    double u = (h - mean) / std;
    if (u < low) {
      return std * derivative(low) * (u - low);
    }
    if (u > high) {
      return integral(high) + std * derivative(high) * (u - high);
    }
    return integral(u);
  }

  /** dH/dh = g'(h) (positive). */
  public double slope(double h) {
    return derivative((h - mean) / std);
  }

  /** The relative root-mean-square error of the speeds the scale was fitted with. */
  public double relativeError() {
    return relativeError;
  }

  /** Writes the scale into {@code folder}/invariant-scale.json, as {@link #load} reads it. */
  void save(Path folder) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mean", mean);
    json.put("std", std);
    json.put("low", low);
    json.put("high", high);
    json.put("coefficients", coefficients);
    json.put("relativeError", relativeError);
    Files.createDirectories(folder);
    AtomicFiles.write(folder.resolve(FILE), JSON.writeValueAsString(json) + "\n");
  }

  /**
   * The scale saved in {@code folder}, or empty when there is none.
   *
   * @throws IOException naming the file, when it is unreadable or incomplete
   */
  static Optional<InvariantScale> load(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode node = JSON.readTree(file.toFile());
    double[] c = JSON.convertValue(node.path("coefficients"), double[].class);
    double[] numbers = {node.path("mean").asDouble(Double.NaN), node.path("std").asDouble(Double.NaN),
        node.path("low").asDouble(Double.NaN), node.path("high").asDouble(Double.NaN),
        node.path("relativeError").asDouble(Double.NaN)};
    if (c == null || c.length != DEGREE + 1 || !Arrays.stream(c).allMatch(Double::isFinite)
        || !Arrays.stream(numbers).allMatch(Double::isFinite) || !(numbers[1] > 0) || !(numbers[3] >= numbers[2])) {
      throw new IOException(file + ": expected a finite mean, a positive std, low <= high, a relativeError and "
          + (DEGREE + 1) + " finite coefficients");
    }
    return Optional.of(new InvariantScale(numbers[0], numbers[1], numbers[2], numbers[3], c, numbers[4]));
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "InvariantScale[g' quartic in (h - %.4g)/%.4g on [%.3f, %.3f], error %.3f]",
        mean, std, low, high, relativeError);
  }
}
