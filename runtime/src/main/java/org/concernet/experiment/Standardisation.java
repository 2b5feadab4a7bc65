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
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.io.AtomicFiles;
import org.concernet.latent.LearnedAutoencoder;
import org.concernet.latent.StateSpace;
import org.concernet.nn.Activation;
import org.concernet.protocol.Standardise;

/**
 * Measured states standardised coordinate by coordinate, z_k = (x_k − mean_k) / std_k, with the
 * mean and standard deviation of the training points: the space a measured experiment learns in,
 * so that a spring measured in pixels (±250) and a pendulum in radians (±1.5) both reach the
 * networks at order one. Derivatives scale by 1 / std_k; H(z(x)) conserved in z is conserved in x.
 * Every figure a measured run reports is in the file's own units.
 */
final class Standardisation implements StateSpace {
  /** Root mean square of a state's training points above which {@link Standardise#AUTO} standardises. */
  static final double AUTO_MAX_RMS = 10;

  /** Standard deviation of a state's training points below which {@link Standardise#AUTO} standardises. */
  static final double AUTO_MIN_STD = 0.01;

  private static final String FILE = "standardisation.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final double[] mean;
  private final double[] std;

  private Standardisation(double[] mean, double[] std) {
    this.mean = mean;
    this.std = std;
  }

  /**
   * The standardisation of every point of {@code data}.
   *
   * @throws IllegalArgumentException naming the coordinate when it never changes (std 0)
   */
  static Standardisation of(Trajectories data) {
    int n = data.dimension();
    double[] mean = new double[n];
    double[] square = new double[n];
    double[][] points = data.pointStates();
    for (double[] x : points) {
      for (int k = 0; k < n; k++) {
        mean[k] += x[k] / points.length;
      }
    }
    for (double[] x : points) {
      for (int k = 0; k < n; k++) {
        square[k] += (x[k] - mean[k]) * (x[k] - mean[k]) / points.length;
      }
    }
    double[] std = new double[n];
    for (int k = 0; k < n; k++) {
      std[k] = Math.sqrt(square[k]);
      boolean constant = true;
      for (double[] x : points) {
        constant &= x[k] == points[0][k];
      }
      if (constant || !(std[k] > 0)) {
        throw new IllegalArgumentException("state '" + data.stateNames().get(k) + "' has the same value "
            + points[0][k] + " at every training point: nothing to learn from it");
      }
      if (!Double.isFinite(mean[k]) || !Double.isFinite(std[k])) {
        int state = k;
        throw new IllegalArgumentException("state '" + data.stateNames().get(k) + "' cannot be standardised: the mean"
            + " or variance of its training points is not finite in double precision (values up to "
            + Arrays.stream(points).mapToDouble(x -> Math.abs(x[state])).max().orElse(Double.NaN) + ")");
      }
    }
    return new Standardisation(mean, std);
  }

  /**
   * The standardisation a system with equations learns in under {@code mode}, with the reason, or
   * empty for its own states: always for {@link Standardise#ON}, never for {@link Standardise#OFF},
   * and for {@link Standardise#AUTO} when the networks' activation saturates (tanh) and some state's
   * training points have a root mean square above {@link #AUTO_MAX_RMS} (they would saturate the
   * first layer) or a standard deviation below {@link #AUTO_MIN_STD} (they would barely move it).
   * A ReLU network is positively homogeneous, ReLU(a·x) = a·ReLU(x), so the scale of its inputs only
   * rescales its first layer: AUTO leaves it on the states as declared (chemical kinetics, ReLU,
   * concentrations up to 200 in its rollouts, measured 1000× worse standardised; docs/generality.md).
   */
  static Optional<Chosen> chosen(Standardise mode, Activation activation, Trajectories data) {
    if (mode == Standardise.OFF || mode == Standardise.AUTO && activation != Activation.TANH) {
      return Optional.empty();
    }
    Standardisation z;
    try {
      z = of(data);
    } catch (IllegalArgumentException e) {
      if (mode == Standardise.AUTO) {
        return Optional.empty(); // a constant or overflowing state: learned as declared, as before AUTO existed
      }
      throw e;
    }
    if (mode == Standardise.ON) {
      return Optional.of(new Chosen(z, "standardise = on"));
    }
    for (int k = 0; k < z.mean.length; k++) {
      double rms = Math.sqrt(z.mean[k] * z.mean[k] + z.std[k] * z.std[k]);
      String state = "state '" + data.stateNames().get(k) + "'";
      if (rms > AUTO_MAX_RMS) {
        return Optional.of(new Chosen(z, String.format(Locale.ROOT,
            "standardise = auto: %s has root mean square %.3g over the training points, above %s", state, rms,
            plain(AUTO_MAX_RMS))));
      }
      if (z.std[k] < AUTO_MIN_STD) {
        return Optional.of(new Chosen(z, String.format(Locale.ROOT,
            "standardise = auto: %s has standard deviation %.3g over the training points, below %s", state,
            z.std[k], plain(AUTO_MIN_STD))));
      }
    }
    return Optional.empty();
  }

