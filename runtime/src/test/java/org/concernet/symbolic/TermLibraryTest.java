/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermLibraryTest {
  @Test
  void monomialsByDegreeThenTrigThenLogOfPositiveStates() {
    double[][] states = {{1, -1}, {2, 0.5}, {3, 2}};
    TermLibrary library = TermLibrary.build(List.of("a", "b"), states, TermLibrary.Options.DEFAULT.withDegree(2));
    assertThat(library.terms().stream().map(Term::name).toList()).containsExactly("a", "b", "a²", "a·b", "b²",
        "sin(a)", "cos(a)", "sin(b)", "cos(b)", "log(a)").inOrder();
    assertThat(library.description()).isEqualTo("10 terms: monomials of degree 1-2 in 2 states, sin/cos of 2 states,"
        + " log of 1 state that stay positive");
  }

  @Test
  void gradientsAreExact() {
    Term t = TermLibrary.build(List.of("a", "b"), new double[][] {{1, 1}}, TermLibrary.Options.DEFAULT).terms()
        .stream().filter(x -> x.name().equals("a³·b")).findFirst().orElseThrow();
    assertThat(t.value(new double[] {2, 3})).isEqualTo(24.0);
    assertThat(t.gradient(new double[] {2, 3})).usingExactEquality().containsExactly(36.0, 8.0).inOrder();
    Term log = Term.log(1, "b");
    assertThat(log.gradient(new double[] {5, 4})).usingExactEquality().containsExactly(0.0, 0.25).inOrder();
    Term cos = Term.cos(0, "a");
    assertThat(cos.gradient(new double[] {0.3, 1})[0]).isEqualTo(-Math.sin(0.3));
  }

  @Test
  void declaredTermsHaveAccurateFiniteDifferenceGradients() {
    Term inverseR = Term.declared("1/r", x -> 1 / Math.hypot(x[0], x[1]));
    double[] x = {0.3, -0.4, 1, 2};
    double[] g = inverseR.gradient(x);
    // ∂(1/r)/∂x = −x/r³, r = 0.5
    assertThat(g[0]).isWithin(1e-8).of(-0.3 / 0.125);
    assertThat(g[1]).isWithin(1e-8).of(0.4 / 0.125);
    assertThat(g[2]).isEqualTo(0.0);
    assertThat(x).usingExactEquality().containsExactly(0.3, -0.4, 1.0, 2.0).inOrder();
  }

  @Test
  void aLargeStateKeepsTheLibraryWithinItsSizeLimit() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      names.add("u[" + i + "]");
    }
    double[][] states = new double[3][101];
    for (double[] s : states) {
      java.util.Arrays.fill(s, 0.5);
    }
    TermLibrary library = TermLibrary.build(names, states, TermLibrary.Options.DEFAULT);
    assertThat(library.size()).isEqualTo(101);
    assertThat(library.description()).isEqualTo("101 terms: monomials of degree 1 in 101 states (degree lowered from 4"
        + " to keep at most 300 terms), no sin/cos/log (they would exceed 300 terms)");
    // ten states: degree 2 (65 monomials) + 20 sin/cos + 10 log fit in 300, degree 3 (285) does not
    TermLibrary ten = TermLibrary.build(names.subList(0, 10), new double[][] {new double[10]},
        TermLibrary.Options.DEFAULT.withLogarithms(false));
    assertThat(ten.size()).isEqualTo(65 + 20);
  }

  @Test
  void aConstantIsNotATerm() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Term.monomial(new int[] {0, 0}, List.of("a", "b")));
    assertThat(e).hasMessageThat().contains("all powers are 0");
  }
}
