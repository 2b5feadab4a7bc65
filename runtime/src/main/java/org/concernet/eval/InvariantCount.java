/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.concernet.data.Trajectories;

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
 * conserved direction of its own. At each held-out state, the part r of its gradient outside the
 * span of the kept outputs' gradients must itself be a conserved direction: its {@link
 * #independence} is the mean |r·ẋ| / (|r||ẋ|), and it counts when that is at most the alignment
 * threshold of {@link InvariantQuality}. A function of the kept outputs leaves r to the networks'
 * errors, which point anywhere, so r aligns with the flow like a random direction (mean |cos|
 * about 0.4 in four dimensions); a second invariant leaves r orthogonal to the flow however nearly
 * parallel the two gradients are (Kepler's E and L on nearly circular orbits).
 *
 * <p>The evidence is the quality and independence of every probed output: the figure against m
 * that shows where the conserved ones end.
 *
 * @param count the estimate: conserved, functionally independent outputs
 * @param kept the indices of those outputs, best (smallest spread) first
 * @param evidence the quality of every output, by output index
 * @param independence by output index, in order of spread, the mean alignment with ẋ of the part
 *     of its gradient outside the span of the outputs kept before it (while none is kept, of its
 *     whole gradient: its quality's alignment)
 */
public record InvariantCount(int count, List<Integer> kept, List<InvariantQuality> evidence,
    List<Double> independence) {

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
   * The estimate from the held-out quality of each probed output and its gradients on {@code
   * heldOut} (at most {@value #STATES} of its states, evenly spread): the conserved outputs, best
   * first, each kept when it adds a conserved direction to those kept before it.
   *
   * @param gradient ∂H/∂x at a state, [n][m]
   * @param heldOut trajectories with derivatives, in the space H acts on
   */
  public static InvariantCount of(InvariantQuality[] perOutput, Function<double[], double[][]> gradient,
      Trajectories heldOut) {
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < perOutput.length; k++) {
      order.add(k);
    }
    order.sort(Comparator.comparingDouble(k -> perOutput[k].spread()));
    int total = heldOut.count() * heldOut.length();
    int stride = Math.max(1, (int) Math.ceil((double) total / STATES));
    List<double[][]> g = new ArrayList<>();
    List<double[]> flow = new ArrayList<>();
    for (int p = 0; p < total; p += stride) {
      g.add(gradient.apply(heldOut.state(p / heldOut.length(), p % heldOut.length())));
      flow.add(heldOut.derivative(p / heldOut.length(), p % heldOut.length()));
    }
    List<Integer> kept = new ArrayList<>();
    Double[] independence = new Double[perOutput.length];
    for (int k : order) {
      double score = kept.isEmpty() ? perOutput[k].alignment() : residualAlignment(g, flow, k, kept);
      independence[k] = score;
      if (!perOutput[k].likelyHurts() && score <= InvariantQuality.ALIGNMENT_THRESHOLD) {
        kept.add(k);
      }
    }
    return new InvariantCount(kept.size(), kept, List.of(perOutput), List.of(independence));
  }

  /** The most held-out states the independence test looks at. */
  static final int STATES = 2000;

  /**
   * Mean over states of |r·ẋ|/(|r||ẋ|), r the part of ∇H_k outside the span of ∇H_j, j in {@code
   * span}; a state where r vanishes to rounding counts as aligned (1).
   */
  static double residualAlignment(List<double[][]> gradients, List<double[]> flow, int k, List<Integer> span) {
    double sum = 0;
    int points = 0;
    for (int p = 0; p < gradients.size(); p++) {
      double[][] g = gradients.get(p);
      double[] v = flow.get(p);
      int n = g.length;
      List<double[]> basis = new ArrayList<>();
      for (int j : span) {
        double[] b = column(g, j);
        double before = Math.sqrt(dot(b, b));
        for (double[] e : basis) {
          double d = dot(b, e);
          for (int i = 0; i < n; i++) {
            b[i] -= d * e[i];
          }
        }
        double norm = Math.sqrt(dot(b, b));
        if (norm > 1e-10 * before) {
          for (int i = 0; i < n; i++) {
            b[i] /= norm;
          }
          basis.add(b);
        }
      }
      double[] r = column(g, k);
      double full = Math.sqrt(dot(r, r));
      double speed = Math.sqrt(dot(v, v));
      if (!(full > 0) || !(speed > 0) || !Double.isFinite(full)) {
        continue;
      }
      for (double[] e : basis) {
        double d = dot(r, e);
        for (int i = 0; i < n; i++) {
          r[i] -= d * e[i];
        }
      }
      double rest = Math.sqrt(dot(r, r));
      sum += rest <= 1e-10 * full ? 1 : Math.abs(dot(r, v)) / (rest * speed);
      points++;
    }
    return points == 0 ? 1 : sum / points;
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

  /**
   * The evidence as figures for a seed's rates: the count under {@link #KEY}, and for each output
   * Hk {@code invariantCount.Hk.spread}, {@code .alignment} and {@code .newDirection} (its {@link
   * #independence}).
   */
  public Map<String, Double> rates() {
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put(KEY, (double) count);
    for (int k = 0; k < evidence.size(); k++) {
      String prefix = KEY + ".H" + (k + 1) + ".";
      rates.put(prefix + "spread", evidence.get(k).spread());
      rates.put(prefix + "alignment", evidence.get(k).alignment());
      rates.put(prefix + "newDirection", independence.get(k));
    }
    return rates;
  }

  /** "2 of 3 learned outputs are conserved on held-out trajectories: H1 (spread …), H3 (…); not: H2 (…)". */
  public String describe() {
    StringBuilder yes = new StringBuilder();
    StringBuilder no = new StringBuilder();
    for (int k = 0; k < evidence.size(); k++) {
      StringBuilder target = kept.contains(k) ? yes : no;
      target.append(target.length() == 0 ? "" : ", ").append("H").append(k + 1).append(" (")
          .append(evidence.get(k).describe());
      if (!evidence.get(k).likelyHurts() && !kept.isEmpty() && kept.get(0) != k) {
        target.append(String.format(Locale.ROOT, ", new direction's alignment %.3f", independence.get(k)));
      }
      target.append(')');
    }
    return String.format(Locale.ROOT, "%d of %d learned output%s conserved on held-out trajectories and"
        + " independent (thresholds: spread %.2f, alignment %.2f, also for the direction an output adds)%s%s",
        count, evidence.size(), evidence.size() == 1 ? " is" : "s are",
        InvariantQuality.SPREAD_THRESHOLD, InvariantQuality.ALIGNMENT_THRESHOLD,
        yes.length() == 0 ? "" : ": " + yes, no.length() == 0 ? "" : "; not: " + no);
  }
}
