/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.Measured;
import org.concernet.annotations.State;

/**
 * A real pendulum known only from measurements (Schmidt & Lipson 2009, the HNN paper's "real
 * pendulum"): the angle and angular velocity, no equations. Its experiment learns H and both
 * dynamics models from the first 80% of the series and compares their rollouts with the rest; H is
 * checked against the energy form ½ω² − k·cos θ with k fitted. The file's header names the columns
 * {@code o v}; {@code columns} renames them.
 */
@DynamicalSystem(name = "RealPendulum")
@Measured(data = "data/schmidt-lipson/real_pend_h_1.txt", columns = {"trial", "time", "theta", "omega"},
    energyForm = "pendulum")
public class RealPendulum {
  @State double theta;
  @State double omega;
}
