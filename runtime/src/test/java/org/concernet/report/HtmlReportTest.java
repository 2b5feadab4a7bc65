/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class HtmlReportTest {
  private static final String DATA_URI = "<img src=\"data:image/png;base64,";

  @TempDir Path folder;

  private String render() {
    return HtmlReport.render(ReportFixtures.results(), ReportFixtures.provenance(), ReportFixtures.figures(folder));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void embedsEachFigureOnceAsAPngDataUri() throws IOException {
    List<HtmlReport.Figure> figures = ReportFixtures.figures(folder);
    String html = HtmlReport.render(ReportFixtures.results(), ReportFixtures.provenance(), figures);
    assertEquals(figures.size(), count(html, DATA_URI));
    Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
    List<byte[]> embedded = new ArrayList<>();
    while (m.find()) {
      embedded.add(Base64.getDecoder().decode(m.group(1)));
    }
    for (int k = 0; k < figures.size(); k++) {
      assertArrayEquals(Files.readAllBytes(figures.get(k).png()), embedded.get(k));
    }
    assertTrue(html.contains("width=\"" + Figures.CONTOUR_WIDTH + "\" height=\"" + Figures.CONTOUR_HEIGHT + "\""));
    assertTrue(html.contains("<figcaption>Figure 3. Violation of the energy over time</figcaption>"));
  }

  @Test
  void showsTheSummaryFiguresAsMeanPlusMinusStd() {
    String html = render();
    // R²: seeds 0.9991 and 0.9995; population std
    assertTrue(html.contains("<td>0.99930 ± 0.00020</td>"), "R² figure");
    // MSE: baseline 1.2e-2 and 1.8e-2, ConCerNet 3e-4 and 5e-4 (bold: the better one)
    assertTrue(html.contains("1.500e-02 ± 3.000e-03"), "baseline MSE");
    assertTrue(html.contains("<strong>4.000e-04 ± 1.000e-04</strong>"), "ConCerNet MSE, in bold");
    assertTrue(html.contains("<td>37.5</td>"), "baseline ÷ ConCerNet for the MSE");
    // violation of the energy: baseline 4e-3, 6e-3; ConCerNet 1e-5, 3e-5
    assertTrue(html.contains("<th scope=\"row\">violation of energy</th>"));
    assertTrue(html.contains("5.000e-03 ± 1.000e-03"));
    assertTrue(html.contains("<strong>2.000e-05 ± 1.000e-05</strong>"));
    // timings, summed over seeds, and per seed
    assertTrue(html.contains("<tr><th scope=\"row\">total</th><td>26.0</td><td>13.0</td></tr>"));
    // configuration and provenance, nested values as JSON
    assertTrue(html.contains("<tr><th scope=\"row\">hidden</th><td><code>[64,64]</code></td></tr>"));
    assertTrue(html.contains("<tr><th scope=\"row\">device</th><td><code>cpu</code></td></tr>"));
    assertTrue(html.contains("RK4 substeps per output step: baseline 4, concernet 4"));
  }

  @Test
  void listsEachEvaluationTrajectoryWithItsShareOfTheSeedsMse() {
    String html = render();
    // seed 2, trajectory 2: baseline 1.8 × 1.8e-2, ConCerNet 1.9 × 5e-4; shares 1.8/2 and 1.9/2
    assertTrue(html.contains("<tr><th scope=\"row\">2</th><td>2</td><td>(-0.300, 1.10)</td>"
        + "<td>3.240e-02</td><td>90%</td><td>9.500e-04</td><td>95%</td></tr>"), html);
    assertTrue(html.contains("<tr><th scope=\"row\">1</th><td>1</td><td>(0.800, 0.100)</td>"
        + "<td>2.400e-03</td><td>10%</td><td>3.000e-05</td><td>5%</td></tr>"));
  }

  @Test
  void aBlownUpTrajectoryShowsNoShares() {
    ExperimentResults fixture = ReportFixtures.results();
    SeedResult s = fixture.seeds().get(0);
    SeedResult blown = new SeedResult(s.seed(), s.invariantR2(), s.invariantR2Cubic(), s.mse(), s.mseFinal(),
        s.violation(), s.violationFinal(), s.timings(), s.rates(), s.notes(), List.of(
            new EvaluationTrajectory(List.of(0.8, 0.1), Map.of(SeedResult.BASELINE, 0.5, SeedResult.CONCERNET, 0.01)),
            new EvaluationTrajectory(List.of(-0.3, 1.1),
                Map.of(SeedResult.BASELINE, 0.25, SeedResult.CONCERNET, Double.POSITIVE_INFINITY))));
    String html = HtmlReport.render(new ExperimentResults(fixture.system(), fixture.invariants(), fixture.config(),
        List.of(blown)), ReportFixtures.provenance(), List.of());
    assertTrue(html.contains("<tr><th scope=\"row\">1</th><td>2</td><td>(-0.300, 1.10)</td>"
        + "<td>2.500e-01</td><td>33%</td><td>Infinity</td><td>—</td></tr>"), html);
  }

  @Test
  void escapesNames() {
    ExperimentResults results = ReportFixtures.results("<script>alert('x')</script>", "E & \"L\" <2>");
    Map<String, Object> provenance = Map.of("<b>key</b>", "a < b");
    String html = HtmlReport.render(results, provenance, List.of());
    assertFalse(html.contains("<script"), "a name must not open an element");
    assertFalse(html.contains("<b>"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assertTrue(html.contains("violation of E &amp; &quot;L&quot; &lt;2&gt;"));
    assertTrue(html.contains("&lt;b&gt;key&lt;/b&gt;"));
    assertTrue(html.contains("a &lt; b"));
    assertEquals("x\uFFFDy", HtmlReport.escape("x\u0007y"));
  }

  @Test
  void isWellFormedAndSelfContained() throws Exception {
    String html = render();
    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
    // polyglot HTML5: it also parses as XML, so every element is closed and properly nested
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertEquals("html", document.getDocumentElement().getTagName());
    assertEquals(3, document.getElementsByTagName("img").getLength());
    assertEquals(1, document.getElementsByTagName("style").getLength());
    // nothing fetched from elsewhere
    assertFalse(html.contains("<script"));
    assertFalse(html.contains("<link"));
    assertFalse(Pattern.compile("src=\"(?!data:)").matcher(html).find(), "every src is a data: URI");
    assertFalse(Pattern.compile("href=\"(?!#)").matcher(html).find(), "every link is within the page");
    assertFalse(html.contains("url("), "no CSS fetches");
  }

  @Test
  void theSweepPageIsWellFormedToo() throws Exception {
    Path html = folder.resolve("sweep.html");
    HtmlReport.writeSweep(html, "Sweep <noise>", "one run per noise",
        List.of(new String[] {"noise", "MSE"}, new String[] {"0.1", "1e-3"}), List.of("run-1/report.html"));
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(Files.newInputStream(html));
    assertEquals(1, document.getElementsByTagName("style").getLength());
    assertEquals("Sweep <noise>", document.getElementsByTagName("title").item(0).getTextContent());
    assertEquals("run-1/report.html",
        ((Element) document.getElementsByTagName("a").item(0)).getAttribute("href"));
  }

  @Test
  void equalInputsGiveEqualFiles() throws IOException {
    HtmlReport.write(folder.resolve("a.html"), ReportFixtures.results(), ReportFixtures.provenance(),
        ReportFixtures.figures(folder));
    HtmlReport.write(folder.resolve("b.html"), ReportFixtures.results(), ReportFixtures.provenance(),
        ReportFixtures.figures(folder));
    assertArrayEquals(Files.readAllBytes(folder.resolve("a.html")), Files.readAllBytes(folder.resolve("b.html")));
  }

  @Test
  void rejectsAFigureThatIsNotAPng() throws IOException {
    Path notPng = folder.resolve("figure.png");
    Files.writeString(notPng, "<svg/>");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HtmlReport.render(
        ReportFixtures.results(), Map.of(), List.of(HtmlReport.Figure.of(notPng))));
    assertTrue(e.getMessage().contains("is not a PNG file"), e.getMessage());
  }

  @Test
  void captionsFromFileNames() {
    assertEquals("violation energy", HtmlReport.Figure.of(Path.of("out/violation-energy.png")).caption());
    assertEquals(List.of("mse over time"), HtmlReport.captionedByName(List.of(Path.of("mse_over time.png")))
        .stream().map(HtmlReport.Figure::caption).toList());
  }
}
