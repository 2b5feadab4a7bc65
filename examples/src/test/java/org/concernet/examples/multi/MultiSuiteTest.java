/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.multi;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.concernet.data.Trajectories;
import org.concernet.examples.generality.GeneralitySuite;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.nn.Device;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Protocol;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/** The systems with several invariants stay valid: equations, invariants, their independence, and a tiny run. */
class MultiSuiteTest {
  static Stream<SystemSpec> systems() {
    return MultiSuite.SYSTEMS.values().stream();
  }

  @ParameterizedTest
  @MethodSource("systems")
  void graphFieldEqualsJavaField(SystemSpec system) {
    assertThat(system.graphFormUnavailableReason()).isEmpty();
    SplittableRandom rng = new SplittableRandom(42);
    double[][] states = new double[100][];
    for (int i = 0; i < states.length; i++) {
      states[i] = system.sampleInitialState(rng);
    }
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Operand<TFloat64> derivative = system.derivative(tf, Tensors.constant(tf, states, TFloat64.class));
      try (Result result = session.runner().fetch(derivative).run()) {
        double[][] graphDerivative = Tensors.toMatrix(result.get(0));
        for (int i = 0; i < states.length; i++) {
          double[] java = system.derivative(states[i]);
          for (int k = 0; k < java.length; k++) {
            assertThat(graphDerivative[i][k]).isWithin(1e-12 * Math.max(1, Math.abs(java[k]))).of(java[k]);
          }
        }
      }
    }
  }

  /** Each declared invariant is conserved along the double-precision truth. */
  @ParameterizedTest
  @MethodSource("systems")
  void declaredInvariantsAreConserved(SystemSpec system) {
    Protocol p = system.protocol();
    Trajectories truth = TrajectoryGenerator.reference().generate(system, 5,
        Protocol.linspace(0, p.evaluationHorizon(), 101), 3);
    for (int i = 0; i < truth.count(); i++) {
      double[] first = system.invariants(truth.state(i, 0));
      for (int t = 0; t < truth.length(); t++) {
        double[] now = system.invariants(truth.state(i, t));
        for (int k = 0; k < first.length; k++) {
          assertThat(now[k]).isWithin(1e-6 * Math.max(1, Math.abs(first[k]))).of(first[k]);
        }
      }
    }
  }

  /**
   * The declared invariants are independent where the data start: the smallest singular value of
   * their normalised gradients (by the Gram determinant) is clearly above zero at every sampled
   * state, and their number is the annotation's latent.
   */
  @ParameterizedTest
  @MethodSource("systems")
  void declaredInvariantsAreIndependentAndLatentCountsThem(SystemSpec system) {
    int m = system.invariantNames().size();
    assertThat(system.protocol().latent()).isEqualTo(m);
    SplittableRandom rng = new SplittableRandom(9);
    double h = 1e-6;
    int independent = 0;
    for (int trial = 0; trial < 200; trial++) {
      double[] x = system.sampleInitialState(rng);
      double[][] g = new double[m][x.length];
      for (int k = 0; k < x.length; k++) {
        double[] up = x.clone();
        double[] down = x.clone();
        up[k] += h;
        down[k] -= h;
        double[] a = system.invariants(up);
        double[] b = system.invariants(down);
        for (int c = 0; c < m; c++) {
          g[c][k] = (a[c] - b[c]) / (2 * h);
        }
      }
      for (double[] row : g) {
        double norm = Math.sqrt(dot(row, row));
        for (int k = 0; k < row.length; k++) {
          row[k] /= norm;
        }
      }
      double[][] gram = new double[m][m];
      for (int a = 0; a < m; a++) {
        for (int b = 0; b < m; b++) {
          gram[a][b] = dot(g[a], g[b]);
        }
      }
      if (determinant(gram) > 1e-6) {
        independent++;
      }
    }
    assertThat(independent).isAtLeast(195);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static double determinant(double[][] a) {
    int m = a.length;
    if (m == 1) {
      return a[0][0];
    }
    if (m == 2) {
      return a[0][0] * a[1][1] - a[0][1] * a[1][0];
    }
    return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  }

  /**
   * The rigid body through the whole pipeline at tiny sizes with latent = auto and the level-set
   * model: results.json carries the count, and the level-set model its figures.
   */
  @Test
  void autoLatentAndLevelSetModelRunThroughThePipeline(@TempDir Path out) throws Exception {
    SystemSpec system = MultiSuite.SYSTEMS.get("RigidBody");
    Protocol tiny = system.protocol().toBuilder().trajectories(4).points(10).contrastiveEpochs(2)
        .contrastiveBatch(2).dynamicsEpochs(2).evaluationTrajectories(2).evaluationPoints(11)
        .evaluationHorizon(1.0).r2Trajectories(4).hidden(List.of(8)).latent(0).levelSetNewton(3).build();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentResults results = Experiment.run(new ExperimentConfig(system, tiny, null, List.of(0L), false, null,
        out, Device.CPU, 1), quiet);
    SeedResult seed = results.seeds().get(0);
    double count = seed.rates().get("invariantCount");
    assertThat(count).isAtLeast(0.0);
    assertThat(count).isAtMost(2.0);
    assertThat(seed.notes().get("invariantCount")).contains("of 2 learned outputs");
    for (String figure : List.of("spread", "alignment", "newDirection")) {
      assertThat(seed.rates()).containsKey("invariantCount.H2." + figure);
    }
    assertThat(Files.size(out.resolve("invariant-count.png"))).isGreaterThan(1000L);
    assertThat(Files.readString(out.resolve("report.html"))).contains("invariant count");
    assertThat(seed.rates()).containsKey("levelSet.mse");
    assertThat(seed.rates()).containsKey("levelSet.violation.energy");
    assertThat(seed.rates().get("levelSet.maxDrift")).isAtMost(1e-11);
    String json = Files.readString(out.resolve("results.json"));
    assertThat(json).contains("\"invariantCount\" : {");
    assertThat(GeneralitySuite.table(List.of(results))).contains("squaredMomentum");
  }
}
