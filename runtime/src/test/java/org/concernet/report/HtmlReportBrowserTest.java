/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in headless Chromium with {@code scripts/check-report.sh}: every figure must
 * load and be non-blank in a real browser. Skipped where Debian's chromium is not installed.
 */
class HtmlReportBrowserTest {
  /** Debian's Chromium; {@code -Dconcernet.chromium=/path} points elsewhere. */
  private static final Path CHROMIUM = Path.of(System.getProperty("concernet.chromium", "/usr/bin/chromium"));

  @TempDir Path folder;

  @Test
  @DisplayName("every figure renders in headless Chromium (skipped without /usr/bin/chromium)")
  void everyFigureRendersInHeadlessChromium() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "skipped: no Chromium at " + CHROMIUM + " to render the report in (apt-get install -y chromium)");
    Path script = findScript();
    assumeTrue(script != null, "skipped: scripts/check-report.sh not found above " + Path.of("").toAbsolutePath());

    List<HtmlReport.Figure> figures = ReportFixtures.figures(folder);
    Path html = folder.resolve("report.html");
    HtmlReport.write(html, ReportFixtures.results(), ReportFixtures.provenance(), figures);

    Result result = check(script, html);
    String output = result.output;
    assertEquals(0, result.exitCode, output);
    assertTrue(output.contains("IMAGES 3/3 NONBLANK 3 SIZES " + Figures.CONTOUR_WIDTH + "x" + Figures.CONTOUR_HEIGHT
        + " " + Figures.WIDTH + "x" + Figures.HEIGHT + " " + Figures.WIDTH + "x" + Figures.HEIGHT), output);
  }

  @Test
  @DisplayName("the browser check catches a broken and a blank image (skipped without /usr/bin/chromium)")
  void theCheckCatchesBrokenAndBlankImages() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(CHROMIUM),
        "skipped: no Chromium at " + CHROMIUM + " to render the report in (apt-get install -y chromium)");
    Path script = findScript();
    assumeTrue(script != null, "skipped: scripts/check-report.sh not found above " + Path.of("").toAbsolutePath());

    BufferedImage white = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = white.createGraphics();
    g2.setPaint(Color.WHITE);
    g2.fillRect(0, 0, 40, 30);
    g2.dispose();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(white, "png", png);
    Path html = folder.resolve("broken.html");
    Files.writeString(html, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" /><title>t</title></head>\n"
        + "<body>\n<img src=\"data:image/png;base64,AAAAAAAA\" alt=\"broken\" />\n"
        + "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray())
        + "\" alt=\"blank\" />\n</body>\n</html>\n");

    Result result = check(script, html);
    assertEquals(1, result.exitCode, result.output);
    assertTrue(result.output.contains("IMAGES 1/2 NONBLANK 0"), result.output);
  }

  private record Result(int exitCode, String output) {}

  private static Result check(Path script, Path html) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), html.toString()).redirectErrorStream(true);
    builder.environment().put("CHROMIUM", CHROMIUM.toString());
    Process process = builder.start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(finished, "check-report.sh did not finish in 120 s: " + output);
    return new Result(process.exitValue(), output);
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
