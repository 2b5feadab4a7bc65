package org.concernet.examples;

import javax.annotation.processing.Generated;
import org.concernet.cli.ExperimentCommand;

/**
 * Runs the ConCerNet experiment for the measured system {@link RealPendulum}: reads its file, learns its
 * conserved quantity contrastively and the baseline and projected dynamics from the first 80% of
 * each series, and compares their rollouts with the rest. Run with {@code --help} for the options
 * ({@code --data}, seeds, epochs, window length {@code --points}, output folder).
 */
@Generated("org.concernet.processor.DynamicalSystemProcessor")
public final class RealPendulumExperiment {
  private RealPendulumExperiment() {
  }

  public static void main(String[] args) {
    ExperimentCommand.main(new RealPendulumSystem(), args);
  }
}
