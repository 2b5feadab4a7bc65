/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in headless Chromium with {@code scripts/check-report.sh}: every figure must
 * load and be non-blank in a real browser. Skipped where Debian's chromium is not installed.
 */
class HtmlReportBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path folder;

  @Test
  @DisplayName("every figure renders in headless Chromium (skipped without /usr/bin/chromium)")
  void everyFigureRendersInHeadlessChromium() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "skipped: no /usr/bin/chromium to render the report in (apt-get install -y chromium)");
    Path script = findScript();
    assumeTrue(script != null, "skipped: scripts/check-report.sh not found above " + Path.of("").toAbsolutePath());

    List<HtmlReport.Figure> figures = ReportFixtures.figures(folder);
    Path html = folder.resolve("report.html");
    HtmlReport.write(html, ReportFixtures.results(), ReportFixtures.provenance(), figures);

    Process process = new ProcessBuilder("bash", script.toString(), html.toString())
        .redirectErrorStream(true).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(finished, "check-report.sh did not finish in 120 s: " + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("IMAGES 3/3 NONBLANK 3 SIZES " + Figures.CONTOUR_WIDTH + "x" + Figures.CONTOUR_HEIGHT
        + " " + Figures.WIDTH + "x" + Figures.HEIGHT + " " + Figures.WIDTH + "x" + Figures.HEIGHT), output);
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts/check-report.sh");
      if (Files.isRegularFile(script)) {
        return script;
      }
    }
    return null;
  }
}
