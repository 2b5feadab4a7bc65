/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.SplittableRandom;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/** Tests' evaluation of a loss term built on a frozen network's input gradients. */
final class GradientTerms {
  /** A term of the input gradients [P, n, m]. */
  interface Term {
    <T extends TNumber> Operand<T> build(Ops tf, Operand<T> gradients);
  }

  private GradientTerms() {}

  /** A rows × columns array of values uniform in [−1.5, 1.5) from {@code seed}: points or derivatives. */
  static double[][] uniform(int rows, int columns, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][] out = new double[rows][columns];
    for (double[] row : out) {
      for (int c = 0; c < columns; c++) {
        row[c] = rng.nextDouble(-1.5, 1.5);
      }
    }
    return out;
  }

  /** {@code term} of {@code weights}' input gradients at the points {@code x}, computed in {@code type}. */
  static <T extends TNumber> double evaluate(Term term, MlpWeights weights, double[][] x, Class<T> type) {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Operand<T> value = term.build(tf, Mlp.frozen(tf, weights, type).inputGradient(Tensors.constant(tf, x, type)));
      try (Result r = s.runner().fetch(value).run()) {
        return Tensors.toScalar(r.get(0));
      }
    }
  }
}
