/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.concernet.data.Rollout;
import org.concernet.data.Trajectories;
import org.concernet.latent.StateSpace;
import org.concernet.nn.Activation;
import org.concernet.protocol.Standardise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Standardisation} as the space a system with equations learns in: when {@link
 * Standardise#AUTO} chooses it, and that gradients and saved files go through it exactly.
 */
class StandardisationTest {
  /** Four trajectories of 50 points on the ellipse (cx + a·cos t, cy + b·sin t), t in [0, 5). */
  private static Trajectories ellipses(double cx, double cy, double a, double b) {
    int count = 4;
    int length = 50;
    double[][] times = new double[count][length];
    double[][][] states = new double[count][length][];
    double[][][] derivatives = new double[count][length][];
    for (int i = 0; i < count; i++) {
      double r = 0.5 + 0.2 * i;
      for (int j = 0; j < length; j++) {
        double t = 0.1 * j;
        times[i][j] = t;
        states[i][j] = new double[] {cx + r * a * Math.cos(t), cy + r * b * Math.sin(t)};
        derivatives[i][j] = new double[] {-r * a * Math.sin(t), r * b * Math.cos(t)};
      }
    }
    return Trajectories.of(List.of("rabbits", "foxes"), times, states, derivatives);
  }

  @Test
  void autoLeavesStatesOfOrderOneAsDeclared() {
    assertThat(Standardisation.chosen(Standardise.AUTO, Activation.TANH, ellipses(1, 0, 1, 2))).isEmpty();
    assertThat(Standardisation.chosen(Standardise.AUTO, Activation.TANH, ellipses(0, 0, 0.05, 8))).isEmpty();
  }

  @Test
  void autoStandardisesStatesCountedInHundredsAndNamesTheState() {
    Trajectories data = ellipses(1, 100, 1, 20);
    Optional<Standardisation.Chosen> chosen = Standardisation.chosen(Standardise.AUTO, Activation.TANH, data);

    double rms = Math.sqrt(java.util.Arrays.stream(data.pointStates()).mapToDouble(p -> p[1] * p[1]).average().orElseThrow());
    String reason = String.format(java.util.Locale.ROOT,
        "standardise = auto: state 'foxes' has root mean square %.3g over the training points, above 10", rms);
    assertThat(rms).isGreaterThan(100);
    assertThat(chosen).isPresent();
    assertThat(chosen.get().reason()).isEqualTo(reason);
    assertThat(chosen.get().describe()).isEqualTo("states standardised (" + reason + "): " + chosen.get().space().describe());
    assertThat(chosen.get().space().describe()).matches("mean \\[0\\.\\d+, 102\\.\\d], std \\[0\\.\\d+, 11\\.\\d+]");
  }

  @Test
  void autoStandardisesStatesThatBarelyVary() {
    Optional<Standardisation.Chosen> chosen = Standardisation.chosen(Standardise.AUTO, Activation.TANH, ellipses(1, 1, 0.004, 1));

    assertThat(chosen).isPresent();
    assertThat(chosen.get().reason()).startsWith("standardise = auto: state 'rabbits' has standard deviation 0.00");
    assertThat(chosen.get().reason()).endsWith("over the training points, below 0.01");
  }

  @Test
  void autoLeavesReluNetworksOnTheStatesAsDeclaredWhateverTheirScale() {
    assertThat(Standardisation.chosen(Standardise.AUTO, Activation.RELU, ellipses(1, 100, 1, 20))).isEmpty();
    assertThat(Standardisation.chosen(Standardise.ON, Activation.RELU, ellipses(1, 100, 1, 20))).isPresent();
  }

  @Test
  void statesThatCannotBeStandardisedAreLeftAsDeclaredByAutoAndAnErrorForOn() {
    Trajectories huge = ellipses(1e200, 0, 1e200, 1);
    assertThat(Standardisation.chosen(Standardise.AUTO, Activation.TANH, huge)).isEmpty();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Standardisation.chosen(Standardise.ON, Activation.TANH, huge));
    assertThat(e).hasMessageThat().startsWith("state 'rabbits' cannot be standardised: the mean or variance of its"
        + " training points is not finite in double precision (values up to 2.");
    // a state that never changes: nothing to standardise it by; auto leaves it, on says so
    Trajectories still = ellipses(1, 0, 0, 1);
    assertThat(Standardisation.chosen(Standardise.AUTO, Activation.TANH, still)).isEmpty();
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Standardisation.chosen(Standardise.ON, Activation.TANH, still))).hasMessageThat()
        .isEqualTo("state 'rabbits' has the same value 1.0 at every training point: nothing to learn from it");
  }

  @Test
  void onAndOffOverrideTheRule() {
    assertThat(Standardisation.chosen(Standardise.ON, Activation.TANH, ellipses(1, 0, 1, 2)).get().reason())
        .isEqualTo("standardise = on");
    assertThat(Standardisation.chosen(Standardise.OFF, Activation.TANH, ellipses(1, 100, 1, 20))).isEmpty();
  }

  @Test
  void theStandardisedDataHaveZeroMeanAndUnitStdAndDerivativesScaleWithTheStates() {
    Trajectories data = ellipses(1, 100, 1, 20);
    Standardisation z = Standardisation.of(data);
    Trajectories encoded = z.encode(data);

    double[][] points = encoded.pointStates();
    for (int k = 0; k < 2; k++) {
      double mean = 0;
      double square = 0;
      for (double[] p : points) {
        mean += p[k] / points.length;
        square += p[k] * p[k] / points.length;
      }
      assertThat(mean).isWithin(1e-12).of(0);
      assertThat(square).isWithin(1e-12).of(1);
    }
    // ż = ẋ / std, and the field decoded back is ẋ
    double[] x = data.state(1, 7);
    double[] dx = data.derivative(1, 7);
    double[] dz = encoded.derivative(1, 7);
    assertThat(z.decodeVelocity(z.encode(x), dz)[0]).isWithin(1e-12).of(dx[0]);
    assertThat(z.decodeVelocity(z.encode(x), dz)[1]).isWithin(1e-12).of(dx[1]);
    assertThat(z.decode(z.encode(x))[1]).isWithin(1e-12).of(x[1]);
  }

  @Test
  void pullBackIsTheGradientWithRespectToTheStatesAndPushForwardItsInverse() {
    Standardisation z = Standardisation.of(ellipses(3, 100, 2, 20));
    // H(z) = z0² z1 + sin z1, ∇_z H = (2 z0 z1, z0² + cos z1); the pulled-back gradient against central
    // differences of H(z(x)) in x
    double[] x = {4.1, 93.0};
    double[] at = z.encode(x);
    double[][] inSpace = {{2 * at[0] * at[1]}, {at[0] * at[0] + Math.cos(at[1])}};
    double[][] pulled = z.pullBack(x, inSpace);
    for (int k = 0; k < 2; k++) {
      double h = 1e-5 * Math.max(1, Math.abs(x[k]));
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[k] += h;
      minus[k] -= h;
      double numeric = (value(z.encode(plus)) - value(z.encode(minus))) / (2 * h);
      assertThat(pulled[k][0]).isWithin(1e-7 * Math.max(1, Math.abs(numeric))).of(numeric);
    }
    double[][] back = z.pushForward(at, pulled);
    assertThat(back[0][0]).isWithin(1e-12).of(inSpace[0][0]);
    assertThat(back[1][0]).isWithin(1e-12).of(inSpace[1][0]);
    // the interface's general form (one column of ∂D/∂z at a time) gives the same
    StateSpace general = new Delegate(z);
    double[][] viaColumns = general.pushForward(at, pulled);
    assertThat(viaColumns[0][0]).isWithin(1e-12).of(back[0][0]);
    assertThat(viaColumns[1][0]).isWithin(1e-12).of(back[1][0]);
  }

  private static double value(double[] z) {
    return z[0] * z[0] * z[1] + Math.sin(z[1]);
  }

  @Test
  void itIsSavedBesideTheModelsAndLoadedBack(@TempDir Path folder) throws IOException {
    Standardisation z = Standardisation.of(ellipses(3, 100, 2, 20));
    z.save(folder);
    Standardisation loaded = Standardisation.load(folder).orElseThrow();

    assertThat(loaded.mean()).isEqualTo(z.mean());
    assertThat(loaded.std()).isEqualTo(z.std());
    assertThat(Standardisation.load(folder.resolve("elsewhere"))).isEmpty();
  }

  @Test
  void aDamagedFileIsAnErrorNamingIt(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("standardisation.json");
    Files.writeString(file, "{\"mean\": [1, 2], \"std\": [0.5, 0]}\n");

    IOException e = assertThrows(IOException.class, () -> Standardisation.load(folder));
    assertThat(e).hasMessageThat().isEqualTo(file
        + ": expected a mean and a std of the same length, every std positive and finite");
  }

  /** {@code z} with the interface's own {@link StateSpace#pushForward}. */
  private record Delegate(Standardisation z) implements StateSpace {
    @Override
    public Optional<org.concernet.latent.LearnedAutoencoder> autoencoder() {
      return Optional.empty();
    }

    @Override
    public double[] encode(double[] x) {
      return z.encode(x);
    }

    @Override
    public Trajectories encode(Trajectories data) {
      return z.encode(data);
    }

    @Override
    public Rollout decode(Rollout rollout) {
      return z.decode(rollout);
    }

    @Override
    public double[] decode(double[] point) {
      return z.decode(point);
    }

    @Override
    public double[] decodeVelocity(double[] point, double[] v) {
      return z.decodeVelocity(point, v);
    }

    @Override
    public double[][] pullBack(double[] x, double[][] inSpace) {
      return z.pullBack(x, inSpace);
    }
  }
}
