/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.generality;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.concernet.data.Trajectories;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.nn.Device;
import org.concernet.nn.Tensors;
import org.concernet.protocol.Protocol;
import org.concernet.results.ExperimentResults;
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

/** The suite's systems stay valid: equations, invariants, samplers, and a tiny run through the pipeline. */
class GeneralitySuiteTest {
  /** The suite's systems and the package's variant outside it (Hénon–Heiles declared as x, px, y, py). */
  static Stream<SystemSpec> systems() {
    return Stream.concat(GeneralitySuite.SYSTEMS.values().stream(), Stream.of(new HenonHeilesInterleavedSystem()));
  }

  @ParameterizedTest
  @MethodSource("systems")
  void graphFieldEqualsJavaField(SystemSpec system) {
    assertThat(system.graphFormUnavailableReason()).isEmpty();
    SplittableRandom rng = new SplittableRandom(42);
    double[][] states = new double[200][];
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

  /** Each declared invariant is conserved along the double-precision truth, which stays finite. */
  @ParameterizedTest
  @MethodSource("systems")
  void declaredInvariantsAreConservedOverTheEvaluationHorizon(SystemSpec system) {
    Protocol p = system.protocol();
    Trajectories truth = TrajectoryGenerator.reference().generate(system, 5,
        Protocol.linspace(0, p.evaluationHorizon(), 101), 3);
    for (int i = 0; i < truth.count(); i++) {
      double[] first = system.invariants(truth.state(i, 0));
      for (int t = 0; t < truth.length(); t++) {
        for (double x : truth.state(i, t)) {
          assertThat(Double.isFinite(x)).isTrue();
        }
        double[] now = system.invariants(truth.state(i, t));
        for (int k = 0; k < first.length; k++) {
          assertThat(now[k]).isWithin(1e-6 * Math.max(1, Math.abs(first[k]))).of(first[k]);
        }
      }
    }
  }

  @Test
  void negativeControlDeclaresNothingAndLosesEnergy() {
    SystemSpec damped = GeneralitySuite.SYSTEMS.get("DampedOscillator");
    assertThat(damped.invariantNames()).isEmpty();
    Trajectories truth = TrajectoryGenerator.reference().generate(damped, 1, Protocol.linspace(0, 10, 2), 1);
    double[] start = truth.state(0, 0);
    double[] end = truth.state(0, 1);
    assertThat(end[0] * end[0] + end[1] * end[1]).isLessThan(0.5 * (start[0] * start[0] + start[1] * start[1]));
  }

  /** Every system through the whole pipeline at tiny sizes, one seed, and the suite's table. */
  @Test
  void everySystemRunsAndTheTableHasARowEach(@TempDir Path out) {
    List<ExperimentResults> results = new ArrayList<>();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    for (SystemSpec system : GeneralitySuite.SYSTEMS.values()) {
      Protocol tiny = system.protocol().toBuilder().trajectories(4).points(10).contrastiveEpochs(2)
          .contrastiveBatch(2).dynamicsEpochs(2).evaluationTrajectories(2).evaluationPoints(11)
          .evaluationHorizon(1.0).r2Trajectories(4).hidden(List.of(8)).build();
      results.add(Experiment.run(new ExperimentConfig(system, tiny, null, List.of(0L), false, null,
          out.resolve(system.name()), Device.CPU, 1), quiet));
    }
    for (ExperimentResults r : results) {
      assertThat(r.invariantQuality()).containsKey("H1");
    }
    String table = GeneralitySuite.table(results);
    for (String name : GeneralitySuite.SYSTEMS.keySet()) {
      assertThat(table).contains(name);
    }
    assertThat(table.lines().filter(l -> l.startsWith("DampedOscillator")).findFirst().orElseThrow()).contains(" - ");
    assertThat(table.lines().findFirst().orElseThrow()).contains("MSE formula");
  }

  @Test
  void bothSuiteCommandsRefuseAnUnknownSystemBeforeTrainingAnything(@TempDir Path out) {
    for (SuiteCommand suite : List.of(new GeneralitySuite(), new org.concernet.examples.multi.MultiSuite())) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine line = new picocli.CommandLine(suite);
      line.setErr(new java.io.PrintWriter(err));
      int code = line.execute("--systems", "Nope", "--set", "alignmentWeight=0.5", "--out", out.toString());
      assertThat(code).isEqualTo(2);
      assertThat(err.toString()).contains("unknown system Nope; one of");
      assertThat(out.toFile().list()).isEmpty();
    }
  }
}
