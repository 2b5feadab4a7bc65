package org.concernet.examples;

import javax.annotation.processing.Generated;
import org.concernet.cli.ExperimentCommand;

/**
 * Runs the ConCerNet experiment for {@link Kepler}: generates its trajectories, learns its
 * conserved quantities contrastively, trains the baseline and the projected dynamics, and
 * evaluates them against the known invariants. Run with {@code --help} for the options
 * (seeds, epochs, trajectories, noise, output folder, {@code --preset quick|paper}).
 */
@Generated("org.concernet.processor.DynamicalSystemProcessor")
public final class KeplerExperiment {
  private KeplerExperiment() {
  }

  public static void main(String[] args) {
    ExperimentCommand.main(new KeplerSystem(), args);
  }
}
