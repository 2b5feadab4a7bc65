/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.eval.InvariantQuality;
import org.concernet.eval.Statistics;
import org.concernet.io.AtomicFiles;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;

/**
 * One self-contained {@code report.html} for an experiment: the summary tables (the paper's
 * Tables 2 and 3 as mean ± std over seeds, then per seed), the timings, the figures (embedded as
 * {@code data:} URIs), the configuration and the provenance. Nothing is fetched from elsewhere: no
 * scripts, fonts or style sheets, so the file can be mailed or archived as it is.
 *
 * <p>The page is HTML5 that is also well-formed XML (polyglot markup), every text escaped. It
 * holds no date of its own, so equal inputs give byte-identical files; put the run's time in the
 * provenance if it should be shown.
 */
public final class HtmlReport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** How the per-seed notes' keys read in the report. */
  private static final Map<String, String> NOTE_LABELS = Map.of(
      "rolloutSubsteps", "RK4 substeps per output step",
      "autoencoder", "autoencoder",
      "baselineNonFinite", "baseline blew up",
      "concernetNonFinite", "ConCerNet blew up",
      "dataWarning", "warning, data",
      "baselineWarning", "warning, baseline");

  /** A PNG figure and its caption. */
  public record Figure(Path png, String caption) {
    /** A figure captioned by its file name: {@code violation-energy.png} → "violation energy". */
    public static Figure of(Path png) {
      String name = png.getFileName().toString();
      if (name.toLowerCase(Locale.ROOT).endsWith(".png")) {
        name = name.substring(0, name.length() - 4);
      }
      return new Figure(png, name.replace('-', ' ').replace('_', ' '));
    }
  }

  private HtmlReport() {}

  /** Writes the report to {@code html}, atomically. */
  public static void write(Path html, ExperimentResults results, Map<String, Object> provenance,
      List<Figure> figures) {
    AtomicFiles.write(html, render(results, provenance, figures));
  }

  /** The figures captioned by their file names (see {@link Figure#of}). */
  public static List<Figure> captionedByName(List<Path> pngs) {
    List<Figure> figures = new ArrayList<>();
    for (Path png : pngs) {
      figures.add(Figure.of(png));
    }
    return figures;
  }

  /** The report as a string. */
  public static String render(ExperimentResults results, Map<String, Object> provenance,
      List<Figure> figures) {
    StringBuilder h = new StringBuilder(1 << 16);
    int n = results.seeds().size();
    String title = "ConCerNet — " + results.system();
    openPage(h, title);
    h.append("<header>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"lead\">")
        .append(n).append(n == 1 ? " seed" : " seeds").append(" (");
    for (int s = 0; s < n; s++) {
      h.append(s == 0 ? "" : ", ").append(results.seeds().get(s).seed());
    }
    h.append(n == 1 ? "). Figures are of this one seed; " : "). Figures are mean ± std over seeds (population std, as"
        + " the paper's tables); ").append("the better model's figure is in bold.</p>\n");
    h.append("<nav><a href=\"#summary\">Summary</a> · ")
        .append(SymbolicSection.present(results) ? "<a href=\"#" + SymbolicSection.ID + "\">Formulas</a> · " : "")
        .append("<a href=\"#per-seed\">Per seed</a> · ")
        .append("<a href=\"#timings\">Timings</a> · <a href=\"#figures\">Figures</a> · <a href=\"#trajectories\">Trajectories</a> · ")
        .append("<a href=\"#configuration\">Configuration</a> · <a href=\"#provenance\">Provenance</a></nav>\n")
        .append("</header>\n");

    summary(h, results);
    SymbolicSection.append(h, results);
    perSeed(h, results);
    timings(h, results);
    figures(h, figures);
    evaluationTrajectories(h, results);
    keyValues(h, "configuration", "Configuration", results.config());
    keyValues(h, "provenance", "Provenance", provenance);

    h.append("</main>\n<footer>Written by concernet-java, the reference Java implementation of ")
        .append("ConCerNet (Zhang et al., ICML 2023).</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  // ---------------------------------------------------------------------------------------------

  /** How conserved each learned output is on held-out trajectories, and the warning when it is not. */
  private static void quality(StringBuilder h, ExperimentResults results) {
    Map<String, Map<String, Statistics>> quality = results.invariantQuality();
    if (quality.isEmpty()) {
      return;
    }
    h.append("<table class=\"figures\">\n<caption>Learned H on held-out trajectories, without any known ")
        .append("invariant; lower is better</caption>\n<thead><tr><th scope=\"col\">Output</th>")
        .append("<th scope=\"col\">spread</th><th scope=\"col\">alignment</th></tr></thead>\n<tbody>\n");
    quality.forEach((output, f) -> h.append("<tr><th scope=\"row\">").append(escape(output)).append("</th><td>")
        .append(escape(f.get(InvariantQuality.SPREAD).format("%.2e"))).append("</td><td>")
        .append(escape(f.get(InvariantQuality.ALIGNMENT).format("%.3f"))).append("</td></tr>\n"));
    h.append("</tbody>\n</table>\n");
    h.append("<p class=\"note\">Spread: H's variance along each trajectory over its variance across all of them; ")
        .append("alignment: the mean |cos| between ∇H and ẋ. Both are 0 for an exact invariant.</p>\n");
    String warning = SummaryTable.qualityWarning(results);
    if (!warning.isEmpty()) {
      h.append("<p class=\"warning\">").append(escape(warning)).append("</p>\n");
    }
  }

  private static void summary(StringBuilder h, ExperimentResults results) {
    h.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
    h.append("<table class=\"figures\">\n<caption>Learned invariant: R² against each known invariant")
        .append("</caption>\n<thead><tr><th scope=\"col\">Invariant</th>")
        .append("<th scope=\"col\">R²</th><th scope=\"col\">per seed</th>")
        .append("<th scope=\"col\">R², cubic in H</th></tr></thead>\n<tbody>\n");
    Map<String, Statistics> cubic = results.invariantR2Cubic();
    results.invariantR2().forEach((name, f) -> h.append("<tr><th scope=\"row\">").append(escape(name))
        .append("</th><td>").append(escape(f.format("%.5f"))).append("</td><td class=\"seeds\">")
        .append(escape(perSeed(f, "%.5f"))).append("</td><td>").append(escape(cubic.get(name).format("%.5f")))
        .append("</td></tr>\n"));
    h.append("</tbody>\n</table>\n");
    h.append("<p class=\"note\">R² is the paper's: a linear fit of the invariant on H. The cubic R² fits a cubic ")
        .append("polynomial in H instead, so it does not count against H a smooth reparametrisation of the ")
        .append("invariant, which conserves exactly as well; a cubic R² near 1 with a lower R² means H learned a ")
        .append("function of the invariant.</p>\n");
    quality(h, results);

    h.append("<table class=\"figures\">\n<caption>Dynamics: rollouts against the truth; ")
        .append("lower is better</caption>\n<thead><tr><th scope=\"col\">Metric</th>")
        .append("<th scope=\"col\" class=\"baseline\">baseline</th>")
        .append("<th scope=\"col\" class=\"concernet\">ConCerNet</th>")
        .append("<th scope=\"col\">baseline ÷ ConCerNet</th>")
        .append(results.models().contains(SeedResult.CONCERNET_FORMULA)
            ? "<th scope=\"col\" title=\"ConCerNet's network projected with the exact gradient of the learned"
                + " invariant read out as a formula\">" + SummaryTable.modelLabel(SeedResult.CONCERNET_FORMULA) + "</th>"
            : "")
        .append("</tr></thead>\n<tbody>\n");
    for (DynamicsRow row : DynamicsRow.of(results)) {
      dynamicsRow(h, (row.invariant() == null ? "MSE" : "violation of " + row.invariant())
          + (row.finalTime() ? ", final time" : ""), row.byModel());
    }
    h.append("</tbody>\n</table>\n</section>\n");
  }

  private static void dynamicsRow(StringBuilder h, String label, Map<String, Statistics> byModel) {
    Statistics b = byModel.get(SeedResult.BASELINE);
    Statistics c = byModel.get(SeedResult.CONCERNET);
    boolean baselineBetter = b.mean() < c.mean();
    boolean concernetBetter = c.mean() < b.mean();
    h.append("<tr><th scope=\"row\">").append(escape(label)).append("</th>");
    cell(h, b, baselineBetter);
    cell(h, c, concernetBetter);
    double ratio = b.mean() / c.mean();
    h.append("<td>").append(Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.3g", ratio) : "—").append("</td>");
    Statistics formula = byModel.get(SeedResult.CONCERNET_FORMULA);
    if (formula != null) {
      cell(h, formula, formula.mean() < Math.min(b.mean(), c.mean()));
    }
    h.append("</tr>\n");
  }

  private static void cell(StringBuilder h, Statistics f, boolean better) {
    String text = escape(f.format("%.3e"));
    h.append("<td title=\"per seed: ").append(escape(perSeed(f, "%.3e"))).append("\">")
        .append(better ? "<strong>" + text + "</strong>" : text).append("</td>");
  }

  private static String perSeed(Statistics f, String number) {
    StringBuilder s = new StringBuilder();
    for (double v : f.perSeed()) {
      s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, number, v));
    }
    return s.toString();
  }

  private static void perSeed(StringBuilder h, ExperimentResults results) {
    h.append("<section id=\"per-seed\">\n<h2>Per seed</h2>\n<table class=\"figures\">\n<thead><tr>")
        .append("<th scope=\"col\">seed</th>");
    for (String name : results.invariants()) {
      h.append("<th scope=\"col\">R² ").append(escape(name)).append("</th>");
    }
    h.append("<th scope=\"col\" class=\"baseline\">MSE baseline</th>")
        .append("<th scope=\"col\" class=\"concernet\">MSE ConCerNet</th>")
        .append("<th scope=\"col\">seconds</th><th scope=\"col\" class=\"notes\">notes</th></tr></thead>\n<tbody>\n");
    for (SeedResult seed : results.seeds()) {
      h.append("<tr><th scope=\"row\">").append(seed.seed()).append("</th>");
      for (String name : results.invariants()) {
        h.append("<td>").append(number(seed.invariantR2().get(name), "%.5f")).append("</td>");
      }
      h.append("<td>").append(number(seed.mse().get(SeedResult.BASELINE), "%.3e")).append("</td>")
          .append("<td>").append(number(seed.mse().get(SeedResult.CONCERNET), "%.3e")).append("</td>")
          .append("<td>").append(number(seed.timings().get("total"), "%.1f")).append("</td>")
          .append("<td class=\"notes\">");
      boolean first = true;
      for (Map.Entry<String, String> note : seed.notes().entrySet()) {
        h.append(first ? "" : "<br />").append(escape(NOTE_LABELS.getOrDefault(note.getKey(), note.getKey())))
            .append(": ").append(escape(note.getValue()));
        first = false;
      }
      h.append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
    h.append("</section>\n");
  }

  /**
   * Each seed's evaluation trajectories: where each started, both models' MSE over it, and its
   * share of the seed's MSE, so a reader sees whether one initial state carries a seed's figure.
   */
  private static void evaluationTrajectories(StringBuilder h, ExperimentResults results) {
    if (results.seeds().stream().allMatch(seed -> seed.trajectories().isEmpty())) {
      return;
    }
    int count = results.seeds().stream().mapToInt(seed -> seed.trajectories().size()).sum();
    h.append("<section id=\"trajectories\">\n<details>\n<summary>Evaluation trajectories (").append(count)
        .append(" rollouts): each one's MSE and its share of its seed's</summary>\n");
    h.append("<table class=\"figures\">\n<caption>Evaluation trajectories: each model's MSE over one")
        .append(" trajectory, and its share of the seed's MSE (the seed's MSE is the mean over its")
        .append(" trajectories)</caption>\n<thead><tr>")
        .append("<th scope=\"col\">seed</th><th scope=\"col\">trajectory</th><th scope=\"col\">x0</th>")
        .append("<th scope=\"col\" class=\"baseline\">MSE baseline</th><th scope=\"col\" class=\"baseline\">share</th>")
        .append("<th scope=\"col\" class=\"concernet\">MSE ConCerNet</th>")
        .append("<th scope=\"col\" class=\"concernet\">share</th></tr></thead>\n<tbody>\n");
    for (SeedResult seed : results.seeds()) {
      for (int i = 0; i < seed.trajectories().size(); i++) {
        EvaluationTrajectory t = seed.trajectories().get(i);
        h.append("<tr><th scope=\"row\">").append(seed.seed()).append("</th><td>").append(i + 1)
            .append("</td><td>").append(escape(t.describeInitialState())).append("</td>");
        for (String model : List.of(SeedResult.BASELINE, SeedResult.CONCERNET)) {
          h.append("<td>").append(number(t.mse().get(model), "%.3e")).append("</td><td>")
              .append(share(seed.mseShare(i, model))).append("</td>");
        }
        h.append("</tr>\n");
      }
    }
    h.append("</tbody>\n</table>\n</details>\n</section>\n");
  }

  /** A trajectory's share of its seed's MSE; a dash when it has none (a sum of 0 or infinity). */
  private static String share(double share) {
    return Double.isNaN(share) ? "—" : escape(String.format(Locale.ROOT, "%.0f%%", 100 * share));
  }

  private static String number(Double v, String format) {
    return v == null ? "—" : escape(String.format(Locale.ROOT, format, v));
  }

  private static void timings(StringBuilder h, ExperimentResults results) {
    int n = results.seeds().size();
    h.append("<section id=\"timings\">\n<h2>Timings</h2>\n<table class=\"figures\">\n<thead><tr>")
        .append("<th scope=\"col\">stage</th><th scope=\"col\">seconds, all seeds</th>")
        .append("<th scope=\"col\">seconds per seed</th></tr></thead>\n<tbody>\n");
    results.timings().forEach((stage, seconds) -> h.append("<tr><th scope=\"row\">").append(escape(stage))
        .append("</th><td>").append(String.format(Locale.ROOT, "%.1f", seconds)).append("</td><td>")
        .append(String.format(Locale.ROOT, "%.1f", seconds / n)).append("</td></tr>\n"));
    h.append("</tbody>\n</table>\n");
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (SeedResult seed : results.seeds()) {
      seed.rates().forEach((name, v) -> rates.computeIfAbsent(name, k -> new ArrayList<>()).add(v));
    }
    if (!rates.isEmpty()) {
      h.append("<table class=\"figures\">\n<caption>Speed (mean ± std over seeds)</caption>\n<thead><tr>")
          .append("<th scope=\"col\">rate</th><th scope=\"col\">value</th></tr></thead>\n<tbody>\n");
      rates.forEach((name, values) -> h.append("<tr><th scope=\"row\">").append(escape(name))
          .append("</th><td>").append(escape(Statistics.of(values).format("%.3g"))).append("</td></tr>\n"));
      h.append("</tbody>\n</table>\n");
    }
    h.append("</section>\n");
  }

  private static void figures(StringBuilder h, List<Figure> figures) {
    h.append("<section id=\"figures\">\n<h2>Figures</h2>\n");
    if (figures.isEmpty()) {
      h.append("<p>No figures.</p>\n");
    }
    int number = 1;
    for (Figure figure : figures) {
      byte[] png = readPng(figure.png());
      int width = readInt(png, 16);
      int height = readInt(png, 20);
      String caption = "Figure " + number++ + ". " + figure.caption();
      h.append("<figure>\n<img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
          .append("\" width=\"").append(width).append("\" height=\"").append(height)
          .append("\" alt=\"").append(escape(figure.caption())).append("\" />\n<figcaption>")
          .append(escape(caption)).append("</figcaption>\n</figure>\n");
    }
    h.append("</section>\n");
  }

  private static byte[] readPng(Path png) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read figure " + png + ": " + e.getMessage(), e);
    }
    boolean signature = bytes.length >= 24;
    for (int k = 0; signature && k < PNG_SIGNATURE.length; k++) {
      signature = bytes[k] == PNG_SIGNATURE[k];
    }
    if (!signature) {
      throw new IllegalArgumentException("figure " + png + " is not a PNG file (" + bytes.length
          + " bytes without the PNG signature); the report embeds PNG figures only");
    }
    return bytes;
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }

  private static void keyValues(StringBuilder h, String id, String heading, Map<String, Object> values) {
    h.append("<section id=\"").append(id).append("\">\n<h2>").append(escape(heading)).append("</h2>\n");
    if (values == null || values.isEmpty()) {
      h.append("<p>None recorded.</p>\n</section>\n");
      return;
    }
    h.append("<table class=\"settings\">\n<tbody>\n");
    values.forEach((key, value) -> h.append("<tr><th scope=\"row\">").append(escape(key))
        .append("</th><td><code>").append(escape(text(value))).append("</code></td></tr>\n"));
    h.append("</tbody>\n</table>\n</section>\n");
  }

  /** A setting's value: strings as they are, anything else as JSON (nested maps and lists too). */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return String.valueOf(value);
    }
  }

  /**
   * A sweep's page: one row per combination of swept values (the first row is the header), each
   * linked to that run's own report, like the paper's Tables 8-10.
   *
   * @param links one relative link per data row, to that run's report.html, or null for a row whose run failed
   */
  public static void writeSweep(Path html, String title, String caption, List<String[]> rows, List<String> links) {
    StringBuilder h = new StringBuilder();
    openPage(h, title);
    h.append("<header>\n<h1>").append(escape(title)).append("</h1>\n</header>\n<section>\n<table class=\"figures\">\n<caption>")
        .append(escape(caption)).append("</caption>\n<thead><tr>");
    for (String cell : rows.get(0)) {
      h.append("<th>").append(escape(cell)).append("</th>");
    }
    h.append("<th>run</th></tr></thead>\n<tbody>\n");
    for (int r = 1; r < rows.size(); r++) {
      h.append("<tr>");
      for (String cell : rows.get(r)) {
        h.append("<td>").append(escape(cell)).append("</td>");
      }
      String link = links.get(r - 1);  // null: the row's run failed and has no report
      h.append(link == null ? "<td>—</td></tr>\n"
          : "<td><a href=\"" + escape(link) + "\">report</a></td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n");
    AtomicFiles.write(html, h.toString());
  }

  /** Everything up to the page's content: the head with its title and style sheet, then {@code <main>}. */
  private static void openPage(StringBuilder h, String title) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // control characters are not allowed in HTML text (nor in XML): show them as U+FFFD
          boolean control = c < 0x20 && c != '\n' && c != '\t' && c != '\r';
          out.append(control ? '\uFFFD' : c);
        }
      }
    }
    return out.toString();
  }

  private static final String CSS = """
      :root { color-scheme: light; --baseline: #d55e00; --concernet: #0072b2; --rule: #d9d9d9; }
      body { margin: 0; background: #fafafa; color: #1a1a1a;
        font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
      main { max-width: 1240px; margin: 0 auto; padding: 1.5rem 2rem 2rem; background: #fff; }
      h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
      h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--rule); }
      .lead { color: #444; margin: .25rem 0 .75rem; }
      .note { color: #444; font-size: .9em; max-width: 60rem; margin: -1rem 0 1.5rem; }
      .formula { font-family: "STIX Two Math", "Cambria Math", "Times New Roman", serif; font-size: 1.05em; }
      .warning { color: #8a1c00; font-weight: bold; max-width: 60rem; }
      nav a { color: var(--concernet); text-decoration: none; }
      nav a:hover { text-decoration: underline; }
      table { border-collapse: collapse; margin: 0 0 1.5rem; font-variant-numeric: tabular-nums; min-width: 34rem; }
      thead th.notes { text-align: left; }
      caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 .4rem; }
      th, td { padding: .35rem .8rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
      thead th { border-bottom: 2px solid #999; text-align: right; white-space: nowrap; }
      thead th:first-child, tbody th { text-align: left; }
      tbody th { font-weight: 500; }
      table.figures td { text-align: right; white-space: nowrap; }
      table.figures td.seeds { color: #555; font-size: .9em; }
      table.figures td.notes { text-align: left; white-space: normal; font-size: .9em; color: #444; }
      th.baseline { color: var(--baseline); }
      th.concernet { color: var(--concernet); }
      table.settings td code { white-space: pre-wrap; word-break: break-word; }
      code { font: .9em/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
      figure { margin: 0 0 2rem; }
      figure img { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
      figcaption { margin-top: .4rem; color: #333; font-size: .95em; }
      footer { max-width: 1240px; margin: 0 auto; padding: 1rem 2rem; color: #777; font-size: .85em; }
      """;
}
