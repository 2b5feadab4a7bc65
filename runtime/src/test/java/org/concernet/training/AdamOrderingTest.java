/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.concernet.nn.Activation;
import org.concernet.nn.Mlp;
import org.concernet.nn.MlpWeights;
import org.concernet.nn.Sessions;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * Regression test: with several threads an in-place Adam update of layer l + 1 must not run before
 * the backward pass has read that layer's weights (it did, before updates were gated on every
 * gradient: 30 steps then differed by up to 0.2 between runs).
 */
class AdamOrderingTest {
  private static MlpWeights train(int threads, boolean callerThread) {
    int saved = Sessions.threads();
    Sessions.setThreads(threads);
    MlpWeights init = MlpWeights.initialize(2, List.of(50, 50), 1, Activation.TANH, new SplittableRandom(1));
    double[][] x = new double[200][2];
    SplittableRandom r = new SplittableRandom(2);
    for (double[] row : x) {
      row[0] = r.nextDouble();
      row[1] = r.nextDouble();
    }
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Mlp<TFloat64> mlp = Mlp.trainable(tf, "net", init, TFloat64.class);
      Operand<TFloat64> loss = tf.reduceSum(tf.math.square(tf.math.sin(mlp.apply(tf.constant(x)))),
          tf.constant(new int[] {0, 1}));
      Op step = Adam.build(tf, loss, mlp.variables(), 0.01, "adam").op();
      for (int i = 0; i < 30; i++) {
        Session.Runner runner = s.runner().addTarget(step);
        if (callerThread) {
          runner.setOptions(Sessions.CALLER_THREAD);
        }
        runner.run();
      }
      return mlp.read(s);
    } finally {
      Sessions.setThreads(saved);
    }
  }

  @Test
  void updatesWaitForTheWholeBackwardPass() {
    MlpWeights reference = train(1, true);
    for (int attempt = 0; attempt < 3; attempt++) {
      MlpWeights parallel = train(2, false);
      for (int l = 0; l < reference.layers(); l++) {
        double[][] a = reference.weight(l);
        double[][] b = parallel.weight(l);
        for (int i = 0; i < a.length; i++) {
          for (int j = 0; j < a[i].length; j++) {
            assertThat(b[i][j]).isWithin(1e-9).of(a[i][j]);
          }
        }
      }
    }
  }
}
