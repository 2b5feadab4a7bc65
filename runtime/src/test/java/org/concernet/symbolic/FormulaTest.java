/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.concernet.results.SymbolicInvariant;
import org.junit.jupiter.api.Test;

/** A read-out formula turned back into a function: names resolved, value and exact gradient. */
class FormulaTest {
  private static final List<String> STATES = List.of("q", "p", "u[0]");

  private static SymbolicInvariant readOut(double offset, Object... termsAndCoefficients) {
    List<SymbolicInvariant.Term> terms = new java.util.ArrayList<>();
    for (int k = 0; k < termsAndCoefficients.length; k += 2) {
      terms.add(new SymbolicInvariant.Term((String) termsAndCoefficients[k], (Double) termsAndCoefficients[k + 1]));
    }
    return new SymbolicInvariant(true, "formula", terms, offset, 1, Map.of(), 1, 0, "library", SymbolicInvariant.FROM_H);
  }

  @Test
  void resolvesEveryKindOfTermAndEvaluatesValueAndExactGradient() {
    Term declared = Term.declared("1/r", x -> 1 / Math.hypot(x[0], x[1]));
    Formula f = Formula.of(readOut(0.5, "q²·p", 2.0, "u[0]", -1.0, "sin(q)", 3.0, "cos(p)", 0.25, "log(u[0])", 4.0,
        "1/r", -1.5, "p¹⁰", 0.125), STATES, List.of(declared));
    double[] x = {0.7, -0.3, 1.9};
    double q = x[0];
    double p = x[1];
    double u = x[2];
    double r = Math.hypot(q, p);
    assertThat(f.value(x)).isWithin(1e-12).of(0.5 + 2 * q * q * p - u + 3 * Math.sin(q) + 0.25 * Math.cos(p)
        + 4 * Math.log(u) - 1.5 / r + 0.125 * Math.pow(p, 10));
    double[] g = f.gradient(x);
    assertThat(g[0]).isWithin(1e-8).of(4 * q * p + 3 * Math.cos(q) + 1.5 * q / (r * r * r));
    assertThat(g[1]).isWithin(1e-8).of(2 * q * q - 0.25 * Math.sin(p) + 1.5 * p / (r * r * r)
        + 1.25 * Math.pow(p, 9));
    assertThat(g[2]).isWithin(1e-12).of(-1 + 4 / u);
  }

  @Test
  void refusesANameThatIsNoCandidateTerm() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Formula.of(readOut(0, "q·z", 1.0), STATES, List.of()));
    assertThat(e).hasMessageThat().contains("formula term \"q·z\" is no candidate term of states [q, p, u[0]]");
    e = assertThrows(IllegalArgumentException.class, () -> Formula.of(readOut(0, "p·q", 1.0), STATES, List.of()));
    assertThat(e).hasMessageThat().contains("(read as q·p)");
  }

  @Test
  void refusesAReadOutThatFoundNoFormula() {
    SymbolicInvariant none = new SymbolicInvariant(false, "no sparse formula found (best dense fit R² 0.9)",
        List.of(), 0, Double.NaN, Map.of(), 0.9, Double.NaN, "library", SymbolicInvariant.FROM_H);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Formula.of(none, STATES, List.of()));
    assertThat(e).hasMessageThat().isEqualTo("no formula to use: no sparse formula found (best dense fit R² 0.9)");
  }
}
