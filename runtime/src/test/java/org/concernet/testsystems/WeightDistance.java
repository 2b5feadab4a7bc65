/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testsystems;

import org.concernet.nn.MlpWeights;

/** The Euclidean distance between two networks' weights and biases, for tests of training. */
public final class WeightDistance {
  private WeightDistance() {}

  public static double of(MlpWeights a, MlpWeights b) {
    double sum = 0;
    for (int l = 0; l < a.layers(); l++) {
      double[][] wa = a.weight(l);
      double[][] wb = b.weight(l);
      for (int i = 0; i < wa.length; i++) {
        for (int j = 0; j < wa[i].length; j++) {
          sum += (wa[i][j] - wb[i][j]) * (wa[i][j] - wb[i][j]);
        }
      }
      double[] ba = a.bias(l);
      double[] bb = b.bias(l);
      for (int i = 0; i < ba.length; i++) {
        sum += (ba[i] - bb[i]) * (ba[i] - bb[i]);
      }
    }
    return Math.sqrt(sum);
  }
}
