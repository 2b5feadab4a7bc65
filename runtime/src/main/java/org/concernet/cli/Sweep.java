/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.eval.Statistics;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.experiment.OutputFolder;
import org.concernet.io.AtomicFiles;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Setting;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.training.Checkpoints;
import org.concernet.training.ProgressListener;

/**
 * The paper's studies as one command: {@code --sweep noise=0,0.01,0.1,1} (Tables 8 and 9) or
 * {@code --sweep trajectories=5,10,20,40,80 --sweep points=5,10,20,40} (Table 10). Every
 * combination of the swept values is a full experiment in its own folder; the figures of all of
 * them (mean ± std over seeds) go into one table, on the console and in {@code sweep.csv}.
 */
public final class Sweep {
  /** The protocol settings a sweep can vary: every {@link Setting}, by name. */
  public static final List<String> KEYS = Setting.names();

  private Sweep() {}

  /** Parses {@code key=v1,v2,…}. */
  public static Map.Entry<String, List<String>> parse(String text) {
    int equals = text.indexOf('=');
    if (equals < 1 || equals == text.length() - 1) {
      throw new IllegalArgumentException("--sweep expects KEY=V1,V2,…, found '" + text + "'");
    }
    String key = text.substring(0, equals).trim();
    if (!KEYS.contains(key)) {
      throw new IllegalArgumentException("--sweep cannot vary '" + key + "'; it varies one of " + KEYS);
    }
    List<String> values = new ArrayList<>();
    for (String v : text.substring(equals + 1).split(",")) {
      values.add(v.trim());
    }
    return Map.entry(key, values);
  }

