/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The candidate terms of a symbolic fit, in a fixed order: monomials by degree (1 up to the chosen
 * degree, each degree in lexicographic order of the states), then sin and cos of each state, then
 * log of each state that stays positive on the sample, then the user's declared terms. The constant
 * is not a term (it has no gradient); formulas get their offset from the affine scaling to H.
 *
 * <p>Size limit: with n states there are C(n + d, d) − 1 monomials of degree 1…d, which grows fast
 * (n = 101, d = 2: 5,252). The library keeps at most {@link Options#maxTerms} terms: the degree is
 * lowered from {@link Options#degree} until monomials, sin/cos and logs fit; if even degree 1 with
 * sin, cos and log does not fit, sin, cos and log are left out (for the heat equation's 101 nodes
 * that leaves the 101 linear terms). {@link #description()} says what was chosen.
 *
 * @param terms the candidate terms
 * @param description what the library holds, e.g. "69 terms: monomials of degree 1-4 in 4 states,
 *     sin/cos of 4 states, log of none (no state stays positive)"
 */
public record TermLibrary(List<Term> terms, String description) {
  /**
   * How a library is built.
   *
   * @param degree the highest monomial degree wanted (≥ 1)
   * @param trigonometric whether sin and cos of each state are candidates
   * @param logarithms whether log of each state that stays positive on the sample is a candidate
   * @param maxTerms the size limit (user terms excepted)
   * @param declared the user's own terms, always kept
   */
  public record Options(int degree, boolean trigonometric, boolean logarithms, int maxTerms, List<Term> declared) {
    /** Degree 4, sin/cos and log, at most 300 terms, no declared terms. */
    public static final Options DEFAULT = new Options(4, true, true, 300, List.of());

    public Options {
      if (degree < 1) {
        throw new IllegalArgumentException("library degree must be at least 1, was " + degree);
      }
      if (maxTerms < 1) {
        throw new IllegalArgumentException("library size limit must be at least 1, was " + maxTerms);
      }
      declared = List.copyOf(declared);
    }

    public Options withDegree(int d) {
      return new Options(d, trigonometric, logarithms, maxTerms, declared);
    }

    public Options withTrigonometric(boolean on) {
      return new Options(degree, on, logarithms, maxTerms, declared);
    }

    public Options withLogarithms(boolean on) {
      return new Options(degree, trigonometric, on, maxTerms, declared);
    }

    public Options withDeclared(List<Term> terms) {
      return new Options(degree, trigonometric, logarithms, maxTerms, terms);
    }
  }

  public TermLibrary {
    terms = List.copyOf(terms);
  }

  /** The library of {@code options} for states named {@code stateNames}, sampled at {@code states}. */
  public static TermLibrary build(List<String> stateNames, double[][] states, Options options) {
    int n = stateNames.size();
    for (int r = 0; r < states.length; r++) {
      if (states[r].length != n) {
        throw new IllegalArgumentException("library: sample state " + r + " has " + states[r].length
            + " values, the system " + n + " states");
      }
    }
    List<Integer> positive = new ArrayList<>();
    if (options.logarithms()) {
      for (int i = 0; i < n; i++) {
        boolean allPositive = states.length > 0;
        for (double[] x : states) {
          allPositive &= x[i] > 0;
        }
        if (allPositive) {
          positive.add(i);
        }
      }
    }
    int unary = (options.trigonometric() ? 2 * n : 0) + positive.size();
    int degree = options.degree();
    while (degree > 1 && monomialCount(n, degree) + unary > options.maxTerms()) {
      degree--;
    }
    boolean dropUnary = monomialCount(n, degree) + unary > options.maxTerms();
    List<Term> terms = new ArrayList<>();
    for (int d = 1; d <= degree; d++) {
      int[] powers = new int[n];
      addMonomials(powers, 0, d, stateNames, terms);
    }
    List<String> parts = new ArrayList<>();
    parts.add(String.format(Locale.ROOT, "monomials of degree 1%s in %d states%s", degree > 1 ? "-" + degree : "", n,
        degree < options.degree() ? " (degree lowered from " + options.degree() + " to keep at most "
            + options.maxTerms() + " terms)" : ""));
    if (dropUnary && unary > 0) {
      parts.add("no sin/cos/log (they would exceed " + options.maxTerms() + " terms)");
    } else {
      if (options.trigonometric()) {
        for (int i = 0; i < n; i++) {
          terms.add(Term.sin(i, stateNames.get(i)));
          terms.add(Term.cos(i, stateNames.get(i)));
        }
        parts.add("sin/cos of " + n + " states");
      }
      if (options.logarithms()) {
        for (int i : positive) {
          terms.add(Term.log(i, stateNames.get(i)));
        }
        parts.add(positive.isEmpty() ? "log of none (no state stays positive)" : "log of " + positive.size()
            + (positive.size() == 1 ? " state" : " states") + " that stay positive");
      }
    }
    for (Term t : options.declared()) {
      terms.add(t);
    }
    if (!options.declared().isEmpty()) {
      parts.add(options.declared().size() + " declared");
    }
    return new TermLibrary(terms, terms.size() + " terms: " + String.join(", ", parts));
  }

  /** C(n + d, d) − 1: the monomials of degree 1 … d in n variables, saturating at Integer.MAX_VALUE. */
  static int monomialCount(int n, int d) {
    double c = 1;
    for (int k = 1; k <= d; k++) {
      c = c * (n + k) / k;
    }
    return c - 1 > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.round(c - 1);
  }

  /** Adds every monomial of total degree {@code left} over states i ≥ {@code from}, lexicographically. */
  private static void addMonomials(int[] powers, int from, int left, List<String> names, List<Term> out) {
    if (left == 0) {
      out.add(Term.monomial(powers.clone(), names));
      return;
    }
    for (int i = from; i < powers.length; i++) {
      powers[i]++;
      addMonomials(powers, i, left - 1, names, out);
      powers[i]--;
    }
  }

  public int size() {
    return terms.size();
  }
}
