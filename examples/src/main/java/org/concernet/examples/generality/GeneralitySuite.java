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
public final class GeneralitySuite extends SuiteCommand {
  /** The suite's systems, in table order; the damped oscillator, which conserves nothing, last. */
  public static final Map<String, SystemSpec> SYSTEMS = new LinkedHashMap<>();

  static {
    SYSTEMS.put("LotkaVolterra", new LotkaVolterraSystem());
    SYSTEMS.put("Epidemic", new EpidemicSystem());
    SYSTEMS.put("Pendulum", new PendulumSystem());
    SYSTEMS.put("Duffing", new DuffingSystem());
    SYSTEMS.put("HenonHeiles", new HenonHeilesSystem());
    SYSTEMS.put("MorseChain", new MorseChainSystem());
    SYSTEMS.put("CoupledPendulums", new CoupledPendulumsSystem());
    SYSTEMS.put("RabbitsAndFoxes", new RabbitsAndFoxesSystem());
    SYSTEMS.put("PendulumInDegrees", new PendulumInDegreesSystem());
    SYSTEMS.put("DampedOscillator", new DampedOscillatorSystem());
  }

  public GeneralitySuite() {
    super(SYSTEMS, Path.of("target/generality"));
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new GeneralitySuite()).execute(args));
  }

  /**
   * Runs {@code system} with its own protocol, changed by {@code settings} (setting name to value,
   * as {@link Setting#with} reads them), on seeds 0 … seeds − 1 into {@code folder}, {@code jobs}
   * seeds at once (0: one per processor).
   */
  public static ExperimentResults run(SystemSpec system, int seeds, Map<String, String> settings, Path folder,
      int jobs, PrintStream console) {
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
        Device.CPU, Sessions.threads(), ExperimentConfig.jobs(jobs, Sessions.threads(), seeds));
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
        "MSE ConCerNet", "viol base", "viol ConCerNet", "MSE formula", "viol formula"});
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
      boolean formula = mse.containsKey(SeedResult.CONCERNET_FORMULA);
      List<String> names = r.invariants().isEmpty() ? List.of("-") : r.invariants();
      for (String name : names) {
        boolean declared = !name.equals("-");
        rows.add(new String[] {r.system(), name,
            declared ? format("%.4f", r.invariantR2().get(name)) : "-",
            declared ? format("%.5f", r.invariantR2Cubic().get(name)) : "-",
            spread, align,
            format("%.2e", mse.get(SeedResult.BASELINE)), format("%.2e", mse.get(SeedResult.CONCERNET)),
            declared ? format("%.2e", violation.get(SeedResult.BASELINE).get(name)) : "-",
            declared ? format("%.2e", violation.get(SeedResult.CONCERNET).get(name)) : "-",
            formula ? format("%.2e", mse.get(SeedResult.CONCERNET_FORMULA)) : "-",
            formula && declared ? format("%.2e", violation.get(SeedResult.CONCERNET_FORMULA).get(name)) : "-"});
      }
    }
    return SummaryTable.table(rows) + "(means over seeds; H spread and H align of the first learned output on"
        + " held-out trajectories, small is good; ! = projecting onto H is likely to hurt; formula: ConCerNet's"
        + " field projected onto the read-out formula, - when a seed had none)\n";
  }

  private static String format(String number, Statistics figure) {
    return String.format(Locale.ROOT, number, figure.mean());
  }
}
