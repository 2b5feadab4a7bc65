/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Beside {@link DynamicalSystem}: a system known only from measurements. The class declares its
 * {@code double} {@link State} fields, one per measured column, and nothing else: no
 * {@code @Derivative}, {@code @Invariant}, {@code @InitialState} or {@code @Parameter}. Its
 * generated experiment reads a measured file (the {@link #data()} file, or {@code --data}), learns H
 * and both dynamics models from the first 80% of each series in time order with derivatives
 * estimated from the states, and compares their rollouts with the held-out rest.
 *
 * <pre>{@code
 * @DynamicalSystem(name = "RealPendulum")
 * @Measured(data = "data/schmidt-lipson/real_pend_h_1.txt", columns = {"trial", "time", "theta", "omega"},
 *     energyForm = "pendulum")
 * public class RealPendulum {
 *   @State double theta;
 *   @State double omega;
 * }
 * }</pre>
 *
 * <p>The {@code points} attribute of {@code @DynamicalSystem} is the length of the training windows
 * cut from the measured series; for a measured system it defaults to 32 instead of 100, and
 * {@code contrastiveEpochs} to 1000 instead of 3000. (A value equal to the annotation's default
 * cannot be told from no value: write 100 or 3000 on a measured system and it gets 32 or 1000.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Measured {
  /** The measured file read when the command line gives no {@code --data}; empty for none. */
  String data() default "";

  /** Names for all the file's columns, replacing its header; empty to use the header. */
  String[] columns() default {};

  /** The name of the time column. */
  String time() default "time";

  /** The name of the trial column; empty: "trial" if the file has it, else the file is one series. */
  String trial() default "";

  /**
   * The physical energy the learned H is compared with, its constant fitted: "pendulum"
   * (½ω² − k·cos θ) or "spring" (½v² + ½k·x²), states (position, velocity); empty for none.
   */
  String energyForm() default "";
}
