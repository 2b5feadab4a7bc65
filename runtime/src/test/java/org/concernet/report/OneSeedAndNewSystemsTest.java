/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user's first run shows: one seed's figures without a meaningless "± 0", headings that do
 * not cite the paper's tables for a system the paper never saw, readable notes, and the figures
 * before the long per-trajectory table.
 */
class OneSeedAndNewSystemsTest {
  @Test
  void oneSeedIsShownWithoutAStandardDeviation() {
    String table = SummaryTable.render(ReportFixtures.oneSeed());
    assertThat(table).contains("ideal_spring_mass — 1 seed\n");
    assertThat(table).doesNotContain("±");
    assertThat(table).containsMatch("energy\\s+0\\.99910\\s+(0\\.99\\d{3}|1\\.00000)\n");
    assertThat(SummaryTable.render(ReportFixtures.results())).contains("— 2 seeds (mean ± std)");
  }

  @Test
  void headingsDoNotCiteThePapersTables(@TempDir Path folder) {
    String table = SummaryTable.render(ReportFixtures.results());
    assertThat(table).doesNotContain("Table 2");
    assertThat(table).doesNotContain("Table 3");
    String html = HtmlReport.render(ReportFixtures.results(), ReportFixtures.provenance(), List.of());
    assertThat(html).doesNotContain("Table 2");
    assertThat(html).doesNotContain("Table 3");
  }

  @Test
  void notesReadAsWordsAndTheTrajectoryTableComesAfterTheFigures(@TempDir Path folder) {
    String html = HtmlReport.render(ReportFixtures.results(), ReportFixtures.provenance(),
        ReportFixtures.figures(folder));
    assertThat(html).contains("RK4 substeps per output step: baseline 4, concernet 4");
    assertThat(html).doesNotContain("rolloutSubsteps");
    assertThat(html.indexOf("<section id=\"trajectories\">\n<details>")).isGreaterThan(html.indexOf("<figure"));
    assertThat(html.indexOf("Evaluation trajectories:")).isGreaterThan(html.indexOf("<figure"));
  }
}
