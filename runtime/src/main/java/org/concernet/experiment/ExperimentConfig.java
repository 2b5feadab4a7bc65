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
    int threads) {
  public ExperimentConfig {
    seeds = List.copyOf(seeds);
  }
}
