/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.experiment.OutputFolder;
import org.concernet.nn.Device;
import org.concernet.nn.Sessions;
import org.concernet.protocol.Preset;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.system.SystemSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Runs the paper protocol on the example systems and prints, per system and stage, seconds, steps
 * per second and peak memory, and the total as its last line. A benchmark prints figures; it is
 * not a timed test. {@code mvn -B -q -Pbenchmark package -DskipTests [-Dbenchmark.args="…"]}.
 */
@Command(name = "Benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Times the ConCerNet pipeline on the paper's systems.")
public final class Benchmark implements Callable<Integer> {
  private static final Map<String, SystemSpec> SYSTEMS = new LinkedHashMap<>();

  static {
    SYSTEMS.put("SpringMass", new SpringMassSystem());
    SYSTEMS.put("ChemicalKinetics", new ChemicalKineticsSystem());
    SYSTEMS.put("Kepler", new KeplerSystem());
    SYSTEMS.put("HeatEquation", new HeatEquationSystem());
  }

  @Option(names = "--systems", split = ",", paramLabel = "NAME",
      description = "Systems to run, comma-separated (default: all four).")
  List<String> systems = new ArrayList<>(List.of("SpringMass", "ChemicalKinetics", "Kepler", "HeatEquation"));

  @Option(names = "--seeds", defaultValue = "5", description = "Seeds per system. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--preset", defaultValue = "paper", description = "quick or paper. Default: ${DEFAULT-VALUE}.")
  Preset preset;

  @Option(names = "--threads", defaultValue = "1", description = "Threads per session. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--out", defaultValue = "target/benchmark", description = "Output folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Benchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() {
    PrintStream console = System.out;
    Sessions.setThreads(threads);
    Device.select(Device.CPU, console);
    long start = System.nanoTime();
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%-17s %-22s %10s %14s %12s", "system", "stage", "seconds", "steps/s", "peak MB"));
    for (String name : systems) {
      SystemSpec system = SYSTEMS.get(name);
      if (system == null) {
        throw new CommandLine.ParameterException(new CommandLine(this), "unknown system " + name + "; one of " + SYSTEMS.keySet());
      }
      List<Long> seedList = new ArrayList<>();
      for (long s = 0; s < seeds; s++) {
        seedList.add(s);
      }
      ExperimentConfig config = new ExperimentConfig(system, preset.apply(name, system.protocol()), preset,
          seedList, false, null, out.resolve(name), Device.CPU, threads);
      OutputFolder.clear(config.out());  // the benchmark's own scratch folder: each run replaces the last
      ExperimentResults results = Experiment.run(config, console);
      Map<String, Double> timings = results.timings();
      for (Map.Entry<String, Double> stage : timings.entrySet()) {
        lines.add(String.format(Locale.ROOT, "%-17s %-22s %10.2f %14s %12s", name, stage.getKey(), stage.getValue(),
            rate(results, stage.getKey() + ".stepsPerSecond", "%.0f"), rate(results, "peakMemoryMB." + stage.getKey(), "%.0f")));
      }
    }
    console.println();
    lines.forEach(console::println);
    console.printf(Locale.ROOT, "total %.1f s for %s × %d seeds (%s preset)%n", (System.nanoTime() - start) / 1e9,
        systems, seeds, preset.name().toLowerCase(Locale.ROOT));
    return 0;
  }

  /** The mean over seeds of a rate, or "-" when the stage has none. */
  private static String rate(ExperimentResults results, String key, String format) {
    double sum = 0;
    int count = 0;
    for (SeedResult seed : results.seeds()) {
      Double value = seed.rates().get(key);
      if (value != null) {
        sum += value;
        count++;
      }
    }
    return count == 0 ? "-" : String.format(Locale.ROOT, format, sum / count);
  }
}
