/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How many independent conserved quantities the data have, estimated as COMET does by learning
 * more constants than there can be and keeping those that hold: H is trained with {@link
 * #probeOutputs m} = min(n − 1, {@value #MAX_PROBE}) outputs under the independence term (so no
 * output can copy another), and the estimate is the number of outputs that are conserved on
 * held-out trajectories by the {@link InvariantQuality} thresholds. An output forced to be
 * independent of the true invariants cannot be constant along the flow, so it spreads along its
 * trajectories and aligns with ẋ; a true invariant does neither.
 *
 * <p>The evidence is the quality of every probed output, best first: the figure against m that
 * shows where the conserved ones end.
 *
 * @param count the estimate: outputs conserved on held-out trajectories
 * @param kept the indices of those outputs, best (smallest spread) first
 * @param evidence the quality of every output, by output index
 */
public record InvariantCount(int count, List<Integer> kept, List<InvariantQuality> evidence) {
  /** Key of the estimate in a seed's rates and notes, and of its figure in results.json. */
  public static final String KEY = "invariantCount";

  /** The most outputs the estimate probes. */
  public static final int MAX_PROBE = 4;

  public InvariantCount {
    kept = List.copyOf(kept);
    evidence = List.copyOf(evidence);
  }

  /** Outputs to train when the count is to be estimated for states of dimension {@code n}: min(n − 1, 4), at least 1. */
  public static int probeOutputs(int n) {
    return Math.max(1, Math.min(n - 1, MAX_PROBE));
  }

  /** The estimate from the held-out quality of each probed output. */
  public static InvariantCount of(InvariantQuality[] perOutput) {
    List<Integer> kept = new ArrayList<>();
    for (int k = 0; k < perOutput.length; k++) {
      if (!perOutput[k].likelyHurts()) {
        kept.add(k);
      }
    }
    kept.sort(Comparator.comparingDouble(k -> perOutput[k].spread()));
    return new InvariantCount(kept.size(), kept, List.of(perOutput));
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
          .append(evidence.get(k).describe()).append(')');
    }
    return String.format(Locale.ROOT, "%d of %d learned output%s conserved on held-out trajectories (thresholds:"
        + " spread %.2f, alignment %.2f)%s%s", count, evidence.size(), evidence.size() == 1 ? " is" : "s are",
        InvariantQuality.SPREAD_THRESHOLD, InvariantQuality.ALIGNMENT_THRESHOLD,
        yes.length() == 0 ? "" : ": " + yes, no.length() == 0 ? "" : "; not: " + no);
  }
}
