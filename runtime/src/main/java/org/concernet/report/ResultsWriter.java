/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.eval.InvariantCount;
import org.concernet.eval.Statistics;
import org.concernet.io.AtomicFiles;
import org.concernet.results.EvaluationTrajectory;
import org.concernet.results.ExperimentResults;
import org.concernet.results.SeedResult;
import org.concernet.results.SymbolicInvariant;

/**
 * Writes {@code results.json} and {@code results.csv} (the output contract in DESIGN.md), each
 * atomically. Keys keep a fixed order, so equal results give byte-identical files apart from
 * timings.
 */
public final class ResultsWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsWriter() {}

  /** The results as the JSON tree of the output contract. */
  public static ObjectNode toJson(ExperimentResults results) {
    ObjectNode root = JSON.createObjectNode();
    root.put("system", results.system());
    ArrayNode seeds = root.putArray("seeds");
    results.seeds().forEach(s -> seeds.add(s.seed()));
    root.set("config", JSON.valueToTree(results.config()));
    ObjectNode r2 = root.putObject("invariantR2");
    results.invariantR2().forEach((name, figure) -> r2.set(name, figure(figure)));
    ObjectNode r2Cubic = root.putObject("invariantR2Cubic");
    results.invariantR2Cubic().forEach((name, figure) -> r2Cubic.set(name, figure(figure)));
    if (!results.invariantQuality().isEmpty()) {
      ObjectNode quality = root.putObject("invariantQuality");
      results.invariantQuality().forEach((output, byFigure) -> {
        ObjectNode node = quality.putObject(output);
        byFigure.forEach((name, figure) -> node.set(name, figure(figure)));
      });
    }
    if (!results.seeds().isEmpty()
        && results.seeds().stream().allMatch(s -> s.rates().containsKey(InvariantCount.KEY))) {
      root.set(InvariantCount.KEY, figure(Statistics.of(results.seeds().stream()
          .map(s -> s.rates().get(InvariantCount.KEY)).toList())));
    }
    if (!results.symbolicInvariants().isEmpty()) {
      ObjectNode symbolic = root.putObject("symbolicInvariants");
      results.symbolicInvariants().forEach((output, perSeed) -> {
        ArrayNode list = symbolic.putArray(output);
        for (int i = 0; i < perSeed.size(); i++) {
          ObjectNode entry = list.addObject();
          entry.put("seed", results.seeds().get(i).seed());
          if (perSeed.get(i) != null) {
            entry.setAll((ObjectNode) JSON.valueToTree(perSeed.get(i)));
          }
        }
      });
    }
    for (boolean finalTime : new boolean[] {false, true}) {
      ObjectNode mse = root.putObject(finalTime ? "mseFinal" : "mse");
      results.mse(finalTime).forEach((model, figure) -> mse.set(model, figure(figure)));
    }
    for (boolean finalTime : new boolean[] {false, true}) {
      ObjectNode violation = root.putObject(finalTime ? "violationFinal" : "violation");
      results.violation(finalTime).forEach((model, byInvariant) -> {
        ObjectNode node = violation.putObject(model);
        byInvariant.forEach((name, figure) -> node.set(name, figure(figure)));
      });
    }
    ObjectNode timings = root.putObject("timings");
    results.timings().forEach(timings::put);
    ObjectNode perSeed = root.putObject("perSeed");
    for (SeedResult seed : results.seeds()) {
      ObjectNode node = perSeed.putObject(Long.toString(seed.seed()));
      node.set("timings", JSON.valueToTree(seed.timings()));
      node.set("rates", JSON.valueToTree(seed.rates()));
      node.set("notes", JSON.valueToTree(seed.notes()));
      ArrayNode trajectories = node.putArray("trajectories");
      for (EvaluationTrajectory t : seed.trajectories()) {
        ObjectNode entry = trajectories.addObject();
        ArrayNode x0 = entry.putArray("initialState");
        t.initialState().forEach(x0::add);
        ObjectNode mse = entry.putObject("mse");
        t.mse().forEach(mse::put);
      }
    }
    return root;
  }

  private static ObjectNode figure(Statistics figure) {
    ObjectNode node = JSON.createObjectNode();
    node.put("mean", figure.mean());
    node.put("std", figure.std());
    ArrayNode values = node.putArray("perSeed");
    figure.perSeed().forEach(values::add);
    return node;
  }

  /** Writes results.json and results.csv into {@code folder}. */
  public static void write(ExperimentResults results, Path folder) {
    try {
      AtomicFiles.write(folder.resolve("results.json"), JSON.writeValueAsString(toJson(results)) + "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    AtomicFiles.write(folder.resolve("results.csv"), toCsv(results));
  }

  /** One row per figure: metric, model, invariant, mean, std, then one column per seed. */
  public static String toCsv(ExperimentResults results) {
    StringBuilder csv = new StringBuilder("metric,model,invariant,mean,std");
    for (SeedResult seed : results.seeds()) {
      csv.append(",seed_").append(seed.seed());
    }
    csv.append('\n');
    results.invariantR2().forEach((name, f) -> row(csv, "invariantR2", "", name, f));
    results.invariantR2Cubic().forEach((name, f) -> row(csv, "invariantR2Cubic", "", name, f));
    for (boolean finalTime : new boolean[] {false, true}) {
      String metric = finalTime ? "mseFinal" : "mse";
      results.mse(finalTime).forEach((model, f) -> row(csv, metric, model, "", f));
    }
    for (boolean finalTime : new boolean[] {false, true}) {
      String metric = finalTime ? "violationFinal" : "violation";
      for (Map.Entry<String, Map<String, Statistics>> model : results.violation(finalTime).entrySet()) {
        model.getValue().forEach((name, f) -> row(csv, metric, model.getKey(), name, f));
      }
    }
    // last, so that the rows of results recorded before the figure existed keep their places
    results.invariantQuality().forEach((output, byFigure) ->
        byFigure.forEach((name, f) -> row(csv, "invariantQuality." + name, "", output, f)));
    results.symbolicInvariants().forEach((output, perSeed) -> symbolicRows(csv, output, perSeed));
    return csv.toString();
  }

  /**
   * The read-out's rows for one output: its R² against H, the dense fit's, against each declared
   * invariant (NaN where a seed found no formula), then the formulas themselves, one quoted cell per seed.
   */
  private static void symbolicRows(StringBuilder csv, String output, List<SymbolicInvariant> perSeed) {
    row(csv, "symbolic.r2Learned", "", output, Statistics.of(perSeed.stream()
        .map(s -> s == null ? Double.NaN : s.r2Learned()).toList()));
    row(csv, "symbolic.denseR2", "", output, Statistics.of(perSeed.stream()
        .map(s -> s == null ? Double.NaN : s.denseR2()).toList()));
    perSeed.stream().filter(s -> s != null && s.found()).findFirst().ifPresent(first ->
        first.r2Invariants().keySet().forEach(name -> row(csv, "symbolic.r2." + name, "", output,
            Statistics.of(perSeed.stream().map(s -> s == null ? Double.NaN
                : s.r2Invariants().getOrDefault(name, Double.NaN)).toList()))));
    csv.append("symbolic.formula,,").append(output).append(",,");
    for (SymbolicInvariant s : perSeed) {
      csv.append(",\"").append(s == null ? "" : s.formula().replace("\"", "\"\"")).append('"');
    }
    csv.append('\n');
  }

  private static void row(StringBuilder csv, String metric, String model, String invariant, Statistics f) {
    csv.append(metric).append(',').append(model).append(',').append(invariant)
        .append(',').append(number(f.mean())).append(',').append(number(f.std()));
    for (double v : f.perSeed()) {
      csv.append(',').append(number(v));
    }
    csv.append('\n');
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
