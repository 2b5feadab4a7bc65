/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.concernet.io.AtomicFiles;
import org.concernet.results.SeedResult;

/**
 * What {@code --resume} needs of a completed seed: its results with the configuration that made
 * them ({@code seeds/seed-N.json}, written atomically after the seed's models), and the models.
 */
final class Resume {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Resume() {}

  /** The configuration as one string: a checkpoint is only continued by a run with the same one. */
  static String fingerprint(ExperimentConfig config) {
    try {
      return JSON.writeValueAsString(Experiment.configMap(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void save(ExperimentConfig config, SeedResult result, Path record) {
    ObjectNode node = JSON.createObjectNode();
    node.set("config", JSON.valueToTree(Experiment.configMap(config)));
    node.set("result", JSON.valueToTree(result));
    try {
      AtomicFiles.write(record, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + record + ": " + e.getMessage(), e);
    }
  }

  /**
   * The record, once it is known to come from a run with this configuration.
   *
   * @throws IllegalStateException if another configuration wrote it
   */
  static JsonNode read(ExperimentConfig config, Path record) throws IOException {
    JsonNode node = JSON.readTree(record.toFile());
    JsonNode expected = JSON.valueToTree(Experiment.configMap(config));
    if (!expected.equals(node.get("config"))) {
      throw new IllegalStateException(record + " was written by a run with another configuration; "
          + "rerun without --resume, or give this run another --out");
    }
    return node;
  }

  /** A seed's result as JSON, as the record holds it. */
  static String toJson(SeedResult result) {
    try {
      return JSON.writeValueAsString(result);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result {@link #toJson} wrote. */
  static SeedResult fromJson(String json) {
    try {
      return JSON.readValue(json, SeedResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a seed's result: " + e.getMessage(), e);
    }
  }

  /** The completed seed: its saved results, its saved models, and its rollouts recomputed. */
  static SeedRun load(ExperimentConfig config, long seed, Path record, Path models) {
    try {
      JsonNode node = read(config, record);
      SeedResult result = JSON.treeToValue(node.get("result"), SeedResult.class);
      TrainedModels saved = TrainedModels.load(models);
      if (saved.autoencoder().isPresent() != config.protocol().autoencoder().isPresent()) {
        throw new IllegalStateException(models + (saved.autoencoder().isPresent() ? " holds" : " lacks")
            + " an autoencoder, but this run's protocol " + (saved.autoencoder().isPresent() ? "has none" : "has one")
            + "; rerun without --resume, or give this run another --out");
      }
      SeedPipeline.EvaluationRollouts rollouts = new SeedPipeline(config).rollouts(seed, saved);
      return new SeedRun(result, saved, rollouts.truth(), rollouts.baseline().rollout(),
          rollouts.concernet().rollout());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume seed " + seed + " from " + record + " and " + models + ": "
          + e.getMessage(), e);
    }
  }
}
