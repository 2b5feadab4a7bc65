/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.Measured;
import org.concernet.annotations.State;

/**
 * A real mass on a spring known only from measurements (Schmidt & Lipson 2009): position (pixels)
 * and velocity, no equations. H is checked against the energy form ½v² + ½k·x² with k fitted.
 */
@DynamicalSystem(name = "RealSpring")
@Measured(data = "data/schmidt-lipson/real_linear_h_1.txt", columns = {"trial", "time", "x", "v"},
    energyForm = "spring")
public class RealSpring {
  @State double x;
  @State double v;
}
