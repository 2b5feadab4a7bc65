/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.protocol;

/**
 * Whether H and both dynamics models of a system with equations learn on standardised states,
 * z_k = (x_k − mean_k) / std_k with the mean and standard deviation of the training points, rather
 * than on the states as declared. The networks' layers are initialised for inputs of order one: a
 * state counted in hundreds (a population, a concentration, a position in pixels) saturates their
 * first layer, and one that varies by hundredths barely moves it. H(z(x)) conserved in z is
 * conserved in x, and every figure is reported in the system's own units.
 */
public enum Standardise {
  /**
   * The default: standardise when the activation is tanh and some state's training points are far
   * from unit scale (see {@code experiment.Standardisation#chosen}); systems whose states are of
   * order one, and ReLU networks (which do not saturate), learn on the states as declared.
   */
  AUTO,
  /** Always standardise. */
  ON,
  /** Never: the states as declared, as the paper. */
  OFF
}
