/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.concernet.results.SymbolicInvariant;

/**
 * A formula read out of a learned invariant, as a function again: φ(x) = Σ c_k θ_k(x) + offset with
 * its exact gradient (a declared term's by finite differences, as in the read-out), so that it can
 * stand in for the network H, e.g. in ConCerNet's projection.
 *
 * @param terms the candidate terms, in the formula's order
 * @param coefficients one per term
 * @param offset the constant
 */
public record Formula(List<Term> terms, double[] coefficients, double offset) {
  public Formula {
    terms = List.copyOf(terms);
    coefficients = coefficients.clone();
    if (terms.isEmpty() || terms.size() != coefficients.length) {
      throw new IllegalArgumentException("a formula needs one coefficient per term and at least one term, found "
          + terms.size() + " terms and " + coefficients.length + " coefficients");
    }
  }

  /**
   * The formula {@code readOut} reads, its term names resolved against the library the read-out
   * builds for states named {@code stateNames} with the {@code declared} terms: monomials
   * ({@code q²·p}), {@code sin(q)}, {@code cos(q)}, {@code log(q)} and declared names.
   *
   * @throws IllegalArgumentException if no formula was found, or a term name is none of these
   */
  public static Formula of(SymbolicInvariant readOut, List<String> stateNames, List<Term> declared) {
    if (!readOut.found()) {
      throw new IllegalArgumentException("no formula to use: " + readOut.formula());
    }
    Map<String, Term> named = new LinkedHashMap<>();
    for (int i = 0; i < stateNames.size(); i++) {
      named.put("sin(" + stateNames.get(i) + ")", Term.sin(i, stateNames.get(i)));
      named.put("cos(" + stateNames.get(i) + ")", Term.cos(i, stateNames.get(i)));
      named.put("log(" + stateNames.get(i) + ")", Term.log(i, stateNames.get(i)));
    }
    declared.forEach(t -> named.put(t.name(), t));
    List<Term> terms = new ArrayList<>();
    double[] coefficients = new double[readOut.terms().size()];
    for (int k = 0; k < coefficients.length; k++) {
      SymbolicInvariant.Term t = readOut.terms().get(k);
      Term term = named.get(t.term());
      terms.add(term != null ? term : monomial(t.term(), stateNames));
      coefficients[k] = t.coefficient();
    }
    return new Formula(terms, coefficients, readOut.offset());
  }

  /** The monomial named {@code name} ("q²·p"), as {@link Term#monomial} names it. */
  private static Term monomial(String name, List<String> stateNames) {
    int[] powers = new int[stateNames.size()];
    for (String factor : name.split("·")) {
      int end = factor.length();
      while (end > 0 && "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(factor.charAt(end - 1)) >= 0) {
        end--;
      }
      int power = 0;
      for (int c = end; c < factor.length(); c++) {
        power = 10 * power + "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(factor.charAt(c));
      }
      int i = stateNames.indexOf(factor.substring(0, end));
      if (i < 0) {
        throw new IllegalArgumentException("formula term \"" + name + "\" is no candidate term of states "
            + stateNames);
      }
      powers[i] += end == factor.length() ? 1 : power;
    }
    Term term = Term.monomial(powers, stateNames);
    if (!term.name().equals(name)) {
      throw new IllegalArgumentException("formula term \"" + name + "\" is no candidate term of states "
          + stateNames + " (read as " + term.name() + ")");
    }
    return term;
  }

  /** φ(x). */
  public double value(double[] x) {
    double v = offset;
    for (int k = 0; k < coefficients.length; k++) {
      v += coefficients[k] * terms.get(k).value(x);
    }
    return v;
  }

  /** ∇φ(x), one value per state coordinate. */
  public double[] gradient(double[] x) {
    double[] g = new double[x.length];
    for (int k = 0; k < coefficients.length; k++) {
      double[] gk = terms.get(k).gradient(x);
      for (int r = 0; r < g.length; r++) {
        g[r] += coefficients[k] * gk[r];
      }
    }
    return g;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Formula f && terms.equals(f.terms) && java.util.Arrays.equals(coefficients, f.coefficients)
        && Double.compare(offset, f.offset) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * terms.hashCode() + java.util.Arrays.hashCode(coefficients)) + Double.hashCode(offset);
  }

  @Override
  public String toString() {
    return "Formula" + terms.stream().map(Term::name).toList() + " " + java.util.Arrays.toString(coefficients)
        + " + " + offset;
  }
}
