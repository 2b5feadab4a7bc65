/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsWriterTest {
  static SeedResult seed(long seed, double r2, double mseBase, double mseCcn) {
    Map<String, Double> timings = new LinkedHashMap<>();
    timings.put("data", 1.0);
    timings.put("total", 2.0);
    return new SeedResult(seed, Map.of("energy", r2), Map.of("energy", Math.min(1, r2 + 0.001)),
        Map.of(SeedResult.BASELINE, mseBase, SeedResult.CONCERNET, mseCcn),
        Map.of(SeedResult.BASELINE, 2 * mseBase, SeedResult.CONCERNET, 2 * mseCcn),
        Map.of(SeedResult.BASELINE, Map.of("energy", 0.5), SeedResult.CONCERNET, Map.of("energy", 0.001)),
        Map.of(SeedResult.BASELINE, Map.of("energy", 0.7), SeedResult.CONCERNET, Map.of("energy", 0.002)),
        timings, Map.of(), Map.of(), List.of(
            // the seed's MSE is the mean over its trajectories: the second carries most of it
            new EvaluationTrajectory(List.of(1.0, 0.0),
                Map.of(SeedResult.BASELINE, 0.5 * mseBase, SeedResult.CONCERNET, 0.2 * mseCcn)),
            new EvaluationTrajectory(List.of(0.5, -0.5),
                Map.of(SeedResult.BASELINE, 1.5 * mseBase, SeedResult.CONCERNET, 1.8 * mseCcn))));
  }

  static ExperimentResults results() {
    return new ExperimentResults("Spring", List.of("energy"), Map.of("noise", 0.01),
        List.of(seed(0, 0.99, 0.1, 0.01), seed(1, 0.97, 0.3, 0.03)));
  }

  @Test
  void jsonFollowsTheOutputContract(@TempDir Path dir) throws Exception {
    ResultsWriter.write(results(), dir);
    JsonNode json = new ObjectMapper().readTree(Files.readString(dir.resolve("results.json")));
    assertThat(json.get("system").asText()).isEqualTo("Spring");
    assertThat(json.get("seeds").toString()).isEqualTo("[0,1]");
    assertThat(json.at("/config/noise").asDouble()).isEqualTo(0.01);
    assertThat(json.at("/invariantR2/energy/mean").asDouble()).isWithin(1e-12).of(0.98);
    // population standard deviation, as numpy's default
    assertThat(json.at("/invariantR2/energy/std").asDouble()).isWithin(1e-12).of(0.01);
    assertThat(json.at("/invariantR2/energy/perSeed").toString()).isEqualTo("[0.99,0.97]");
    assertThat(json.at("/invariantR2Cubic/energy/perSeed").toString()).isEqualTo("[0.991,0.971]");
    assertThat(json.at("/mse/baseline/mean").asDouble()).isWithin(1e-12).of(0.2);
    assertThat(json.at("/mse/concernet/mean").asDouble()).isWithin(1e-12).of(0.02);
    assertThat(json.at("/mseFinal/concernet/mean").asDouble()).isWithin(1e-12).of(0.04);
    assertThat(json.at("/violation/concernet/energy/mean").asDouble()).isWithin(1e-12).of(0.001);
    assertThat(json.at("/violationFinal/baseline/energy/mean").asDouble()).isWithin(1e-12).of(0.7);
    assertThat(json.at("/timings/data").asDouble()).isEqualTo(2.0);
    assertThat(json.at("/timings/total").asDouble()).isEqualTo(4.0);
    assertThat(json.at("/perSeed/1/trajectories").size()).isEqualTo(2);
    assertThat(json.at("/perSeed/1/trajectories/1/initialState").toString()).isEqualTo("[0.5,-0.5]");
    assertThat(json.at("/perSeed/1/trajectories/1/mse/concernet").asDouble()).isWithin(1e-12).of(1.8 * 0.03);
    assertThat(json.at("/perSeed/0/trajectories/0/mse/baseline").asDouble()).isWithin(1e-12).of(0.5 * 0.1);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("results.csv", "results.json");
    }
  }

  @Test
  void eachTrajectorysShareOfTheSeedsMseAndTheWorstOne() {
    SeedResult seed = seed(0, 0.99, 0.1, 0.01);
    // concernet: 0.002 and 0.018 of a sum of 0.02; baseline: 0.05 and 0.15 of 0.2
    assertThat(seed.mseShare(0, SeedResult.CONCERNET)).isWithin(1e-12).of(0.1);
    assertThat(seed.mseShare(1, SeedResult.CONCERNET)).isWithin(1e-12).of(0.9);
    assertThat(seed.mseShare(1, SeedResult.BASELINE)).isWithin(1e-12).of(0.75);
    assertThat(seed.worstTrajectory(SeedResult.CONCERNET)).hasValue(1);
    assertThat(seed.trajectories().get(1).describeInitialState()).isEqualTo("(0.500, -0.500)");
  }

  @Test
  void theWorstTrajectoryLineNamesItsStartAndBothModelsShares() {
    assertThat(seed(1, 0.97, 0.3, 0.03).worstTrajectoryLine()).hasValue("seed 1: ConCerNet's largest error is on"
        + " evaluation trajectory 2 of 2, x0 = (0.500, -0.500): ConCerNet MSE 5.400e-02 (90% of the seed's),"
        + " baseline 4.500e-01 (75% of the seed's)");
  }

  @Test
  void aBlownUpRolloutIsNamedAsSuchAndGivesNoShares() {
    SeedResult blown = new SeedResult(2, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), List.of(
            new EvaluationTrajectory(List.of(1.0, 0.0),
                Map.of(SeedResult.BASELINE, 0.5, SeedResult.CONCERNET, 0.01)),
            new EvaluationTrajectory(List.of(0.1, 0.0),
                Map.of(SeedResult.BASELINE, Double.POSITIVE_INFINITY, SeedResult.CONCERNET, Double.POSITIVE_INFINITY))));
    assertThat(blown.worstTrajectory(SeedResult.CONCERNET)).hasValue(1);
    assertThat(blown.mseShare(0, SeedResult.CONCERNET)).isNaN();
    assertThat(blown.worstTrajectoryLine()).hasValue("seed 2: ConCerNet's largest error is on evaluation trajectory"
        + " 2 of 2, x0 = (0.100, 0.00): ConCerNet blew up, baseline blew up");
    SeedResult one = new SeedResult(3, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), blown.trajectories().subList(0, 1));
    assertThat(one.worstTrajectoryLine()).isEmpty();
  }

  @Test
  void aResultRecordedBeforeTrajectoriesWereKeptHasNone() {
    SeedResult old = new SeedResult(3, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), null);
    assertThat(old.trajectories()).isEmpty();
    assertThat(old.worstTrajectory(SeedResult.CONCERNET)).isEmpty();
  }

  @Test
  void aLongInitialStateIsDescribedByItsNorm() {
    List<Double> x0 = java.util.Collections.nCopies(9, 1.0);
    assertThat(new EvaluationTrajectory(x0, Map.of()).describeInitialState()).isEqualTo("‖x0‖ = 3.00 (9 components)");
  }

  @Test
  void csvHasOneRowPerFigureWithEverySeed() {
    String csv = ResultsWriter.toCsv(results());
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("metric,model,invariant,mean,std,seed_0,seed_1");
    assertThat(lines).contains("mse,concernet,,0.02,0.01,0.01,0.03");
    assertThat(lines).contains("invariantR2Cubic,,energy,0.981,0.010000000000000009,0.991,0.971");
    assertThat(lines).hasSize(1 + 2 + 2 + 2 + 2 + 2);
  }

  @Test
  void summaryTableShowsBaselineBesideConcernet() {
    String table = SummaryTable.render(results());
    assertThat(table).contains("Spring — 2 seeds");
    assertThat(table).containsMatch("MSE\\s+2\\.000e-01 ± 1\\.000e-01\\s+2\\.000e-02 ± 1\\.000e-02");
    assertThat(table).containsMatch("energy\\s+0\\.98000 ± 0\\.01000\\s+0\\.98100 ± 0\\.01000");
  }
}
