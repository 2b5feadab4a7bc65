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
import org.concernet.eval.InvariantQuality;
import org.concernet.eval.Statistics;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.experiment.OutputFolder;
import org.concernet.nn.Device;
import org.concernet.nn.Sessions;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Setting;
import org.concernet.report.SummaryTable;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.system.SystemSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the generality suite — systems nobody tuned the library for, each with its own annotation
 * defaults — and prints one table: per system and declared invariant, R² (linear and cubic in H),
 * how conserved H is on held-out trajectories without any known invariant ({@link
 * InvariantQuality}), and MSE and violation of the baseline and of ConCerNet (means over seeds).
 * It is the regression guard for the library's defaults: a change of a default should not make
 * any row worse. See docs/generality.md.
 *
 * <p>{@code mvn -B -q -Pexperiment package -DskipTests
 * -Dexperiment=org.concernet.examples.generality.GeneralitySuite -Dexperiment.args="--seeds 3"}
 */
@Command(name = "GeneralitySuite", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs ConCerNet with its defaults on systems the paper does not have, and prints one table.")
public final class GeneralitySuite implements Callable<Integer> {
  /** The suite's systems, in table order; the damped oscillator, which conserves nothing, last. */
  public static final Map<String, SystemSpec> SYSTEMS = new LinkedHashMap<>();

  static {
    SYSTEMS.put("LotkaVolterra", new LotkaVolterraSystem());
    SYSTEMS.put("Epidemic", new EpidemicSystem());
    SYSTEMS.put("Pendulum", new PendulumSystem());
    SYSTEMS.put("Duffing", new DuffingSystem());
    SYSTEMS.put("HenonHeiles", new HenonHeilesSystem());
    SYSTEMS.put("MorseChain", new MorseChainSystem());
    SYSTEMS.put("DampedOscillator", new DampedOscillatorSystem());
  }

  @Option(names = "--systems", split = ",", paramLabel = "NAME",
      description = "Systems to run, comma-separated (default: all).")
  List<String> systems = new ArrayList<>(SYSTEMS.keySet());

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per system. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(names = "--out", defaultValue = "target/generality",
      description = "Output folder, one subfolder per system; each run replaces the last. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--set", paramLabel = "SETTING=VALUE",
      description = "Changes one protocol setting for every system (any setting by name, as --sweep takes them,"
          + " e.g. --set alignmentWeight=0.1); repeatable. Default: each system's own protocol.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--threads", defaultValue = "1", description = "Threads per session. Default: ${DEFAULT-VALUE}.")
  int threads;

  public static void main(String[] args) {
    System.exit(new CommandLine(new GeneralitySuite()).execute(args));
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
      all.add(run(SYSTEMS.get(name), seeds, settings, out.resolve(name), console));
    }
    console.println();
    console.print(table(all));
    console.printf(Locale.ROOT, "%d system%s × %d seed%s, %.0f s%s%n", all.size(), all.size() == 1 ? "" : "s", seeds,
        seeds == 1 ? "" : "s", (System.nanoTime() - start) / 1e9,
        settings.isEmpty() ? "" : ", with " + settings);
    return 0;
  }

  /**
   * Runs {@code system} with its own protocol, changed by {@code settings} (setting name to value,
   * as {@link Setting#with} reads them), on seeds 0 … seeds − 1 into {@code folder}.
   */
  public static ExperimentResults run(SystemSpec system, int seeds, Map<String, String> settings, Path folder,
      PrintStream console) {
    List<Long> seedList = new ArrayList<>();
    for (long s = 0; s < seeds; s++) {
      seedList.add(s);
    }
    Protocol protocol = system.protocol();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      Setting<?> setting = Setting.named(e.getKey()).orElseThrow(() -> new IllegalArgumentException(
          "--set " + e.getKey() + ": no such setting; one of " + Setting.names()));
      protocol = setting.with(protocol, e.getValue());
    }
    ExperimentConfig config = new ExperimentConfig(system, protocol, null, seedList, false, null, folder,
        Device.CPU, 1);
    OutputFolder.clear(config.out());  // the suite's own scratch folder: each run replaces the last
    return Experiment.run(config, console);
  }

  /**
   * The suite's one table: a row per system and declared invariant (one row with "-" for a system
   * that declares none), means over seeds; "!" after the quality figures when they say projecting
   * onto H is likely to hurt.
   */
  public static String table(List<ExperimentResults> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"system", "invariant", "R² lin", "R² cubic", "H spread", "H align", "MSE base",
        "MSE ConCerNet", "viol base", "viol ConCerNet"});
    for (ExperimentResults r : results) {
      Map<String, Statistics> mse = r.mse(false);
      Map<String, Map<String, Statistics>> violation = r.violation(false);
      Map<String, Statistics> quality = r.invariantQuality().getOrDefault(SeedResult.learnedOutput(0), Map.of());
      String spread = quality.isEmpty() ? "-" : format("%.1e", quality.get(InvariantQuality.SPREAD));
      String align = quality.isEmpty() ? "-" : format("%.3f", quality.get(InvariantQuality.ALIGNMENT));
      if (!quality.isEmpty() && new InvariantQuality(quality.get(InvariantQuality.SPREAD).mean(),
          quality.get(InvariantQuality.ALIGNMENT).mean()).likelyHurts()) {
        align += " !";
      }
      List<String> names = r.invariants().isEmpty() ? List.of("-") : r.invariants();
      for (String name : names) {
        boolean declared = !name.equals("-");
        rows.add(new String[] {r.system(), name,
            declared ? format("%.4f", r.invariantR2().get(name)) : "-",
            declared ? format("%.5f", r.invariantR2Cubic().get(name)) : "-",
            spread, align,
            format("%.2e", mse.get(SeedResult.BASELINE)), format("%.2e", mse.get(SeedResult.CONCERNET)),
            declared ? format("%.2e", violation.get(SeedResult.BASELINE).get(name)) : "-",
            declared ? format("%.2e", violation.get(SeedResult.CONCERNET).get(name)) : "-"});
      }
    }
    return SummaryTable.table(rows) + "(means over seeds; H spread and H align of the first learned output on"
        + " held-out trajectories, small is good; ! = projecting onto H is likely to hurt)\n";
  }

  private static String format(String number, Statistics figure) {
    return String.format(Locale.ROOT, number, figure.mean());
  }
}
