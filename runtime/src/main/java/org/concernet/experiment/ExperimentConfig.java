/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.nio.file.Path;
import java.util.List;
import org.concernet.nn.Device;
import org.concernet.protocol.Preset;
import org.concernet.protocol.Protocol;
import org.concernet.system.SystemSpec;

/**
 * Everything one experiment run uses.
 *
 * @param system the system, with any parameter overrides applied
 * @param protocol the protocol actually used (declared, preset, then explicit options)
 * @param preset the preset named on the command line, or null for the system's own protocol
 * @param seeds the seeds, one independent run each
 * @param float64 whether networks train in float64 (else float32)
 * @param data measured training trajectories (.csv or .npz), or null to generate them
 * @param out output folder
 * @param device the device sessions run on
 * @param threads threads per session
 * @param jobs seeds trained at once, each on its own thread (results do not depend on it)
 */
public record ExperimentConfig(
    SystemSpec system,
    Protocol protocol,
    Preset preset,
    List<Long> seeds,
    boolean float64,
    Path data,
    Path out,
    Device device,
    int threads,
    int jobs) {
  public ExperimentConfig {
    seeds = List.copyOf(seeds);
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs (seeds trained at once) must be at least 1, was " + jobs);
    }
  }

  /** A configuration that trains one seed at a time. */
  public ExperimentConfig(SystemSpec system, Protocol protocol, Preset preset, List<Long> seeds, boolean float64,
      Path data, Path out, Device device, int threads) {
    this(system, protocol, preset, seeds, float64, data, out, device, threads, 1);
  }

  /**
   * Seeds at once for a command line's {@code --jobs}: {@code requested}, or for 0 the machine's
   * processors divided by the {@code threads} of each session; never more than {@code seeds}, at
   * least 1.
   */
  public static int jobs(int requested, int threads, int seeds) {
    int wanted = requested > 0 ? requested : Runtime.getRuntime().availableProcessors() / Math.max(1, threads);
    return Math.max(1, Math.min(wanted, seeds));
  }

  /** This configuration with {@code count} seeds trained at once. */
  public ExperimentConfig withJobs(int count) {
    return new ExperimentConfig(system, protocol, preset, seeds, float64, data, out, device, threads, count);
  }
}
