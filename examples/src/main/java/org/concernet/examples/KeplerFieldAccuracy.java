/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.concernet.experiment.TrainedModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * How well the learned Kepler vector fields pull towards the centre. Along the circular orbit of
 * each radius r (turning the way the training orbits do, velocity along (y, −x)/r with speed
 * r^−1/2), it compares a field's acceleration with the true −(x, y)/r³: the radial part as a
 * relative error, positive for too strong a pull, and the tangential part relative to 1/r². The
 * angular speed of a circular orbit goes as the square root of the pull, so a mean radial error δ
 * puts a rollout about πNδ radians out of phase after N revolutions: under one radian over the 19
 * revolutions an orbit of radius 0.12 makes in Kepler's horizon of 5 needs |δ| under 1.7%.
 *
 * <pre>
 * mvn -B -q -Pexperiment package -DskipTests -Dexperiment=org.concernet.examples.KeplerFieldAccuracy \
 *     -Dexperiment.args="target/concernet/Kepler"
 * </pre>
 */
@Command(name = "KeplerFieldAccuracy", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Radial and tangential error of the learned Kepler fields along circular orbits, per seed.")
public final class KeplerFieldAccuracy implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "A KeplerExperiment output folder (it holds models/seed-N/).")
  Path folder;

  @Option(names = "--radii", split = ",", paramLabel = "R",
      description = "Orbit radii, comma-separated. Default: 0.1,0.12,0.15,0.2,0.3,0.5,0.8.")
  List<Double> radii = List.of(0.1, 0.12, 0.15, 0.2, 0.3, 0.5, 0.8);

  @Option(names = "--angles", paramLabel = "N", defaultValue = "64",
      description = "Points per orbit, evenly spaced. Default: ${DEFAULT-VALUE}.")
  int angles;

  @Spec CommandSpec spec;

  PrintStream out = System.out;

  /**
   * A field's error along one circular orbit.
   *
   * @param radius the orbit's radius r
   * @param radialMean mean over the orbit of (learned radial pull) / (1/r²) − 1
   * @param radialStd its standard deviation over the orbit (population)
   * @param tangentialMean mean over the orbit of the tangential acceleration (along the motion) × r²
   */
  public record RingError(double radius, double radialMean, double radialStd, double tangentialMean) {}

  /**
   * The error of {@code field} (a state (x, y, vx, vy) ↦ its derivative) along the circular orbit
   * of {@code radius}, at {@code angles} evenly spaced points.
   */
  public static RingError ringError(UnaryOperator<double[]> field, double radius, int angles) {
    if (!(radius > 0) || angles < 1) {
      throw new IllegalArgumentException("need a positive radius and at least one angle, got radius " + radius
          + " and " + angles + " angles");
    }
    double speed = 1 / Math.sqrt(radius);
    double sum = 0;
    double squares = 0;
    double tangential = 0;
    for (int i = 0; i < angles; i++) {
      double theta = 2 * Math.PI * i / angles;
      double c = Math.cos(theta);
      double s = Math.sin(theta);
      double[] f = field.apply(new double[] {radius * c, radius * s, speed * s, -speed * c});
      double radial = -(f[2] * c + f[3] * s) * radius * radius - 1;
      sum += radial;
      squares += radial * radial;
      tangential += (f[2] * s - f[3] * c) * radius * radius;
    }
    double mean = sum / angles;
    return new RingError(radius, mean, Math.sqrt(Math.max(0, squares / angles - mean * mean)), tangential / angles);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new KeplerFieldAccuracy()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    if (angles < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--angles must be at least 1, was " + angles);
    }
    for (double r : radii) {
      if (!(r > 0)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--radii must be positive, got " + r);
      }
    }
    List<Path> seeds = seedFolders(folder.resolve("models"));
    if (seeds.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "no models/seed-N folders in " + folder
          + ": run KeplerExperiment with --out " + folder + " first");
    }
    out.println("Radial error: learned pull / true pull − 1 along circular orbits, mean ± std over the orbit;");
    out.println("tangential: mean acceleration along the motion × r². Positive radial = pulls too hard.");
    for (Path seed : seeds) {
      TrainedModels models = TrainedModels.load(seed);
      if (models.learnedInvariant().inputSize() != 4) {
        throw new IllegalArgumentException(seed + " holds models of a " + models.learnedInvariant().inputSize()
            + "-dimensional state, not Kepler's (x, y, vx, vy)");
      }
      out.printf(Locale.ROOT, "%n%s%n%-8s %-19s %-11s %-19s %-11s%n", seed.getFileName(), "radius",
          "baseline radial", "tangential", "ConCerNet radial", "tangential");
      for (double r : radii) {
        RingError b = ringError(models.baseline()::vectorField, r, angles);
        RingError c = ringError(models::vectorField, r, angles);
        out.printf(Locale.ROOT, "%-8.3f %-19s %-11s %-19s %-11s%n", r, percent(b.radialMean(), b.radialStd()),
            String.format(Locale.ROOT, "%+.2f%%", 100 * b.tangentialMean()), percent(c.radialMean(), c.radialStd()),
            String.format(Locale.ROOT, "%+.2f%%", 100 * c.tangentialMean()));
      }
    }
    return 0;
  }

  private static String percent(double mean, double std) {
    return String.format(Locale.ROOT, "%+.2f%% ± %.2f%%", 100 * mean, 100 * std);
  }

  /** The seed-N folders under {@code models}, in seed order; empty when there are none. */
  static List<Path> seedFolders(Path models) {
    if (!Files.isDirectory(models)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(models)) {
      List<Path> seeds = new ArrayList<>(list.filter(p -> p.getFileName().toString().matches("seed-\\d+")).toList());
      seeds.sort(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(5))));
      return seeds;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + models + ": " + e.getMessage(), e);
    }
  }
}
