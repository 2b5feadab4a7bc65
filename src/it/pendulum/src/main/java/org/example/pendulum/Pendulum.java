package org.example.pendulum;

import java.util.random.RandomGenerator;
import org.concernet.annotations.Derivative;
import org.concernet.annotations.DynamicalSystem;
import org.concernet.annotations.InitialState;
import org.concernet.annotations.Invariant;
import org.concernet.annotations.Parameter;
import org.concernet.annotations.State;

/** A frictionless pendulum: θ'' = −(g/l) sin θ. Its energy is conserved. */
@DynamicalSystem(name = "Pendulum", trajectories = 20, points = 30, endTime = 3,
    evaluationHorizon = 30, evaluationPoints = 601, r2Trajectories = 50,
    contrastiveEpochs = 3000, dynamicsEpochs = 300)
public class Pendulum {
  @State double theta;
  @State double omega;

  @Parameter double gravityOverLength = 1.0;

  @Derivative("theta") double dTheta() { return omega; }
  @Derivative("omega") double dOmega() { return -gravityOverLength * Math.sin(theta); }

  @Invariant double energy() { return omega * omega / 2 - gravityOverLength * Math.cos(theta); }

  @InitialState void sample(RandomGenerator rng) {
    theta = rng.nextDouble(-1.0, 1.0);
    omega = rng.nextDouble(-1.0, 1.0);
  }
}
