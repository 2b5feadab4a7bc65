/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one task sends back to the driver: its seed's result (as the JSON the seed's record holds)
 * and the files of its models, or the error that stopped it; and what it printed.
 *
 * @param combination the combination's index in the sweep
 * @param seed the seed
 * @param attempt Spark's attempt number (0 for the first)
 * @param where the executor and host that ran it
 * @param seconds the task's wall time
 * @param resultJson the seed's result, or null when the task failed
 * @param models the models folder's files by relative path ('/'-separated), empty when the task failed
 * @param error the error, or null
 * @param log what the seed printed (progress, per-seed figures, warnings)
 */
record TaskOutcome(int combination, long seed, int attempt, String where, double seconds, String resultJson,
    TreeMap<String, byte[]> models, String error, String log) implements Serializable {
  private static final long serialVersionUID = 1L;

  boolean failed() {
    return error != null;
  }

  /** Total bytes of the models. */
  long bytes() {
    return models.values().stream().mapToLong(b -> b.length).sum();
  }

  Map<String, byte[]> files() {
    return models;
  }
}
