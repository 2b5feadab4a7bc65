/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.junit.jupiter.api.Test;

/** The invariant-quality figures in results.json, results.csv, the summary table and report.html. */
class InvariantQualityOutputTest {
  private static SeedResult withQuality(SeedResult s, double spread, double alignment) {
    return new SeedResult(s.seed(), s.invariantR2(), s.invariantR2Cubic(), s.mse(), s.mseFinal(), s.violation(),
        s.violationFinal(), s.timings(), s.rates(), s.notes(), s.trajectories(),
        Map.of("H1", Map.of("spread", spread, "alignment", alignment)));
  }

  private static ExperimentResults results(double spread, double alignment) {
    ExperimentResults r = ResultsWriterTest.results();
    return new ExperimentResults(r.system(), r.invariants(), r.config(),
        List.of(withQuality(r.seeds().get(0), spread, alignment), withQuality(r.seeds().get(1), spread, alignment)));
  }

  @Test
  void jsonAndCsvCarryTheFigureAndKeepEverythingElse() {
    ExperimentResults good = results(0.001, 0.02);
    JsonNode json = ResultsWriter.toJson(good);
    assertThat(json.get("invariantQuality").get("H1").get("spread").get("mean").asDouble()).isEqualTo(0.001);
    assertThat(json.get("invariantQuality").get("H1").get("alignment").get("perSeed").size()).isEqualTo(2);
    JsonNode before = ResultsWriter.toJson(ResultsWriterTest.results());
    assertThat(before.has("invariantQuality")).isFalse();
    ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("invariantQuality");
    assertThat(json).isEqualTo(before);
    String csv = ResultsWriter.toCsv(good);
    assertThat(csv).startsWith(ResultsWriter.toCsv(ResultsWriterTest.results()));
    assertThat(csv).contains("invariantQuality.spread,,H1,0.001,0.0,0.001,0.001\n");
  }

  @Test
  void aSeedResultWithTheFigureRoundTripsThroughJackson() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    SeedResult seed = results(0.001, 0.02).seeds().get(0);
    SeedResult back = mapper.readValue(mapper.writeValueAsString(seed), SeedResult.class);
    assertThat(back).isEqualTo(seed);
    SeedResult old = ResultsWriterTest.results().seeds().get(0);
    assertThat(mapper.readValue(mapper.writeValueAsString(old), SeedResult.class).invariantQuality()).isEmpty();
  }

  @Test
  void summaryWarnsOnlyWhenProjectingIsLikelyToHurt() {
    String good = SummaryTable.render(results(0.001, 0.02));
    assertThat(good).contains("Learned H, held out");
    assertThat(good).doesNotContain("WARNING");
    assertThat(SummaryTable.render(results(0.2, 0.02))).contains("WARNING: the learned H1 is not conserved");
    assertThat(SummaryTable.render(results(0.001, 0.3))).contains("WARNING: the learned H1 is not conserved");
    assertThat(HtmlReport.render(results(0.2, 0.3), Map.of(), List.of())).contains("<p class=\"warning\">WARNING");
    assertThat(SummaryTable.render(ResultsWriterTest.results())).doesNotContain("held out");
  }
}
