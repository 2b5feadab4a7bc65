/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.concernet.examples.SpringMassSystem;
import org.concernet.experiment.ExperimentConfig;
import org.concernet.nn.Device;
import org.concernet.protocol.Preset;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Setting;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;

/** What a task carries to an executor rebuilds the driver's system and protocol exactly. */
class SeedTaskTest {
  @Test
  void aSerializedTaskRebuildsTheSystemWithItsParametersAndTheProtocolOfItsCombination() throws Exception {
    SystemSpec system = new SpringMassSystem();
    Protocol protocol = Setting.NOISE.with(Preset.PAPER.apply(system.name(), system.protocol()), "0.123456789");
    protocol = Setting.HIDDEN.with(protocol, "7,9,11");
    ExperimentConfig config = new ExperimentConfig(system, protocol, Preset.PAPER, List.of(3L, 4L), true, null,
        Path.of("out"), Device.CPU, 1);
    SeedTask task = SeedTask.of(1, "{noise=0.123456789} seed 4", config, 4, 2);

    SeedTask received = roundTrip(task);
    assertThat(received).isEqualTo(task);
    SystemSpec rebuilt = received.system();
    assertThat(rebuilt).isInstanceOf(SpringMassSystem.class);
    assertThat(received.protocol(rebuilt)).isEqualTo(protocol);
    assertThat(received.preset()).isEqualTo("PAPER");
    assertThat(received.float64()).isTrue();
    assertThat(received.seed()).isEqualTo(4);
  }

  @Test
  void aSystemClassMissingOnTheExecutorNamesTheJarToGive() {
    SeedTask task = new SeedTask(0, "{noise=0} seed 0", 0, "org.example.PendulumSystem", Map.of(), Map.of(), null,
        false, null, "CPU", 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, task::system);
    assertThat(e).hasMessageThat().isEqualTo("the system class org.example.PendulumSystem is not on this JVM's class"
        + " path: give Spark the jar that holds it (spark-submit --jars, or submit the application's own jar)");
  }

  @Test
  void aSystemClassWithoutAPublicNoArgumentConstructorIsRefusedOnTheDriver() {
    SystemSpec spring = new SpringMassSystem();
    ExperimentConfig config = new ExperimentConfig(new Unbuildable(spring), spring.protocol(), null, List.of(0L), false,
        null, Path.of("out"), Device.CPU, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SeedTask.of(0, "", config, 0, 1));
    assertThat(e).hasMessageThat().isEqualTo("the system class " + Unbuildable.class.getName() + " needs a public"
        + " no-argument constructor to be rebuilt on Spark's executors (generated …System classes have one)");
  }

  private static SeedTask roundTrip(SeedTask task) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(task);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (SeedTask) in.readObject();
    }
  }

  /** A system built by hand around another, with no public no-argument constructor. */
  static final class Unbuildable implements SystemSpec {
    private final SystemSpec inner;

    Unbuildable(SystemSpec inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public List<String> stateNames() {
      return inner.stateNames();
    }

    @Override
    public List<String> invariantNames() {
      return inner.invariantNames();
    }

    @Override
    public Map<String, Double> parameters() {
      return inner.parameters();
    }

    @Override
    public SystemSpec withParameters(Map<String, Double> overrides) {
      return new Unbuildable(inner.withParameters(overrides));
    }

    @Override
    public Protocol protocol() {
      return inner.protocol();
    }

    @Override
    public double[] derivative(double[] x) {
      return inner.derivative(x);
    }

    @Override
    public double[] invariants(double[] x) {
      return inner.invariants(x);
    }

    @Override
    public double[] sampleInitialState(java.util.random.RandomGenerator rng) {
      return inner.sampleInitialState(rng);
    }

    @Override
    public java.util.Optional<String> graphFormUnavailableReason() {
      return inner.graphFormUnavailableReason();
    }

    @Override
    public <T extends org.tensorflow.types.family.TNumber> org.tensorflow.Operand<T> derivative(
        org.tensorflow.op.Ops tf, org.tensorflow.Operand<T> x) {
      return inner.derivative(tf, x);
    }

    @Override
    public <T extends org.tensorflow.types.family.TNumber> org.tensorflow.Operand<T> invariants(
        org.tensorflow.op.Ops tf, org.tensorflow.Operand<T> x) {
      return inner.invariants(tf, x);
    }
  }
}