  /** {@code p} with the swept setting {@code key} set to {@code value}, or an error naming the key. */
  public static Protocol with(Protocol p, String key, String value) {
    Setting<?> setting = Setting.named(key).orElseThrow(() -> new IllegalArgumentException(key));
    if (setting.group().isPresent() && p.autoencoder().isEmpty()) {
      throw new IllegalArgumentException("--sweep " + key + ": the system learns in its full state space and has no "
          + setting.group().get() + " to vary");
    }
    try {
      return setting.with(p, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--sweep " + key + ": " + e.getMessage(), e);
    }
  }

  /** Runs every combination and writes the table; returns the rows' results. */
  static List<ExperimentResults> run(ExperimentConfig base, List<Map.Entry<String, List<String>>> sweeps, PrintStream out) {
    return run(base, sweeps, out, Experiment.Start.FRESH, Checkpoints.DEFAULT_EVERY);
  }

  /**
   * As {@link #run(ExperimentConfig, List, PrintStream)}; {@code start} applies to each
   * combination's folder as to a single run's: {@code RESUME} takes completed seeds from there and
   * continues interrupted stages from their checkpoints, {@code OVERWRITE} replaces an earlier
   * sweep's combination. This is the single-process sweep; {@link DistributedSweep} runs the same
   * combinations' seeds as tasks elsewhere.
   */
  static List<ExperimentResults> run(ExperimentConfig base, List<Map.Entry<String, List<String>>> sweeps, PrintStream out,
      Experiment.Start start, int checkpointEvery) {
    List<Combination> combinations = combinations(base, sweeps, start);
    List<ExperimentResults> results = new ArrayList<>();
    for (Combination combination : combinations) {
      out.println("== sweep " + combination.values());
      results.add(Experiment.run(combination.config(), out, combination.start(start), checkpointEvery,
          ProgressListener.NONE));
    }
    writeTable(base, sweeps, combinations, results, out);
    return results;
  }

  /**
   * One combination of swept values: the values by key, the folder under the sweep's output folder
   * ({@code sweep-noise-0.1-points-20}) and the full configuration of its experiment.
   */
  public record Combination(Map<String, String> values, String folder, ExperimentConfig config) {
    public Combination {
      values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * What a sweep started with {@code start} does with this combination's folder: as with a single
     * run, except that a resumed sweep starts afresh the combinations the interrupted one never reached.
     */
    public Experiment.Start start(Experiment.Start start) {
      return start == Experiment.Start.RESUME && !Files.isDirectory(config.out()) ? Experiment.Start.FRESH : start;
    }
  }

  /**
   * Every combination of the swept values, in order (the last key varies fastest), after checking
   * every value and that the sweep's output folder may be used as {@code start} says.
   *
   * @throws IllegalArgumentException naming the key, for a value the setting refuses
   */
  public static List<Combination> combinations(ExperimentConfig base, List<Map.Entry<String, List<String>>> sweeps,
      Experiment.Start start) {
    for (Map.Entry<String, List<String>> sweep : sweeps) {
      for (String value : sweep.getValue()) {
        with(base.protocol(), sweep.getKey(), value); // every value is checked before anything runs
      }
    }
    List<Map<String, String>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> sweep : sweeps) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : grid) {
        for (String value : sweep.getValue()) {
          Map<String, String> c = new LinkedHashMap<>(partial);
          c.put(sweep.getKey(), value);
          next.add(c);
        }
      }
      grid = next;
    }
    if (start != Experiment.Start.OVERWRITE) {
      OutputFolder.requireUsable(base.out(), start == Experiment.Start.RESUME);
    }
    List<Combination> combinations = new ArrayList<>();
    for (Map<String, String> values : grid) {
      Protocol protocol = base.protocol();
      StringBuilder folder = new StringBuilder("sweep");
      for (Map.Entry<String, String> e : values.entrySet()) {
        protocol = with(protocol, e.getKey(), e.getValue());
        folder.append('-').append(e.getKey()).append('-').append(e.getValue());
      }
      ExperimentConfig config = new ExperimentConfig(base.system(), protocol, base.preset(), base.seeds(),
          base.float64(), base.data(), base.out().resolve(folder.toString()), base.device(), base.threads(),
          base.jobs());
      combinations.add(new Combination(values, folder.toString(), config));
    }
    return combinations;
  }

  /**
   * Writes the sweep's table (console, {@code sweep.csv}, {@code sweep.html}): one row per
   * combination, mean ± std over seeds; a combination whose result is {@code null} (it failed) is a
   * row of "failed" cells, empty in the CSV.
   */
  public static void writeTable(ExperimentConfig base, List<Map.Entry<String, List<String>>> sweeps,
      List<Combination> combinations, List<ExperimentResults> results, PrintStream out) {
    List<String> invariants = base.system().invariantNames();
    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(sweeps.stream().map(Map.Entry::getKey).toList());
    invariants.forEach(i -> header.add("R² " + i));
    header.add("MSE baseline");
    header.add("MSE ConCerNet");
    for (String i : invariants) {
      header.add("violation " + i + " baseline");
      header.add("violation " + i + " ConCerNet");
    }
    rows.add(header.toArray(String[]::new));
    List<String> csvHeader = new ArrayList<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c).replace("R²", "R2");
      if (c < sweeps.size()) {
        csvHeader.add(name);
      } else {
        csvHeader.add(name + " mean");
        csvHeader.add(name + " std");
      }
    }
    StringBuilder csv = new StringBuilder(String.join(",", csvHeader) + "\n");
    List<String> links = new ArrayList<>();
    for (int r = 0; r < results.size(); r++) {
      ExperimentResults result = results.get(r);
      List<String> cells = new ArrayList<>(combinations.get(r).values().values());
      List<String> csvCells = new ArrayList<>(combinations.get(r).values().values());
      if (result == null) {
        for (int c = sweeps.size(); c < header.size(); c++) {
          cells.add("failed");
          csvCells.add(",");
        }
      } else {
        for (String i : invariants) {
          add(cells, csvCells, result.invariantR2().get(i), "%.5f");
        }
        add(cells, csvCells, result.mse(false).get(SeedResult.BASELINE), "%.3e");
        add(cells, csvCells, result.mse(false).get(SeedResult.CONCERNET), "%.3e");
        for (String i : invariants) {
          add(cells, csvCells, result.violation(false).get(SeedResult.BASELINE).get(i), "%.3e");
          add(cells, csvCells, result.violation(false).get(SeedResult.CONCERNET).get(i), "%.3e");
        }
      }
      rows.add(cells.toArray(String[]::new));
      csv.append(String.join(",", csvCells)).append('\n');
      links.add(result == null ? null : combinations.get(r).folder() + "/report.html");
    }
    out.println();
    out.println(base.system().name() + " sweep over " + sweeps.stream().map(Map.Entry::getKey).toList()
        + " — mean ± std over " + base.seeds().size() + " seed(s)");
    out.print(org.concernet.report.SummaryTable.table(rows));
    AtomicFiles.write(base.out().resolve("sweep.csv"), csv.toString());
    String title = base.system().name() + " sweep over " + sweeps.stream().map(Map.Entry::getKey).toList();
    org.concernet.report.HtmlReport.writeSweep(base.out().resolve("sweep.html"), title,
        "Mean ± std over " + base.seeds().size() + " seed(s); every row is a full experiment with its own report.",
        rows, links);
    out.println("Sweep table: " + base.out().resolve("sweep.csv") + ", " + base.out().resolve("sweep.html"));
  }

  private static void add(List<String> cells, List<String> csv, Statistics figure, String format) {
    cells.add(figure.format(format));
    csv.add(String.format(Locale.ROOT, "%s,%s", figure.mean(), figure.std()));
  }
}
