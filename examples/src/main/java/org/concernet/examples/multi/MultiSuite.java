/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.multi;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concernet.examples.generality.SuiteCommand;
import org.concernet.system.SystemSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the systems with several invariants with their own defaults (latent = the number of
 * independent invariants) and prints the generality suite's table: per declared invariant, R²
 * linear and cubic in all learned outputs jointly, MSE and violation of the baseline and of
 * ConCerNet.
 *
 * <p>{@code mvn -B -q -Pexperiment package -DskipTests
 * -Dexperiment=org.concernet.examples.multi.MultiSuite -Dexperiment.args="--seeds 3"}
 */
@Command(name = "MultiSuite", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs ConCerNet with its defaults on systems with two and three invariants, and prints one table.")
public final class MultiSuite extends SuiteCommand {
  /** The systems, in table order. */
  public static final Map<String, SystemSpec> SYSTEMS = new LinkedHashMap<>();

  static {
    SYSTEMS.put("RigidBody", new RigidBodySystem());
    SYSTEMS.put("IsotropicOscillator", new IsotropicOscillatorSystem());
    SYSTEMS.put("AnharmonicCentralForce", new AnharmonicCentralForceSystem());
  }

  public MultiSuite() {
    super(SYSTEMS, Path.of("target/multi"));
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new MultiSuite()).execute(args));
  }
}
