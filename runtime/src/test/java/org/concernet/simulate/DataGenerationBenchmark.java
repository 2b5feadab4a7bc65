/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import org.concernet.data.Trajectories;
import org.concernet.system.SystemSpec;
import org.concernet.testsystems.HeatEquation;
import org.concernet.testsystems.Kepler;
import org.concernet.testsystems.SpringMass;

/**
 * Times data generation at the paper's sizes (a benchmark, not a test). Run after
 * {@code mvn -pl runtime test-compile}:
 *
 * <pre>
 * mvn -q -pl runtime dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp runtime/target/test-classes:runtime/target/classes:$(cat /tmp/cp.txt) \
 *     org.concernet.simulate.DataGenerationBenchmark
 * </pre>
 */
public final class DataGenerationBenchmark {
  private DataGenerationBenchmark() {}

  public static void main(String[] args) {
    SystemSpec[] systems = {new SpringMass(), new Kepler(), new HeatEquation()};
    for (int repeat = 0; repeat < 2; repeat++) {
      for (SystemSpec system : systems) {
        long start = System.nanoTime();
        Trajectories data = TrajectoryGenerator.reference().trainingData(system, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("reference %-12s %s: %.3f s%n", system.name(), data, seconds);
      }
      for (SystemSpec system : new SystemSpec[] {new SpringMass(), new Kepler()}) {
        long start = System.nanoTime();
        double[][] initial = TrajectoryGenerator.sampleInitialStates(system, system.protocol().trajectories(),
            TrajectoryGenerator.initialStateRandom(1));
        GraphRk4Integrator.Outcome outcome = new GraphRk4Integrator().integrateCounting(system, initial,
            system.protocol().trainingTimes());
        double seconds = (System.nanoTime() - start) / 1e9;
        Trajectories reference = new ReferenceIntegrator().integrate(system, initial, system.protocol().trainingTimes());
        double worst = 0;
        double[] a = outcome.trajectories().statesFlat();
        double[] b = reference.statesFlat();
        for (int j = 0; j < a.length; j++) {
          worst = Math.max(worst, Math.abs(a[j] - b[j]));
        }
        System.out.printf("graph RK4 %-12s %s: %.3f s, %d substeps per interval, max |graph - reference| = %.2e%n",
            system.name(), outcome.trajectories(), seconds, outcome.substeps(), worst);
      }
    }
  }
}
