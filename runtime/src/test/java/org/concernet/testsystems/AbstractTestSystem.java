/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testsystems;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.concernet.nn.Activation;
import org.concernet.protocol.Protocol;
import org.concernet.system.SystemSpec;

/** Shared plumbing of the hand-written test systems: no parameters, a protocol, a graph form. */
abstract class AbstractTestSystem implements SystemSpec {
  private final String name;
  private final List<String> stateNames;
  private final List<String> invariantNames;
  private final Protocol protocol;

  AbstractTestSystem(String name, List<String> stateNames, List<String> invariantNames, Protocol protocol) {
    this.name = name;
    this.stateNames = List.copyOf(stateNames);
    this.invariantNames = List.copyOf(invariantNames);
    this.protocol = protocol;
  }

  /** A protocol with the paper's data settings and small learning settings. */
  static Protocol protocol(int trajectories, int points, double endTime, double horizon) {
    return new Protocol(trajectories, points, 0.0, endTime, 0.01, 10, 1001, horizon, 500, 1,
        List.of(100, 100), Activation.TANH, 1000, 10, 1000, 100, Protocol.DEFAULT_LEARNING_RATE,
        Protocol.DEFAULT_SCHEDULE, 0.0, 1.0, 0, Optional.empty());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return stateNames.size();
  }

  @Override
  public List<String> stateNames() {
    return stateNames;
  }

  @Override
  public List<String> invariantNames() {
    return invariantNames;
  }

  @Override
  public Map<String, Double> parameters() {
    return Map.of();
  }

  @Override
  public SystemSpec withParameters(Map<String, Double> overrides) {
    if (!overrides.isEmpty()) {
      throw new IllegalArgumentException(name + " has no parameter " + overrides.keySet().iterator().next());
    }
    return this;
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public Optional<String> graphFormUnavailableReason() {
    return Optional.empty();
  }
}
