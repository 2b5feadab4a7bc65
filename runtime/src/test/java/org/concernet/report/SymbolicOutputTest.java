/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.results.SymbolicInvariant;
import org.junit.jupiter.api.Test;

/** The read-out formulas in results.json, results.csv, report.html and a resumed seed's record. */
class SymbolicOutputTest {
  private static final String LIBRARY = "18 terms: monomials of degree 1-4 in 2 states";
  private static final SymbolicInvariant FOUND = new SymbolicInvariant(true, "H1 ≈ 0.5675·q² + 0.5656·p² − 2.682",
      List.of(new SymbolicInvariant.Term("q²", 0.5675), new SymbolicInvariant.Term("p²", 0.5656)), -2.682, 0.99988,
      Map.of("energy", 0.99998), 0.87, 7.0e-5, LIBRARY, SymbolicInvariant.REFINED);
  private static final SymbolicInvariant NONE = new SymbolicInvariant(false,
      "no sparse formula found (best dense fit R² 0.9324; sparsest within tolerance: 5 terms, R² 0.8599)", List.of(),
      Double.NaN, 0.8599, Map.of(), 0.9324, 0.01, LIBRARY, SymbolicInvariant.FROM_H);

  private static ExperimentResults results() {
    ExperimentResults r = ResultsWriterTest.results();
    return new ExperimentResults(r.system(), r.invariants(), r.config(), List.of(
        r.seeds().get(0).withSymbolicInvariants(Map.of("H1", FOUND)),
        r.seeds().get(1).withSymbolicInvariants(Map.of("H1", NONE))));
  }

  @Test
  void jsonHasEachSeedsFormulaWithItsTermsAndKeepsEverythingElse() {
    JsonNode json = ResultsWriter.toJson(results());
    JsonNode h1 = json.get("symbolicInvariants").get("H1");
    assertThat(h1.size()).isEqualTo(2);
    assertThat(h1.get(0).get("seed").asLong()).isEqualTo(results().seeds().get(0).seed());
    assertThat(h1.get(0).get("formula").asText()).isEqualTo("H1 ≈ 0.5675·q² + 0.5656·p² − 2.682");
    assertThat(h1.get(0).get("terms").get(1).get("term").asText()).isEqualTo("p²");
    assertThat(h1.get(0).get("terms").get(1).get("coefficient").asDouble()).isEqualTo(0.5656);
    assertThat(h1.get(0).get("r2Invariants").get("energy").asDouble()).isEqualTo(0.99998);
    assertThat(h1.get(0).get("coefficients").asText()).isEqualTo("data");
    assertThat(h1.get(1).get("found").asBoolean()).isFalse();
    assertThat(h1.get(1).get("formula").asText()).startsWith("no sparse formula found (best dense fit R² 0.9324");
    JsonNode before = ResultsWriter.toJson(ResultsWriterTest.results());
    assertThat(before.has("symbolicInvariants")).isFalse();
    ((ObjectNode) json).remove("symbolicInvariants");
    assertThat(json).isEqualTo(before);
  }

  @Test
  void csvAppendsTheR2RowsAndTheFormulasQuoted() {
    String csv = ResultsWriter.toCsv(results());
    assertThat(csv).startsWith(ResultsWriter.toCsv(ResultsWriterTest.results()));
    assertThat(csv).contains("symbolic.r2Learned,,H1,");
    assertThat(csv).contains("symbolic.r2.energy,,H1,NaN,NaN,0.99998,NaN\n");
    assertThat(csv).contains("symbolic.formula,,H1,,,\"H1 ≈ 0.5675·q² + 0.5656·p² − 2.682\",\"no sparse formula found");
  }

