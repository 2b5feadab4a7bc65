/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SymbolicInvariant;

/**
 * The report's "Learned invariant as a formula" section: per learned output and seed, the formula
 * read out of H ({@code org.concernet.symbolic}) as mathematics (italic variables, true superscripts,
 * × 10ⁿ instead of e-notation), its R² against H and against each declared invariant, or the "no
 * sparse formula found" text.
 */
final class SymbolicSection {
  static final String ID = "formulas";

  private SymbolicSection() {}

  /** Whether the results carry any read-out (and the section is written). */
  static boolean present(ExperimentResults results) {
    return !results.symbolicInvariants().isEmpty();
  }

  static void append(StringBuilder h, ExperimentResults results) {
    Map<String, List<SymbolicInvariant>> byOutput = results.symbolicInvariants();
    if (byOutput.isEmpty()) {
      return;
    }
    h.append("<section id=\"").append(ID).append("\">\n<h2>Learned invariant as a formula</h2>\n");
    h.append("<p class=\"note\">A sparse combination φ of candidate terms whose gradient is parallel to ∇H on ")
        .append("held-out states (so a smooth warp g(φ) learned by H does not hide it), scaled to H by a linear fit. ")
        .append("Its terms come from ∇H; its coefficients are then refined on the training data's derivatives ")
        .append("(the combination of those terms the data conserve best), and nearly equal ones made equal where the ")
        .append("data cannot tell the difference (marked \"equalised\"); \"coefficients from H\" marks those left as H's. ")
        .append("R² against H is of a cubic in φ; against a declared invariant, of a line.</p>\n");
    byOutput.forEach((output, perSeed) -> {
      h.append("<table class=\"figures\">\n<caption>").append(HtmlReport.escape(output)).append("</caption>\n")
          .append("<thead><tr><th scope=\"col\">Seed</th><th scope=\"col\">Formula</th>")
          .append("<th scope=\"col\">R² against H</th><th scope=\"col\">R², other invariants</th></tr></thead>\n<tbody>\n");
      for (int i = 0; i < perSeed.size(); i++) {
        SymbolicInvariant s = perSeed.get(i);
        h.append("<tr><th scope=\"row\">").append(results.seeds().get(i).seed()).append("</th><td>");
        if (s == null) {
          h.append("–</td><td></td><td></td></tr>\n");
          continue;
        }
        if (!s.found()) {
          h.append(HtmlReport.escape(s.formula())).append("</td><td>")
              .append(String.format(Locale.ROOT, "%.5f", s.r2Learned())).append("</td><td></td></tr>\n");
          continue;
        }
        String math = math(output, s);
        if (s.terms().size() > 8) {
          h.append("<details><summary>").append(s.terms().size()).append(" terms</summary>").append(math)
              .append("</details>");
        } else {
          h.append(math);
        }
        if (SymbolicInvariant.FROM_H.equals(s.coefficients())) {
          h.append(" <span class=\"note\">(coefficients from H)</span>");
        } else if (SymbolicInvariant.EQUALISED.equals(s.coefficients())) {
          h.append(" <span class=\"note\">(equalised)</span>");
        }
        h.append("</td><td>").append(String.format(Locale.ROOT, "%.5f", s.r2Learned())).append("</td><td>");
        StringBuilder others = new StringBuilder();
        s.r2Invariants().forEach((name, r2) -> others.append(others.length() == 0 ? "" : ", ")
            .append(HtmlReport.escape(name)).append(String.format(Locale.ROOT, " %.5f", r2)));
        h.append(others).append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n");
      perSeed.stream().filter(s -> s != null).findFirst().ifPresent(s ->
          h.append("<p class=\"note\">Candidate terms: ").append(HtmlReport.escape(s.library())).append(".</p>\n"));
    });
    h.append("</section>\n");
  }

  /** The formula as HTML: "<i>H</i><sub>1</sub> ≈ 0.4982 <i>q</i><sup>2</sup> + …". */
  static String math(String output, SymbolicInvariant s) {
    StringBuilder m = new StringBuilder("<span class=\"formula\">").append(variable(output)).append(" ≈ ");
    for (int k = 0; k < s.terms().size(); k++) {
      double c = s.terms().get(k).coefficient();
      m.append(k == 0 ? (c < 0 ? "−" : "") : (c < 0 ? " − " : " + ")).append(coefficient(Math.abs(c))).append(' ')
          .append(term(s.terms().get(k).term()));
    }
    double b = s.offset();
    if (b != 0 && Double.isFinite(b)) {
      m.append(b < 0 ? " − " : " + ").append(coefficient(Math.abs(b)));
    }
    return m.append("</span>").toString();
  }

  /** 4 significant digits; "1.234 × 10<sup>−5</sup>" for small and large numbers. */
  static String coefficient(double v) {
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (!s.contains("e")) {
      return s;
    }
    String[] parts = s.split("e");
    int exponent = Integer.parseInt(parts[1]);
    return parts[0] + " × 10<sup>" + (exponent < 0 ? "−" + -exponent : Integer.toString(exponent)) + "</sup>";
  }

  /** A term's text with variables in italics and superscript digits as {@code <sup>}. */
  static String term(String name) {
    StringBuilder out = new StringBuilder();
    String superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    StringBuilder word = new StringBuilder();
    StringBuilder power = new StringBuilder();
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? name.charAt(i) : '\0';
      int digit = superscripts.indexOf(c);
      if (digit >= 0) {
        power.append(digit);
        continue;
      }
      if (power.length() > 0) {
        out.append(variable(word.toString())).append("<sup>").append(power).append("</sup>");
        word.setLength(0);
        power.setLength(0);
      }
      if (c == '\0') {
        break;
      }
      if (Character.isLetterOrDigit(c) || c == '[' || c == ']' || c == '_') {
        word.append(c);
      } else {
        out.append(variable(word.toString()));
        word.setLength(0);
        out.append(HtmlReport.escape(c == '·' ? " " : String.valueOf(c)));
      }
    }
    out.append(variable(word.toString()));
    return out.toString();
  }

  /** "q" → "<i>q</i>", "H1" → "<i>H</i><sub>1</sub>", function names (sin, cos, log) upright. */
  private static String variable(String word) {
    if (word.isEmpty()) {
      return "";
    }
    if (word.equals("sin") || word.equals("cos") || word.equals("log") || word.chars().allMatch(Character::isDigit)) {
      return word;
    }
    String escaped = HtmlReport.escape(word);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z]+)(\\d+)").matcher(escaped);
    if (m.matches()) {
      return "<i>" + m.group(1) + "</i><sub>" + m.group(2) + "</sub>";
    }
    return "<i>" + escaped + "</i>";
  }
}
