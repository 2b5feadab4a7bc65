/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.concernet.results.SeedResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiguresTest {
  @TempDir Path folder;

  /** A harmonic oscillator's trajectory; the baseline drifts outward, ConCerNet stays close. */
  static final class Oscillator {
    final double[] times = new double[201];
    final double[][] truth = new double[201][2];
    final double[][] baseline = new double[201][2];
    final double[][] concernet = new double[201][2];

    Oscillator() {
      for (int t = 0; t < times.length; t++) {
        double time = 0.05 * t;
        times[t] = time;
        truth[t] = new double[] {Math.cos(time), -Math.sin(time)};
        double grow = Math.exp(0.08 * time);
        baseline[t] = new double[] {grow * Math.cos(1.03 * time), -grow * Math.sin(1.03 * time)};
        concernet[t] = new double[] {Math.cos(1.01 * time), -Math.sin(1.01 * time)};
      }
    }

    Map<String, double[]> violation() {
      Map<String, double[]> series = new LinkedHashMap<>();
      double[] b = new double[times.length];
      double[] c = new double[times.length];
      for (int t = 0; t < times.length; t++) {
        double e = truth[t][0] * truth[t][0] + truth[t][1] * truth[t][1];
        b[t] = Math.pow(baseline[t][0] * baseline[t][0] + baseline[t][1] * baseline[t][1] - e, 2);
        c[t] = Math.pow(concernet[t][0] * concernet[t][0] + concernet[t][1] * concernet[t][1] - e, 2) + 1e-9 * t;
      }
      series.put(SeedResult.CONCERNET, c); // out of order on purpose: figures fix the order
      series.put(SeedResult.BASELINE, b);
      return series;
    }
  }

  static Path contour(Path png) {
    Figures.contourComparison(png, "Ideal spring mass: learned vs true invariant", "q", "p",
        new double[] {-2, 2}, new double[] {-2, 2},
        (q, p) -> -Math.sqrt(q * q + p * p) + 0.01 * q, // a monotone, decreasing map of the energy
        (q, p) -> 0.5 * (q * q + p * p), "energy");
    return png;
  }

  static Path trajectory(Path png) {
    Oscillator o = new Oscillator();
    Figures.trajectory(png, "Ideal spring mass: a typical trajectory", o.times, new String[] {"q", "p"},
        o.truth, o.baseline, o.concernet);
    return png;
  }

  static Path violation(Path png) {
    Oscillator o = new Oscillator();
    Figures.overTime(png, "Ideal spring mass: violation of the energy", "violation (energy)", o.times,
        o.violation(), true);
    return png;
  }

  static Path phase(Path png) {
    Oscillator o = new Oscillator();
    Figures.phasePortrait(png, "Ideal spring mass: phase portrait", "q", "p", o.truth, o.baseline, o.concernet);
    return png;
  }

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
    assertTrue(image != null, png + " is not a readable image");
    return image;
  }

  /** Variance of the grey level over the central half of the image, where the plot is. */
  static double centreVariance(BufferedImage image) {
    double sum = 0;
    double squares = 0;
    int n = 0;
    for (int y = image.getHeight() / 4; y < image.getHeight() * 3 / 4; y++) {
      for (int x = image.getWidth() / 4; x < image.getWidth() * 3 / 4; x++) {
        int rgb = image.getRGB(x, y);
        double grey = ((rgb >> 16) & 0xFF) * 0.299 + ((rgb >> 8) & 0xFF) * 0.587 + (rgb & 0xFF) * 0.114;
        sum += grey;
        squares += grey * grey;
        n++;
      }
    }
    double mean = sum / n;
    return squares / n - mean * mean;
  }

  @Test
  void contourComparisonIsAValidNonBlankImageOfTheExpectedSize() throws IOException {
    BufferedImage image = read(contour(folder.resolve("contour.png")));
    assertEquals(Figures.CONTOUR_WIDTH, image.getWidth());
    assertEquals(Figures.CONTOUR_HEIGHT, image.getHeight());
    assertTrue(centreVariance(image) > 100, "contour map looks blank: variance " + centreVariance(image));
  }

  @Test
  void trajectoryPhaseAndOverTimeAreValidNonBlankImages() throws IOException {
    for (Path png : List.of(trajectory(folder.resolve("trajectory.png")), phase(folder.resolve("phase.png")),
        violation(folder.resolve("violation.png")))) {
      BufferedImage image = read(png);
      assertEquals(Figures.WIDTH, image.getWidth(), png.toString());
      assertEquals(Figures.HEIGHT, image.getHeight(), png.toString());
      assertTrue(centreVariance(image) > 10, png + " looks blank: variance " + centreVariance(image));
    }
  }

  @Test
  void sameDataGivesByteIdenticalFiles() throws IOException {
    assertArrayEquals(Files.readAllBytes(contour(folder.resolve("a.png"))),
        Files.readAllBytes(contour(folder.resolve("b.png"))));
    assertArrayEquals(Files.readAllBytes(trajectory(folder.resolve("c.png"))),
        Files.readAllBytes(trajectory(folder.resolve("d.png"))));
    assertArrayEquals(Files.readAllBytes(violation(folder.resolve("e.png"))),
        Files.readAllBytes(violation(folder.resolve("f.png"))));
  }

  @Test
  void seriesOrderDoesNotDependOnTheMap() throws IOException {
    Oscillator o = new Oscillator();
    Map<String, double[]> reversed = new LinkedHashMap<>();
    List<String> keys = List.copyOf(o.violation().keySet());
    for (int k = keys.size() - 1; k >= 0; k--) {
      reversed.put(keys.get(k), o.violation().get(keys.get(k)));
    }
    Figures.overTime(folder.resolve("r.png"), "Ideal spring mass: violation of the energy", "violation (energy)",
        o.times, reversed, true);
    assertArrayEquals(Files.readAllBytes(violation(folder.resolve("v.png"))),
        Files.readAllBytes(folder.resolve("r.png")));
  }

  @Test
  void blownUpRolloutsAndNonPositiveValuesStillGiveAFigure() throws IOException {
    Oscillator o = new Oscillator();
    for (int t = 150; t < o.times.length; t++) {
      o.baseline[t] = new double[] {t == 180 ? Double.POSITIVE_INFINITY : Math.exp(t), Double.NaN};
    }
    Figures.trajectory(folder.resolve("blown.png"), "blown up", o.times, new String[] {"q", "p"},
        o.truth, o.baseline, null);
    assertTrue(centreVariance(read(folder.resolve("blown.png"))) > 10);

    Map<String, double[]> zeros = new LinkedHashMap<>();
    zeros.put("baseline", new double[o.times.length]);
    Figures.overTime(folder.resolve("zeros.png"), "all zero", "violation", o.times, zeros, true);
    assertEquals(Figures.WIDTH, read(folder.resolve("zeros.png")).getWidth());
  }

  @Test
  void highDimensionalTrajectoriesShowTheFirstCoordinates() throws IOException {
    int steps = 50;
    int dims = 20;
    double[] times = new double[steps];
    double[][] truth = new double[steps][dims];
    String[] names = new String[dims];
    for (int d = 0; d < dims; d++) {
      names[d] = "u" + d;
    }
    for (int t = 0; t < steps; t++) {
      times[t] = t;
      for (int d = 0; d < dims; d++) {
        truth[t][d] = Math.sin(0.1 * t + d);
      }
    }
    Figures.trajectory(folder.resolve("heat.png"), "heat", times, names, truth, truth, truth);
    BufferedImage image = read(folder.resolve("heat.png"));
    assertEquals(Math.max(Figures.HEIGHT, 120 + 160 * TrajectoryFigures.MAX_PANELS), image.getHeight());
  }

  @Test
  void mismatchedShapesAreRejectedWithWhatWasFound() {
    Oscillator o = new Oscillator();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Figures.trajectory(
        folder.resolve("x.png"), "t", new double[] {0, 1}, new String[] {"q", "p"}, o.truth, null, null));
    assertTrue(e.getMessage().contains("truth has 201 states, expected 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Figures.overTime(folder.resolve("y.png"), "t", "y",
        o.times, Map.of("baseline", new double[3]), false));
    assertTrue(e.getMessage().contains("has 3 values, expected 201"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Figures.contourComparison(folder.resolve("z.png"),
        "t", "x", "y", new double[] {1, 0}, new double[] {0, 1}, (x, y) -> x, (x, y) -> y, "E"));
    assertTrue(e.getMessage().contains("xRange must be {min, max}"), e.getMessage());
  }

  /** Figure 5: the heat equation's Σu over time (the truth conserves it) and the error over time. */
  static Path heatSum(Path png) {
    int steps = 101;
    double[] times = new double[steps];
    Map<String, double[]> sums = new LinkedHashMap<>();
    double[] truth = new double[steps];
    double[] baseline = new double[steps];
    double[] concernet = new double[steps];
    for (int t = 0; t < steps; t++) {
      times[t] = 0.01 * t;
      truth[t] = 12.5;
      baseline[t] = 12.5 + 0.02 + 0.8 * times[t] * times[t];
      concernet[t] = 12.5 + 0.02 + 1e-4 * Math.sin(10 * times[t]); // the autoencoder's offset
    }
    sums.put(SeedResult.BASELINE, baseline);
    sums.put("truth", truth);
    sums.put(SeedResult.CONCERNET, concernet);
    Figures.overTime(png, "Heat equation: Σu over time", "Σu", times, sums, false);
    return png;
  }

  @Test
  void heatEquationSumOverTimeIsAValidNonBlankImage() throws IOException {
    BufferedImage image = read(heatSum(folder.resolve("heat-sum.png")));
    assertEquals(Figures.WIDTH, image.getWidth());
    assertTrue(centreVariance(image) > 10);
  }

  /** MSE over time for three seeds, one of which blows up (infinite) half way. */
  static Path mseAcrossSeeds(Path png) {
    int steps = 101;
    double[] times = new double[steps];
    double[][] baseline = new double[3][steps];
    double[][] concernet = new double[3][steps];
    for (int t = 0; t < steps; t++) {
      times[t] = 0.1 * t;
      for (int s = 0; s < 3; s++) {
        baseline[s][t] = 1e-4 * (1 + s) * Math.exp(0.6 * times[t]);
        concernet[s][t] = 1e-5 * (1 + 0.5 * s) * (1 + times[t] * times[t]);
      }
      if (t > 50) {
        baseline[2][t] = Double.POSITIVE_INFINITY;
      }
    }
    Map<String, double[][]> series = new LinkedHashMap<>();
    series.put(SeedResult.BASELINE, baseline);
    series.put(SeedResult.CONCERNET, concernet);
    Figures.overTimeAcrossSeeds(png, "Ideal spring mass: MSE over time", "MSE", times, series, true);
    return png;
  }

  @Test
  void overTimeAcrossSeedsIsAValidNonBlankAndRepeatableImage() throws IOException {
    BufferedImage image = read(mseAcrossSeeds(folder.resolve("mse.png")));
    assertEquals(Figures.WIDTH, image.getWidth());
    assertEquals(Figures.HEIGHT, image.getHeight());
    assertTrue(centreVariance(image) > 10);
    assertArrayEquals(Files.readAllBytes(folder.resolve("mse.png")),
        Files.readAllBytes(mseAcrossSeeds(folder.resolve("mse2.png"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Figures.overTimeAcrossSeeds(
        folder.resolve("bad.png"), "t", "y", new double[] {0, 1}, Map.of("baseline", new double[][] {{1, 2}, {1}}),
        false));
    assertTrue(e.getMessage().contains("run 1 has 1 values, expected 2"), e.getMessage());
  }

  @Test
  void contourFromGridValuesEqualsContourFromFunctions() throws IOException {
    int n = ContourFigure.GRID;
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = -2 + (2 - -2) * (double) i / (n - 1); // as the function overload samples
    }
    double[][] learned = new double[n][n];
    double[][] truth = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        learned[i][j] = -Math.sqrt(xs[i] * xs[i] + xs[j] * xs[j]) + 0.01 * xs[i];
        truth[i][j] = 0.5 * (xs[i] * xs[i] + xs[j] * xs[j]);
      }
    }
    Figures.contourComparison(folder.resolve("grid.png"), "Ideal spring mass: learned vs true invariant", "q", "p",
        xs, xs, learned, truth, "energy");
    assertArrayEquals(Files.readAllBytes(contour(folder.resolve("function.png"))),
        Files.readAllBytes(folder.resolve("grid.png")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Figures.contourComparison(
        folder.resolve("bad.png"), "t", "q", "p", xs, xs, new double[3][n], truth, "energy"));
    assertTrue(e.getMessage().contains("learned has 3 rows, expected " + n), e.getMessage());
  }

  @Test
  void shortNumbers() {
    assertEquals("7.5", TrajectoryFigures.shortNumber(7.5000000001));
    assertEquals("0", TrajectoryFigures.shortNumber(0));
    assertEquals("0.0125", TrajectoryFigures.shortNumber(0.0125));
    assertEquals("1.235E+7", TrajectoryFigures.shortNumber(12345678));
    assertEquals("1E-7", TrajectoryFigures.shortNumber(1e-7));
  }
}
