/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.concernet.data.Rollout;
import org.concernet.nn.Device;
import org.concernet.protocol.Calibrate;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Standardise;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.testsystems.FarSpring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a system whose states are far from unit scale ({@link FarSpring}, about
 * 100 ± 24): by default it learns on standardised states, says so, reports in the system's units
 * and saves the standardisation with the models.
 */
class StandardisedExperimentTest {
  private static ExperimentConfig config(Path out, Standardise standardise) {
    FarSpring spring = new FarSpring();
    Protocol small = spring.protocol().toBuilder().standardise(standardise)
        .contrastiveEpochs(1000).dynamicsEpochs(300).r2Trajectories(40)
        .evaluationTrajectories(4).evaluationPoints(201).levelSetNewton(3)
        .build();
    return new ExperimentConfig(spring, small, null, List.of(0L), false, null, out, Device.CPU, 1);
  }

  @Test
  void statesFarFromUnitScaleAreStandardisedAndEverythingIsReportedInTheirUnits(@TempDir Path out) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ExperimentResults results = Experiment.run(config(out, Standardise.AUTO),
        new PrintStream(log, true, StandardCharsets.UTF_8));

    SeedResult seed = results.seeds().get(0);
    String note = seed.notes().get("standardisation");
    assertThat(note).startsWith("states standardised (standardise = auto: state 'x' has root mean square 10");
    // the mean and std of the training points, about (100, 0) and (10, 10)
    assertThat(note).containsMatch("above 10\\): mean \\[(99|100)\\.\\d+, -?0\\.\\d+], std \\[10\\.\\d+, 10\\.\\d+]$");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seed 0: " + note);
    assertThat(results.invariantR2Cubic().get("energy").mean()).isGreaterThan(0.999);
    // a spring is Hamiltonian (here with a constant factor), so H is put on the flow's scale: then it
    // is the energy up to a constant and its linear R² is near 1; the network's own figures are kept
    String scale = seed.notes().get("invariantScale");
    assertThat(scale).startsWith("H on the flow's scale (calibrate = auto)");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("seed 0: " + scale);
    assertThat(seed.rates().get("invariantScale.used")).isEqualTo(1.0);
    assertThat(seed.rates().get("invariantScale.relativeError")).isLessThan(InvariantScale.MAX_RELATIVE_ERROR);
    assertThat(seed.invariantR2().get("energy")).isGreaterThan(0.999);
    assertThat(seed.rates()).containsKey("network.invariantR2Cubic.energy");
    // the read-out names (x − 100)² + y² in the system's states, and the formula model, which
    // projects in the standardised space with that formula's gradients, holds it
    assertThat(seed.symbolicInvariants().get("H1").found()).isTrue();
    assertThat(seed.violation().get(SeedResult.CONCERNET_FORMULA).get("energy"))
        .isLessThan(0.1 * seed.violation().get(SeedResult.BASELINE).get("energy"));
    // the level-set model runs in the standardised space too and holds the learned H to rounding
    assertThat(seed.rates().get("levelSet.maxDrift")).isLessThan(1e-9);
    assertThat(seed.rates().get("levelSet.mse")).isLessThan(seed.mse().get(SeedResult.BASELINE) * 100);

    // saved with the models and loaded back: H and its gradient act on the system's own states
    Path folder = out.resolve("models/seed-0");
    assertThat(Files.isRegularFile(folder.resolve("standardisation.json"))).isTrue();
    TrainedModels loaded = TrainedModels.load(folder);
    assertThat(loaded.space()).isInstanceOf(Standardisation.class);
    assertThat(loaded.scale()).isPresent();
    double[] x = {112.0, -9.0};
    double[][] gradient = loaded.invariantGradient(x);
    for (int k = 0; k < 2; k++) {
      double h = 1e-3;
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[k] += h;
      minus[k] -= h;
      double numeric = (loaded.invariant(plus)[0] - loaded.invariant(minus)[0]) / (2 * h);
      assertThat(gradient[k][0]).isWithin(1e-6 + 1e-4 * Math.abs(numeric)).of(numeric);
    }
    // the ConCerNet field of the loaded models, in the system's units, keeps the loaded H, and so do
    // its rollouts (run in the standardised space, decoded)
    double[] field = loaded.vectorField(x);
    assertThat(Math.abs(field[0] * gradient[0][0] + field[1] * gradient[1][0]))
        .isLessThan(1e-5 * Math.hypot(field[0], field[1]) * Math.hypot(gradient[0][0], gradient[1][0]));
    Rollout rollout = loaded.rollout(x, Protocol.linspace(0, 10, 201));
    double start = loaded.networkInvariant(x)[0];
    assertThat(rollout.state(0, 0)).usingTolerance(1e-9).containsExactly(x[0], x[1]).inOrder();
    assertThat(loaded.networkInvariant(rollout.state(0, 200))[0]).isWithin(1e-6 * Math.max(1, Math.abs(start)))
        .of(start);
    // and H on the flow's scale with it, by the same drift times g'
    double scaled = loaded.invariant(x)[0];
    assertThat(loaded.invariant(rollout.state(0, 200))[0])
        .isWithin(1e-6 * Math.max(1, Math.abs(start)) * loaded.scale().get().slope(start)).of(scaled);
  }

  @Test
  void offLearnsOnTheDeclaredStatesAndSaysNothing(@TempDir Path out) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ExperimentConfig off = config(out, Standardise.OFF);
    ExperimentConfig quick = new ExperimentConfig(off.system(), off.protocol().toBuilder().contrastiveEpochs(50)
        .dynamicsEpochs(20).calibrate(Calibrate.OFF).build(), null, List.of(0L), false, null, out, Device.CPU, 1);
    ExperimentResults results = Experiment.run(quick, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(results.seeds().get(0).notes()).doesNotContainKey("standardisation");
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("standardised");
    assertThat(Files.exists(out.resolve("models/seed-0/standardisation.json"))).isFalse();
    // calibrate = off: H is the network's output, as the paper, and nothing is fitted or saved for it
    assertThat(results.seeds().get(0).notes()).doesNotContainKey("invariantScale");
    assertThat(results.seeds().get(0).rates()).doesNotContainKey("invariantScale.used");
    assertThat(Files.exists(out.resolve("models/seed-0/" + InvariantScale.FILE))).isFalse();
    assertThat(TrainedModels.load(out.resolve("models/seed-0")).scale()).isEmpty();
    assertThat(TrainedModels.load(out.resolve("models/seed-0")).space()).isSameInstanceAs(
        org.concernet.latent.StateSpace.identity());
  }
}
