/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How many independent conserved quantities the data have, estimated as COMET does by learning
 * more constants than there may be and keeping those that hold: H is trained with {@link
 * #probeOutputs m} = min(n − 1, {@value #MAX_PROBE}) outputs (with the protocol's independence
 * weight; see {@code contrastive.IndependenceLoss}), and the estimate is the number of outputs that
 * are conserved on held-out trajectories by the {@link InvariantQuality} thresholds. An output that
 * has no conserved quantity left to learn spreads along its trajectories and aligns with ẋ; a
 * true invariant does neither.
 *
 * <p>With the joint loss an extra output can learn a function of the others, which is conserved
 * too; so the conserved outputs, best (smallest spread) first, are kept only while each adds a
 * direction of its own: the mean over held-out states of sin² of the angle between its gradient
 * and the span of the kept outputs' gradients (its {@link #independence}) must be at least
 * {@value #INDEPENDENCE_THRESHOLD}. An output that is a function of the kept ones has a gradient
 * in their span at every state (independence near 0); two independent invariants have gradients
 * apart on most of the phase space, even where, as on Kepler's nearly circular orbits, they are
 * nearly parallel on part of it.
 *
 * <p>The evidence is the quality and independence of every probed output: the figure against m
 * that shows where the conserved ones end.
 *
 * @param count the estimate: conserved, functionally independent outputs
 * @param kept the indices of those outputs, best (smallest spread) first
 * @param evidence the quality of every output, by output index
 * @param independence by output index, the mean sin² of the angle between its gradient and the
 *     span of the gradients of the outputs kept before it (1 for the first kept; NaN for an output
 *     not conserved, which is not tested)
 */
public record InvariantCount(int count, List<Integer> kept, List<InvariantQuality> evidence,
    List<Double> independence) {
  /** Mean sin² to the span of the kept outputs' gradients below which an output counts as a function of them. */
  public static final double INDEPENDENCE_THRESHOLD = 0.002;

  /** Key of the estimate in a seed's rates and notes, and of its figure in results.json. */
  public static final String KEY = "invariantCount";

  /** The most outputs the estimate probes. */
  public static final int MAX_PROBE = 4;

  public InvariantCount {
    kept = List.copyOf(kept);
    evidence = List.copyOf(evidence);
    independence = java.util.Collections.unmodifiableList(new ArrayList<>(independence));
  }

  /** Outputs to train when the count is to be estimated for states of dimension {@code n}: min(n − 1, 4), at least 1. */
  public static int probeOutputs(int n) {
    return Math.max(1, Math.min(n - 1, MAX_PROBE));
  }

  /**
   * The estimate from the held-out quality of each probed output and its gradients at {@code
   * states}: the conserved outputs, best first, each kept when it is independent of those kept
   * before it.
   *
   * @param gradient ∂H/∂x at a state, [n][m]
   */
  public static InvariantCount of(InvariantQuality[] perOutput, Function<double[], double[][]> gradient,
      List<double[]> states) {
    List<Integer> conserved = new ArrayList<>();
    for (int k = 0; k < perOutput.length; k++) {
      if (!perOutput[k].likelyHurts()) {
        conserved.add(k);
      }
    }
    conserved.sort(Comparator.comparingDouble(k -> perOutput[k].spread()));
    List<double[][]> g = states.stream().map(gradient).toList();
    List<Integer> kept = new ArrayList<>();
    Double[] independence = new Double[perOutput.length];
    java.util.Arrays.fill(independence, Double.NaN);
    for (int k : conserved) {
      double score = kept.isEmpty() ? 1 : meanSinSquared(g, k, kept);
      independence[k] = score;
      if (score >= INDEPENDENCE_THRESHOLD) {
        kept.add(k);
      }
    }
    return new InvariantCount(kept.size(), kept, List.of(perOutput), List.of(independence));
  }

  /** Mean over states of sin² of the angle between ∇H_k and the span of ∇H_j, j in {@code span}. */
  static double meanSinSquared(List<double[][]> gradients, int k, List<Integer> span) {
    double sum = 0;
    int points = 0;
    for (double[][] g : gradients) {
      int n = g.length;
      List<double[]> basis = new ArrayList<>();
      for (int j : span) {
        double[] v = column(g, j);
        for (double[] b : basis) {
          double dot = dot(v, b);
          for (int d = 0; d < n; d++) {
            v[d] -= dot * b[d];
          }
        }
        double norm = Math.sqrt(dot(v, v));
        if (norm > 1e-12 * Math.sqrt(dot(column(g, j), column(g, j))) && norm > 0) {
          for (int d = 0; d < n; d++) {
            v[d] /= norm;
          }
          basis.add(v);
        }
      }
      double[] u = column(g, k);
      double total = dot(u, u);
      if (!(total > 0) || !Double.isFinite(total)) {
        continue;
      }
      for (double[] b : basis) {
        double dot = dot(u, b);
        for (int d = 0; d < n; d++) {
          u[d] -= dot * b[d];
        }
      }
      sum += Math.min(1, dot(u, u) / total);
      points++;
    }
    return points == 0 ? 0 : sum / points;
  }

  private static double[] column(double[][] g, int k) {
    double[] v = new double[g.length];
    for (int d = 0; d < g.length; d++) {
      v[d] = g[d][k];
    }
    return v;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += a[d] * b[d];
    }
    return s;
  }

  /**
   * The outputs to keep as H: the conserved ones, or, when none is, the single best one (so that
   * the projected model still exists; the invariant-quality warning then says it is not conserved).
   */
  public List<Integer> outputsToKeep() {
    if (!kept.isEmpty()) {
      return kept;
    }
    int best = 0;
    for (int k = 1; k < evidence.size(); k++) {
      if (evidence.get(k).spread() < evidence.get(best).spread()) {
        best = k;
      }
    }
    return List.of(best);
  }

  /** "2 of 3 learned outputs are conserved on held-out trajectories: H1 (spread …), H3 (…); not: H2 (…)". */
  public String describe() {
    StringBuilder yes = new StringBuilder();
    StringBuilder no = new StringBuilder();
    for (int k = 0; k < evidence.size(); k++) {
      StringBuilder target = kept.contains(k) ? yes : no;
      target.append(target.length() == 0 ? "" : ", ").append("H").append(k + 1).append(" (")
          .append(evidence.get(k).describe());
      if (!Double.isNaN(independence.get(k)) && kept.indexOf(k) != 0) {
        target.append(String.format(Locale.ROOT, ", independence %.2e", independence.get(k)));
      }
      target.append(')');
    }
    return String.format(Locale.ROOT, "%d of %d learned output%s conserved on held-out trajectories and"
        + " independent (thresholds: spread %.2f, alignment %.2f, independence %.3f)%s%s", count, evidence.size(),
        evidence.size() == 1 ? " is" : "s are",
        InvariantQuality.SPREAD_THRESHOLD, InvariantQuality.ALIGNMENT_THRESHOLD, INDEPENDENCE_THRESHOLD,
        yes.length() == 0 ? "" : ": " + yes, no.length() == 0 ? "" : "; not: " + no);
  }
}
