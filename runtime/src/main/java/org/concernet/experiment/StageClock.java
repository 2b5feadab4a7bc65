/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A seed's stopwatch: seconds per stage ({@code timings} in results.json) and, beside them, rates
 * and peak resident memory per stage ({@code rates}), in the order the stages ran.
 */
final class StageClock {
  private final long created = System.nanoTime();
  private final Map<String, Double> timings = new LinkedHashMap<>();
  private final Map<String, Double> rates = new LinkedHashMap<>();
  private String stage;
  private long started;

  /** Starts timing {@code name}, and measuring its peak memory. */
  void start(String name) {
    stage = name;
    MemoryProbe.resetPeak();
    started = System.nanoTime();
  }

  /** Stops the stage that runs, recording its seconds and peak resident memory. */
  void stop() {
    timings.put(stage, (System.nanoTime() - started) / 1e9);
    long peak = MemoryProbe.peakResidentBytes();
    if (peak > 0) {
      rates.put("peakMemoryMB." + stage, peak / 1048576.0);
    }
  }

  /** Records a rate or another measured figure of the seed. */
  void rate(String name, double value) {
    rates.put(name, value);
  }

  Map<String, Double> rates() {
    return rates;
  }

  /** The stages' seconds, closed by {@code total}: the seconds since this clock was made. */
  Map<String, Double> total() {
    timings.put("total", (System.nanoTime() - created) / 1e9);
    return timings;
  }
}