  @Test
  void aSeedWithFormulasRoundTripsThroughJacksonAsAResumedRunReadsIt() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    for (SeedResult seed : results().seeds()) {
      assertThat(mapper.readValue(mapper.writeValueAsString(seed), SeedResult.class)).isEqualTo(seed);
    }
    SeedResult old = ResultsWriterTest.results().seeds().get(0);
    assertThat(mapper.readValue(mapper.writeValueAsString(old), SeedResult.class).symbolicInvariants()).isEmpty();
  }

  @Test
  void reportShowsTheFormulaAsMathematicsAndTheMissingOneAsText() {
    String html = HtmlReport.render(results(), Map.of(), List.of());
    assertThat(html).contains("<a href=\"#formulas\">Formulas</a>");
    assertThat(html).contains("<span class=\"formula\"><i>H</i><sub>1</sub> ≈ 0.5675 <i>q</i><sup>2</sup>"
        + " + 0.5656 <i>p</i><sup>2</sup> − 2.682</span>");
    assertThat(html).contains("no sparse formula found (best dense fit R² 0.9324");
    assertThat(html).contains("energy 0.99998");
    assertThat(html).contains("refined on the training data's derivatives");
    assertThat(html).doesNotContain("(coefficients from H)</span>");
    ExperimentResults r = results();
    SymbolicInvariant fromH = new SymbolicInvariant(true, FOUND.formula(), FOUND.terms(), FOUND.offset(),
        FOUND.r2Learned(), FOUND.r2Invariants(), FOUND.denseR2(), FOUND.misalignment(), LIBRARY, SymbolicInvariant.FROM_H);
    String unrefined = HtmlReport.render(new ExperimentResults(r.system(), r.invariants(), r.config(),
        List.of(r.seeds().get(0).withSymbolicInvariants(Map.of("H1", fromH)), r.seeds().get(1))), Map.of(), List.of());
    assertThat(unrefined).contains("− 2.682</span> <span class=\"note\">(coefficients from H)</span>");
    assertThat(HtmlReport.render(ResultsWriterTest.results(), Map.of(), List.of())).doesNotContain("formulas");
  }

  @Test
  void termsAndCoefficientsReadAsMathematics() {
    assertThat(SymbolicSection.term("x·vy")).isEqualTo("<i>x</i> <i>vy</i>");
    assertThat(SymbolicSection.term("sin(q)")).isEqualTo("sin(<i>q</i>)");
    assertThat(SymbolicSection.term("log(x1)")).isEqualTo("log(<i>x</i><sub>1</sub>)");
    assertThat(SymbolicSection.term("u[3]²")).isEqualTo("<i>u[3]</i><sup>2</sup>");
    assertThat(SymbolicSection.coefficient(1.234e-5)).isEqualTo("1.234 × 10<sup>−5</sup>");
    assertThat(SymbolicSection.coefficient(0.5)).isEqualTo("0.5000");
  }

  @Test
  void consoleSummaryElidesTheMiddleOfALongFormula() {
    List<SymbolicInvariant.Term> terms = new java.util.ArrayList<>();
    for (int i = 0; i < 101; i++) {
      terms.add(new SymbolicInvariant.Term("u[" + i + "]", 0.1));
    }
    SymbolicInvariant heat = new SymbolicInvariant(true, SymbolicInvariant.formula("H1", terms, 1), terms, 1, 0.9999,
        Map.of("mass", 0.99998), 0.9999, 1e-4, "101 terms", SymbolicInvariant.EQUALISED);
    assertThat(heat.summary()).isEqualTo("H1 ≈ 0.1000·u[0] + 0.1000·u[1] + 0.1000·u[2] + 0.1000·u[3] + … 0.1000·u[99]"
        + " + 0.1000·u[100] (101 terms) [cubic R² against H 0.99990, R² against mass 0.99998]");
    assertThat(NONE.summary()).isEqualTo(NONE.formula());
    assertThat(FOUND.summary()).isEqualTo("H1 ≈ 0.5675·q² + 0.5656·p² − 2.682 [cubic R² against H 0.99988,"
        + " R² against energy 0.99998]");
  }
}
