/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples.generality;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.concernet.nn.Device;
import org.concernet.nn.Sessions;
import org.concernet.results.ExperimentResults;
import org.concernet.system.SystemSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the suites of systems share ({@link GeneralitySuite}, {@code multi.MultiSuite}): the options
 * (which systems, seeds, output folder, changed settings, threads, seeds at once), the run of every system with
 * its own protocol through {@link GeneralitySuite#run}, and the one table of {@link
 * GeneralitySuite#table}.
 */
public abstract class SuiteCommand implements Callable<Integer> {
  private final Map<String, SystemSpec> all;

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--systems", split = ",", paramLabel = "NAME",
      description = "Systems to run, comma-separated (default: all).")
  List<String> systems;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per system. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--out", description = "Output folder, one subfolder per system; each run replaces the last."
      + " Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--set", paramLabel = "SETTING=VALUE",
      description = "Changes one protocol setting for every system (any setting by name, as --sweep takes them,"
          + " e.g. --set alignmentWeight=0.1); repeatable. Default: each system's own protocol.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--threads", defaultValue = "1", description = "Threads per session. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--jobs", defaultValue = "0", description = "Seeds of a system trained at once (results do not"
      + " depend on it). Default: 0, the processors divided by --threads.")
  int jobs;

  /**
   * A suite of {@code systems} (name to system, in table order) writing under {@code defaultOut}
   * unless {@code --out} is given.
   */
  protected SuiteCommand(Map<String, SystemSpec> systems, Path defaultOut) {
    this.all = systems;
    this.systems = new ArrayList<>(systems.keySet());
    this.out = defaultOut;
  }

  @Override
  public Integer call() {
    PrintStream console = System.out;
    for (String name : systems) {
      if (!all.containsKey(name)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown system " + name + "; one of "
            + all.keySet());
      }
    }
    if (jobs < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1 (or 0 for one per"
          + " processor), was " + jobs);
    }
    Sessions.setThreads(threads);
    Device.select(Device.CPU, console);
    long start = System.nanoTime();
    List<ExperimentResults> results = new ArrayList<>();
    for (String name : systems) {
      results.add(GeneralitySuite.run(all.get(name), seeds, settings, out.resolve(name), jobs, console));
    }
    console.println();
    console.print(GeneralitySuite.table(results));
    console.printf(Locale.ROOT, "%d system%s × %d seed%s, %.0f s%s%n", results.size(),
        results.size() == 1 ? "" : "s", seeds, seeds == 1 ? "" : "s", (System.nanoTime() - start) / 1e9,
        settings.isEmpty() ? "" : ", with " + settings);
    return 0;
  }
}
