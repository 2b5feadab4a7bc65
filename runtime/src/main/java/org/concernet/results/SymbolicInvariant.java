/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.results;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A learned output read out as a formula ({@code org.concernet.symbolic}): H ≈ Σ coefficient·term +
 * offset, the terms found by a warp-free sparse fit and scaled to H by an affine fit.
 *
 * @param found whether a sparse formula was found; when false, {@link #terms} and {@link #formula}
 *     describe nothing and {@link #formula} says so with the best dense fit's R²
 * @param formula the formula as text, e.g. "H1 ≈ 0.4982·q² + 0.5013·p² − 0.1021", or "no sparse
 *     formula found (best dense fit R² 0.9321)"
 * @param terms the formula's terms and coefficients (in H's units), in the library's order
 * @param offset the constant of the affine scaling to H
 * @param r2Learned R² of H as a cubic polynomial of the formula on held-out sample states (cubic, so
 *     that a smooth warp of the formula learned by H does not count against it)
 * @param r2Invariants R² of a linear fit of each declared invariant on the formula, same states
 * @param denseR2 the same as {@link #r2Learned} for the best fit using every library term
 * @param misalignment the fit's held-out misalignment: the mean over held-out states of the squared
 *     sine of the angle between ∇φ and ∇H
 * @param library what the candidate library held ({@code TermLibrary.description()})
 * @param coefficients where the coefficients come from (the terms always from ∇H): {@link #FROM_H},
 *     {@link #REFINED} or {@link #EQUALISED}
 */
public record SymbolicInvariant(boolean found, String formula, List<Term> terms, double offset, double r2Learned,
    Map<String, Double> r2Invariants, double denseR2, double misalignment, String library, String coefficients) {
  /** The coefficients are H's own (no training derivatives, or the data's conserved combination is another). */
  public static final String FROM_H = "H";
  /** The coefficients were refined on the training data's derivatives. */
  public static final String REFINED = "data";
  /** Refined on the training derivatives, then nearly equal ones made equal, which the data do not reject. */
  public static final String EQUALISED = "data, equalised";

  /** One term of a formula and its coefficient. */
  public record Term(String term, double coefficient) {}

  /** How many terms {@link #summary} shows before eliding the middle of a long formula. */
  private static final int SHOWN_TERMS = 6;

  /**
   * One line for the console: the formula (a long one with its middle elided, "… (101 terms)") and its
   * R²s, or the "no sparse formula found" text.
   */
  public String summary() {
    if (!found) {
      return formula;
    }
    String text = formula;
    if (terms.size() > SHOWN_TERMS) {
      String name = formula.substring(0, formula.indexOf(" ≈ "));
      List<Term> shown = new java.util.ArrayList<>(terms.subList(0, SHOWN_TERMS - 2));
      String head = text(name, shown);
      String tail = text(name, terms.subList(terms.size() - 2, terms.size()));
      text = head + " + … " + tail.substring(tail.indexOf(" ≈ ") + 3) + " (" + terms.size() + " terms)";
    }
    StringBuilder s = new StringBuilder(text).append(String.format(Locale.ROOT, " [cubic R² against H %.5f", r2Learned));
    r2Invariants.forEach((name, r2) -> s.append(String.format(Locale.ROOT, ", R² against %s %.5f", name, r2)));
    return s.append(']').toString();
  }

  /** "H1 ≈ 0.4982·q² + 0.5013·p²" without offset (4 significant digits). */
  private static String text(String name, List<Term> terms) {
    StringBuilder s = new StringBuilder(name).append(" ≈ ");
    for (int k = 0; k < terms.size(); k++) {
      double c = terms.get(k).coefficient();
      s.append(k == 0 ? (c < 0 ? "−" : "") : (c < 0 ? " − " : " + ")).append(number(Math.abs(c))).append('·')
          .append(terms.get(k).term());
    }
    return s.toString();
  }

  /** The formula as text, terms then the offset: "H1 ≈ 0.4982·q² + 0.5013·p² − 0.1021". */
  public static String formula(String name, List<Term> terms, double offset) {
    StringBuilder s = new StringBuilder(text(name, terms));
    if (offset != 0 && Double.isFinite(offset)) {
      s.append(terms.isEmpty() ? (offset < 0 ? "−" : "") : (offset < 0 ? " − " : " + ")).append(number(Math.abs(offset)));
    }
    return s.toString();
  }

  /** 4 significant digits, exponent without padding: "0.4982", "1.234e-5". */
  static String number(double v) {
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains("e")) {
      String[] parts = s.split("e");
      return parts[0] + "e" + Integer.parseInt(parts[1]);
    }
    return s;
  }

  public SymbolicInvariant {
    terms = terms == null ? List.of() : List.copyOf(terms);
    r2Invariants = r2Invariants == null ? Map.of() : r2Invariants;
  }
}
