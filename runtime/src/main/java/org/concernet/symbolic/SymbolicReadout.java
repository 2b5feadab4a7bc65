/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.symbolic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.concernet.data.Trajectories;
import org.concernet.results.SeedResult;
import org.concernet.results.SymbolicInvariant;

/**
 * Reads every output of a learned H out as a formula ({@link SparseInvariantFit}) on sample states
 * taken from trajectories: at most {@link #maxPoints} points, spread evenly over the points of
 * every trajectory; every third trajectory is held out (it chooses the sparsity and gives the R²s),
 * the others fit. The library is built on all sampled states.
 *
 * <p>H and its gradient are taken on the system's own states: for a model learned in an
 * autoencoder's latent space, pass H∘E and its gradient (∂E/∂x)ᵀ∇H, so that the formula is in the
 * system's variables.
 */
public final class SymbolicReadout {
  private final TermLibrary.Options libraryOptions;
  private final SparseInvariantFit.Options fitOptions;
  private final int maxPoints;
  private final Trajectories flowData;

  /**
   * @param maxPoints how many sample states at most (both parts together)
   */
  public SymbolicReadout(TermLibrary.Options libraryOptions, SparseInvariantFit.Options fitOptions, int maxPoints) {
    this(libraryOptions, fitOptions, maxPoints, null);
  }

  private SymbolicReadout(TermLibrary.Options libraryOptions, SparseInvariantFit.Options fitOptions, int maxPoints,
      Trajectories flowData) {
    if (maxPoints < 6) {
      throw new IllegalArgumentException("symbolic read-out needs at least 6 sample states, was given " + maxPoints);
    }
    this.libraryOptions = libraryOptions;
    this.fitOptions = fitOptions;
    this.maxPoints = maxPoints;
    this.flowData = flowData;
  }

  /** Default library and fit, at most 1,500 states. */
  public static SymbolicReadout defaults() {
    return new SymbolicReadout(TermLibrary.Options.DEFAULT, SparseInvariantFit.Options.DEFAULT, 1500);
  }

  /**
   * This read-out with user-declared terms added to its library ({@code @CandidateTerm} methods),
   * each with a finite-difference gradient ({@link Term#declared}).
   *
   * @param names the terms' names in formulas
   * @param values all declared terms at a state, one value per name
   */
  public SymbolicReadout withDeclared(List<String> names, Function<double[], double[]> values) {
    List<Term> terms = new ArrayList<>(libraryOptions.declared());
    terms.addAll(declaredTerms(names, values));
    return new SymbolicReadout(libraryOptions.withDeclared(terms), fitOptions, maxPoints, flowData);
  }

  /**
   * This read-out with each chosen formula's coefficients refined on {@code training}'s states and
   * derivatives ({@link FlowPolish}): the terms still come from H, the coefficients from what the
   * data conserve. Training data without derivatives leave H's coefficients.
   */
  public SymbolicReadout withFlowData(Trajectories training) {
    return new SymbolicReadout(libraryOptions, fitOptions, maxPoints, training);
  }

  /**
   * How many training states at most the coefficients are refined on: the refinement is linear in the
   * states and its estimate's noise falls with their number (spring mass, 5 seeds: the two
   * coefficients 0.01–0.24% apart from 1,500 states).
   */
  static final int FLOW_POINTS = 20_000;

  /** At most {@link #FLOW_POINTS} states of {@link #flowData} with their derivatives, or null without them. */
  private FlowPolish flowPolish(TermLibrary library) {
    if (flowData == null || !flowData.hasDerivatives()) {
      return null;
    }
    int total = flowData.count() * flowData.length();
    int stride = Math.max(1, (int) Math.ceil((double) total / FLOW_POINTS));
    List<double[]> states = new ArrayList<>();
    List<double[]> flows = new ArrayList<>();
    for (int p = 0; p < total; p += stride) {
      states.add(flowData.state(p / flowData.length(), p % flowData.length()));
      flows.add(flowData.derivative(p / flowData.length(), p % flowData.length()));
    }
    return new FlowPolish(library, states.toArray(new double[0][]), flows.toArray(new double[0][]));
  }

