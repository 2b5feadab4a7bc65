/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.concernet.protocol.Dissipation;
import org.concernet.protocol.Protocol;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * A system known only from measurements: state names and a protocol, no equations and no known
 * invariants ({@link #hasEquations()} is false). Its experiment reads a measured file, learns H and
 * both dynamics models from the first part of each series and compares their rollouts with the
 * rest ({@code org.concernet.experiment.MeasuredExperiment}). What generated code of a {@code
 * @Measured} class extends, and what {@code MeasuredCommand} builds from
 * {@code --states}.
 *
 * <p>Everything that needs equations (the field, sampling initial states, the graph form) throws
 * an {@link UnsupportedOperationException} that says the system is measured.
 */
public class MeasuredSystem implements SystemSpec {
  private final String name;
  private final List<String> stateNames;
  private final Protocol protocol;
  private final Reading reading;

  /** Points per training window unless set: about 5.3 s (0.9 period) of the real pendulum, 1.1 s (0.4 period) of the real spring. */
  public static final int DEFAULT_WINDOW = 32;

  /**
   * Contrastive epochs unless set: 1000, not the 3000 of systems with equations, which were
   * measured on generated data; on the real pendulum 3000 left ConCerNet's held-out MSE where it
   * was (2.080e-2 against 2.087e-2) and made the dissipative model's 9% worse (docs/measured.md).
   */
  public static final int DEFAULT_CONTRASTIVE_EPOCHS = 1000;

  /**
   * The protocol defaults of a measured system: every setting's default (the derivative-alignment
   * refinement included, on the smoothing differentiator's derivatives: on the real spring it
   * raises H's R² against the energy form from 0.981 to 0.995 and lowers ConCerNet's held-out MSE
   * on every seed), windows of {@value #DEFAULT_WINDOW} points, {@value #DEFAULT_CONTRASTIVE_EPOCHS}
   * contrastive epochs, and the third, dissipative model
   * ({@code dissipation = rate}): real systems lose energy, and on the real pendulum it follows
   * the loss that ConCerNet cannot (held-out MSE 1.17e-2 against ConCerNet's 2.09e-2, 5 seeds), at
   * no change to the other two models (docs/measured.md).
   */
  public static Protocol.Builder defaults() {
    return Protocol.builder().points(DEFAULT_WINDOW).contrastiveEpochs(DEFAULT_CONTRASTIVE_EPOCHS)
        .dissipation(Dissipation.RATE);
  }

  /**
   * How the experiment reads the system's file and what it checks H against.
   *
   * @param data the file read when no {@code --data} is given; empty for none
   * @param columns names for all the file's columns, replacing its header; empty to use the header
   * @param time the name of the time column
   * @param trial the name of the trial column (splitting the file into series); empty for none,
   *     when the file is one series unless it has a column named {@code trial}
   * @param energyForm "pendulum" or "spring": the physical energy H is compared with
   *     ({@code org.concernet.eval.EnergyForm}); empty for none
   */
  public record Reading(String data, List<String> columns, String time, String trial, String energyForm) {
    public Reading {
      data = data == null ? "" : data;
      columns = columns == null ? List.of() : List.copyOf(columns);
      time = time == null || time.isBlank() ? "time" : time;
      trial = trial == null ? "" : trial;
      energyForm = energyForm == null ? "" : energyForm;
    }

    /** No default file, the file's own header, columns "time" and (if present) "trial", no energy form. */
    public static Reading defaults() {
      return new Reading("", List.of(), "time", "", "");
    }
  }

  /**
   * A measured system.
   *
   * @param name the name in results and reports
   * @param stateNames the state columns of its files, in state order (at least one, distinct)
   * @param protocol its protocol: {@code points} is the length of the training windows
   * @param reading how its file is read
   * @throws IllegalArgumentException for no states, a blank or repeated state name
   */
  public MeasuredSystem(String name, List<String> stateNames, Protocol protocol, Reading reading) {
    this.name = name;
    this.stateNames = List.copyOf(stateNames);
    this.protocol = protocol;
    this.reading = reading == null ? Reading.defaults() : reading;
    if (this.stateNames.isEmpty()) {
      throw new IllegalArgumentException(name + ": a measured system needs at least one state column");
    }
    for (int k = 0; k < this.stateNames.size(); k++) {
      String s = this.stateNames.get(k);
      if (s.isBlank()) {
        throw new IllegalArgumentException(name + ": state " + (k + 1) + " has a blank name");
      }
      if (this.stateNames.indexOf(s) != k) {
        throw new IllegalArgumentException(name + ": state '" + s + "' is named twice in " + this.stateNames);
      }
    }
  }

  /** How the experiment reads the system's file. */
  public Reading reading() {
    return reading;
  }

  @Override
  public final boolean hasEquations() {
    return false;
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
    return List.of();
  }

  @Override
  public Map<String, Double> parameters() {
    return new LinkedHashMap<>();
  }

  @Override
  public SystemSpec withParameters(Map<String, Double> overrides) {
    if (!overrides.isEmpty()) {
      throw new IllegalArgumentException(name + " is measured and has no parameters; cannot set "
          + overrides.keySet());
    }
    return this;
  }

  @Override
  public Protocol protocol() {
    return protocol;
  }

  @Override
  public double[] derivative(double[] x) {
    throw noEquations("its field");
  }

  @Override
  public double[] invariants(double[] x) {
    return new double[0];
  }

  @Override
  public double[] sampleInitialState(RandomGenerator rng) {
    throw noEquations("initial states to generate data from");
  }

  @Override
  public Optional<String> graphFormUnavailableReason() {
    return Optional.of(name + " is measured: it declares no equations");
  }

  @Override
  public <T extends TNumber> Operand<T> derivative(Ops tf, Operand<T> x) {
    throw noEquations("its field");
  }

  @Override
  public <T extends TNumber> Operand<T> invariants(Ops tf, Operand<T> x) {
    throw noEquations("invariants");
  }

  private UnsupportedOperationException noEquations(String what) {
    return new UnsupportedOperationException(name + " is measured (states " + stateNames
        + " only, no equations): it has no " + what + "; its experiment learns from a measured file");
  }

  @Override
  public String toString() {
    return "MeasuredSystem[" + name + ", states " + stateNames + "]";
  }
}
