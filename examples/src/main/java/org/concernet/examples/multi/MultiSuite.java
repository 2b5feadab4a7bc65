/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.multi;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.concernet.examples.generality.GeneralitySuite;
import org.concernet.nn.Device;
import org.concernet.nn.Sessions;
import org.concernet.results.ExperimentResults;
import org.concernet.system.SystemSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class MultiSuite implements Callable<Integer> {
  /** The systems, in table order. */
  public static final Map<String, SystemSpec> SYSTEMS = new LinkedHashMap<>();

  static {
    SYSTEMS.put("RigidBody", new RigidBodySystem());
    SYSTEMS.put("IsotropicOscillator", new IsotropicOscillatorSystem());
  }

  @Option(names = "--systems", split = ",", paramLabel = "NAME",
      description = "Systems to run, comma-separated (default: all).")
  List<String> systems = new ArrayList<>(SYSTEMS.keySet());

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per system. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--out", defaultValue = "target/multi",
      description = "Output folder, one subfolder per system; each run replaces the last. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--threads", defaultValue = "1", description = "Threads per session. Default: ${DEFAULT-VALUE}.")
  int threads;

  public static void main(String[] args) {
    System.exit(new CommandLine(new MultiSuite()).execute(args));
  }

  @Override
  public Integer call() {
    PrintStream console = System.out;
    for (String name : systems) {
      if (!SYSTEMS.containsKey(name)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "unknown system " + name + "; one of "
            + SYSTEMS.keySet());
      }
    }
    Sessions.setThreads(threads);
    Device.select(Device.CPU, console);
    long start = System.nanoTime();
    List<ExperimentResults> all = new ArrayList<>();
    for (String name : systems) {
      all.add(GeneralitySuite.run(SYSTEMS.get(name), seeds, null, out.resolve(name), console));
    }
    console.println();
    console.print(GeneralitySuite.table(all));
    console.printf(Locale.ROOT, "%d system%s × %d seed%s, %.0f s%n", all.size(), all.size() == 1 ? "" : "s", seeds,
        seeds == 1 ? "" : "s", (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