  /** One {@link Term#declared} term per name, the c-th taking value c of {@code values}. */
  public static List<Term> declaredTerms(List<String> names, Function<double[], double[]> values) {
    List<Term> terms = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      int index = c;
      terms.add(Term.declared(names.get(c), x -> values.apply(x)[index]));
    }
    return terms;
  }

  public int maxPoints() {
    return maxPoints;
  }

  /**
   * With one output, its formula ("H1"); with m &gt; 1, a basis of m sparse formulas for the span of
   * the outputs' gradients ("C1" … "Cm", sparsest first; {@link SparseInvariantFit#fitBasis}): entry k
   * is not output k, which is a warp of a mixture of the conserved quantities.
   *
   * @param h H at a state of {@code data}: m values
   * @param gradient ∂H/∂x at a state, [n][m]
   * @param data trajectories in the system's states (at least 2)
   * @param invariantNames the declared invariants' names (possibly none)
   * @param invariants the declared invariants at a state, one per name
   */
  public Map<String, SymbolicInvariant> read(Function<double[], double[]> h, Function<double[], double[][]> gradient,
      Trajectories data, List<String> invariantNames, Function<double[], double[]> invariants) {
    if (data.count() < 2) {
      throw new IllegalArgumentException("symbolic read-out needs at least 2 trajectories (one to fit, one held out),"
          + " got " + data.count());
    }
    int total = data.count() * data.length();
    int stride = Math.max(1, (int) Math.ceil((double) total / maxPoints));
    List<double[]> fitStates = new ArrayList<>();
    List<double[]> heldOutStates = new ArrayList<>();
    List<double[]> heldOutFlows = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    for (int p = 0; p < total; p += stride) {
      int i = p / data.length();
      double[] x = data.state(i, p % data.length());
      (i % 3 == 2 ? heldOutStates : fitStates).add(x);
      if (i % 3 == 2 && data.hasDerivatives()) {
        heldOutFlows.add(data.derivative(i, p % data.length()));
      }
      all.add(x);
    }
    if (heldOutStates.isEmpty()) {
      // two trajectories: hold the second one out
      for (int p = 0; p < total; p += stride) {
        if (p / data.length() == 1) {
          heldOutStates.add(data.state(1, p % data.length()));
          if (data.hasDerivatives()) {
            heldOutFlows.add(data.derivative(1, p % data.length()));
          }
        }
      }
      fitStates.removeAll(heldOutStates);
    }
    double[][] flows = data.hasDerivatives() ? heldOutFlows.toArray(new double[0][]) : null;
    TermLibrary library = TermLibrary.build(data.stateNames(), all.toArray(new double[0][]), libraryOptions);
    SparseInvariantFit fit = new SparseInvariantFit(library, fitOptions, flowPolish(library));
    int m = h.apply(all.get(0)).length;
    double[][][] fitSample = evaluate(fitStates, h, gradient, m);
    double[][][] heldOutSample = evaluate(heldOutStates, h, gradient, m);
    Map<String, double[]> declared = new LinkedHashMap<>();
    for (int c = 0; c < invariantNames.size(); c++) {
      double[] values = new double[heldOutStates.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = invariants.apply(heldOutStates.get(i))[c];
      }
      declared.put(invariantNames.get(c), values);
    }
    Map<String, SymbolicInvariant> out = new LinkedHashMap<>();
    double[][] fitX = fitStates.toArray(new double[0][]);
    double[][] heldOutX = heldOutStates.toArray(new double[0][]);
    if (m == 1) {
      String name = SeedResult.learnedOutput(0);
      out.put(name, fit.fit(name, new SparseInvariantFit.Sample(fitX, fitSample[1], fitSample[0][0], Map.of()),
          new SparseInvariantFit.Sample(heldOutX, heldOutSample[1], heldOutSample[0][0], declared, flows)));
      return out;
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      names.add(basisName(k));
    }
    List<SymbolicInvariant> basis = fit.fitBasis(names, span(fitX, fitSample, m, Map.of(), null),
        span(heldOutX, heldOutSample, m, declared, flows));
    for (int k = 0; k < m; k++) {
      out.put(names.get(k), basis.get(k));
    }
    return out;
  }

  /**
   * The name of the k-th (from 0) formula of the basis read out for m &gt; 1 outputs: "C1", "C2", …; with
   * one output the single formula is named after it, "H1".
   */
  public static String basisName(int k) {
    return "C" + (k + 1);
  }

  /** The m outputs' values and gradients at each state as a span sample. */
  private static SparseInvariantFit.SpanSample span(double[][] states, double[][][] sample, int m,
      Map<String, double[]> declared, double[][] flows) {
    double[][][] g = new double[states.length][m][];
    double[][] v = new double[states.length][m];
    for (int i = 0; i < states.length; i++) {
      for (int k = 0; k < m; k++) {
        g[i][k] = sample[1 + k][i];
        v[i][k] = sample[0][k][i];
      }
    }
    return new SparseInvariantFit.SpanSample(states, g, v, declared, flows);
  }

  /** [0][k] H_k at each state ([m][N]); [1 + k] ∇H_k at each state ([N][n]). */
  private static double[][][] evaluate(List<double[]> states, Function<double[], double[]> h,
      Function<double[], double[][]> gradient, int m) {
    double[][][] out = new double[1 + m][][];
    out[0] = new double[m][states.size()];
    for (int k = 0; k < m; k++) {
      out[1 + k] = new double[states.size()][];
    }
    for (int i = 0; i < states.size(); i++) {
      double[] x = states.get(i);
      double[] v = h.apply(x);
      double[][] g = gradient.apply(x);
      for (int k = 0; k < m; k++) {
        out[0][k][i] = v[k];
        double[] gk = new double[x.length];
        for (int r = 0; r < x.length; r++) {
          gk[r] = g[r][k];
        }
        out[1 + k][i] = gk;
      }
    }
    return out;
  }
}
