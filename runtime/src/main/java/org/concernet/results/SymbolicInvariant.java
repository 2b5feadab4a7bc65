/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.results;

import java.util.List;
import java.util.Map;

/**
 * A learned output read out as a formula ({@code org.concernet.symbolic}): H ≈ Σ coefficient·term +
 * offset, the terms found by a warp-free sparse fit and scaled to H by an affine fit.
 *
 * @param found whether a sparse formula was found; when false, {@link #terms} and {@link #formula}
 *     describe nothing and {@link #formula} says so with the best dense fit's R²
 * @param formula the formula as text, e.g. "H1 ≈ 0.4982·q² + 0.5013·p² − 0.1021", or "no sparse
 *     formula found (best dense fit R² 0.9321)"
 * @param terms the formula's terms and coefficients (in H's units), largest |coefficient·term| first
 * @param offset the constant of the affine scaling to H
 * @param r2Learned R² of H as a cubic polynomial of the formula on held-out sample states (cubic, so
 *     that a smooth warp of the formula learned by H does not count against it)
 * @param r2Invariants R² of a linear fit of each declared invariant on the formula, same states
 * @param denseR2 the same as {@link #r2Learned} for the best fit using every library term
 * @param misalignment the fit's held-out misalignment Σ|P∇φ|² / Σ|∇φ|² (P removes ∇H's direction):
 *     the mean squared sine of the angle between ∇φ and ∇H
 * @param library what the candidate library held ({@code TermLibrary.description()})
 */
public record SymbolicInvariant(boolean found, String formula, List<Term> terms, double offset, double r2Learned,
    Map<String, Double> r2Invariants, double denseR2, double misalignment, String library) {
  /** One term of a formula and its coefficient. */
  public record Term(String term, double coefficient) {}

  public SymbolicInvariant {
    terms = terms == null ? List.of() : List.copyOf(terms);
    r2Invariants = r2Invariants == null ? Map.of() : r2Invariants;
  }
}