  /** A standardisation and why it was chosen. */
  record Chosen(Standardisation space, String reason) {
    /** The seed's note: why, and the mean and std used. */
    String describe() {
      return "states standardised (" + reason + "): " + space.describe();
    }
  }

  /** The mean and std per state, for notes. */
  String describe() {
    return String.format(Locale.ROOT, "mean %s, std %s", format(mean), format(std));
  }

  private static String plain(double threshold) {
    return java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
  }

  private static String format(double[] values) {
    StringBuilder out = new StringBuilder("[");
    for (int k = 0; k < values.length; k++) {
      out.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4g", values[k]));
    }
    return out.append(']').toString();
  }

  /** Writes the mean and std into {@code folder}/standardisation.json, as {@link #load} reads them. */
  void save(Path folder) throws IOException {
    Map<String, double[]> json = new LinkedHashMap<>();
    json.put("mean", mean);
    json.put("std", std);
    Files.createDirectories(folder);
    AtomicFiles.write(folder.resolve(FILE), JSON.writeValueAsString(json) + "\n");
  }

  /**
   * The standardisation saved in {@code folder}, or empty when there is none.
   *
   * @throws IOException naming the file, when it is unreadable or its mean and std do not match
   */
  static Optional<Standardisation> load(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode node = JSON.readTree(file.toFile());
    double[] mean = JSON.convertValue(node.path("mean"), double[].class);
    double[] std = JSON.convertValue(node.path("std"), double[].class);
    if (mean == null || std == null || mean.length != std.length || mean.length == 0
        || Arrays.stream(std).anyMatch(v -> !(v > 0) || !Double.isFinite(v))) {
      throw new IOException(file + ": expected a mean and a std of the same length, every std positive and finite");
    }
    return Optional.of(new Standardisation(mean, std));
  }

  double[] mean() {
    return mean.clone();
  }

  double[] std() {
    return std.clone();
  }

  @Override
  public Optional<LearnedAutoencoder> autoencoder() {
    return Optional.empty();
  }

  @Override
  public double[] encode(double[] x) {
    double[] z = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      z[k] = (x[k] - mean[k]) / std[k];
    }
    return z;
  }

  @Override
  public double[] decode(double[] z) {
    double[] x = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      x[k] = mean[k] + std[k] * z[k];
    }
    return x;
  }

  @Override
  public Trajectories encode(Trajectories data) {
    int count = data.count();
    int length = data.length();
    int n = data.dimension();
    double[] states = data.statesFlat();
    double[] derivatives = data.hasDerivatives() ? data.derivativesFlat() : null;
    for (int p = 0; p < count * length; p++) {
      for (int k = 0; k < n; k++) {
        states[p * n + k] = (states[p * n + k] - mean[k]) / std[k];
        if (derivatives != null) {
          derivatives[p * n + k] /= std[k];
        }
      }
    }
    return Trajectories.ofFlat(data.stateNames(), count, length, data.timesFlat(), states, derivatives);
  }

  @Override
  public Rollout decode(Rollout rollout) {
    double[][][] states = new double[rollout.count()][rollout.length()][];
    for (int i = 0; i < rollout.count(); i++) {
      for (int t = 0; t < rollout.length(); t++) {
        states[i][t] = decode(rollout.state(i, t));
      }
    }
    return new Rollout(rollout.times(), states, rollout.substeps());
  }

  @Override
  public double[] decodeVelocity(double[] z, double[] v) {
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = std[k] * v[k];
    }
    return out;
  }

  @Override
  public double[][] pullBack(double[] x, double[][] inSpace) {
    return scaleRows(inSpace, true);
  }

  @Override
  public double[][] pushForward(double[] z, double[][] inStates) {
    return scaleRows(inStates, false);
  }

  /** Row k of {@code g} divided ({@code divide}) or multiplied by std_k. */
  private double[][] scaleRows(double[][] g, boolean divide) {
    double[][] out = new double[g.length][];
    for (int k = 0; k < g.length; k++) {
      double factor = divide ? 1 / std[k] : std[k];
      out[k] = new double[g[k].length];
      for (int j = 0; j < g[k].length; j++) {
        out[k][j] = g[k][j] * factor;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "standardised: mean %s, std %s", Arrays.toString(mean), Arrays.toString(std));
  }
}
