package org.concernet.examples;

import java.util.List;
import javax.annotation.processing.Generated;
import org.concernet.system.MeasuredSystem;

/**
 * The measured system {@link RealPendulum}, generated from its annotations: its state columns, how its
 * file is read, and its protocol. It has no equations; its experiment learns from the file.
 */
@Generated("org.concernet.processor.DynamicalSystemProcessor")
public final class RealPendulumSystem extends MeasuredSystem {
  public RealPendulumSystem() {
    super("RealPendulum",
        List.of("theta", "omega"),
        MeasuredSystem.defaults()
          .build(),
        new MeasuredSystem.Reading("data/schmidt-lipson/real_pend_h_1.txt", List.of("trial", "time", "theta", "omega"), "time", "", "pendulum"));
  }
}
