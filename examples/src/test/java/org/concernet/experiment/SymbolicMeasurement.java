/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.concernet.data.Trajectories;
import org.concernet.eval.Metrics;
import org.concernet.eval.RSquared;
import org.concernet.nn.Device;
import org.concernet.protocol.Protocol;
import org.concernet.results.SymbolicInvariant;
import org.concernet.symbolic.SparseInvariantFit;
import org.concernet.symbolic.SymbolicReadout;
import org.concernet.symbolic.Term;
import org.concernet.symbolic.TermLibrary;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a unit test (skipped unless asked for): the symbolic read-out of the very H a
 * run's seed learns (same data, autoencoder and contrastive streams as {@link SeedPipeline}),
 * without the dynamics models and rollouts, which the read-out does not use. Prints one line per
 * seed and output and saves each seed's models for later read-outs.
 *
 * <pre>
 * mvn -B -o test -pl examples -am -Dtest=SymbolicMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dconcernet.test.argLine="-Xss4m -Dsymbolic.systems=org.concernet.examples.SpringMassSystem -Dsymbolic.seeds=5 \
 *   -Dsymbolic.out=/tmp/symbolic/m"
 * </pre>
 *
 * With {@code -Dsymbolic.heldOutTrajectories=N} it samples the read-out's states from the first N
 * held-out trajectories instead of all (the heat equation's 500 take minutes to integrate).
 * With {@code -Dsymbolic.latent=M} H has M outputs (Kepler with 2: energy and angular momentum).
 * With {@code -Dsymbolic.declared=1/r} the library also holds the declared term 1/r of the first two
 * states, through the API ({@link TermLibrary.Options#withDeclared}).
 * With {@code -Dsymbolic.models=DIR} it reads out the models saved under {@code DIR/<system>/seed-N}
 * instead of training. With {@code -Dsymbolic.noPolish=true} the coefficients stay H's (no refinement
 * on the training derivatives); with {@code -Dsymbolic.formulaModel=true} it also rolls out ConCerNet
 * and the formula model on the seed's evaluation trajectories and prints their MSE and violations.
 */
class SymbolicMeasurement {
  @Test
  void measure() throws Exception {
    String systems = System.getProperty("symbolic.systems");
    Assumptions.assumeTrue(systems != null, "a measurement: run with -Dsymbolic.systems=<system classes>");
    int seeds = Integer.getInteger("symbolic.seeds", 5);
    Path out = Path.of(System.getProperty("symbolic.out", "target/symbolic"));
    String saved = System.getProperty("symbolic.models");
    Files.createDirectories(out);
    List<Term> declared = declaredTerms(System.getProperty("symbolic.declared"));
    for (String className : systems.split(",")) {
      SystemSpec system = (SystemSpec) Class.forName(className).getConstructor().newInstance();
      Protocol.Builder builder = system.protocol().toBuilder().dynamicsEpochs(1);
      Integer latent = Integer.getInteger("symbolic.latent");
      if (latent != null) {
        builder.latent(latent);
      }
      Protocol protocol = builder.build();
      List<Long> list = new ArrayList<>();
      for (long s = 0; s < seeds; s++) {
        list.add(s);
      }
      SeedPipeline pipeline = new SeedPipeline(new ExperimentConfig(system, protocol, null, list, false, null, out,
          Device.CPU, 1));
      for (long seed : list) {
        Path folder = Path.of(saved == null ? out.toString() : saved, system.name(), "seed-" + seed);
        long t0 = System.nanoTime();
        TrainedModels models;
        if (saved == null) {
          Trajectories data = pipeline.trainingData(seed);
          models = pipeline.train(data, seed, SeedPipeline.Training.QUIET, new StageClock());
          models.save(folder);
        } else {
          models = TrainedModels.load(folder);
        }
        double train = (System.nanoTime() - t0) / 1e9;
        Integer few = Integer.getInteger("symbolic.heldOutTrajectories");
        Trajectories fresh = few == null ? pipeline.heldOut(seed) : org.concernet.simulate.TrajectoryGenerator.reference()
            .generate(system, few, protocol.trainingTimes(), Seeds.derive(seed, "r2"));
        long t1 = System.nanoTime();
        Trajectories training = Boolean.getBoolean("symbolic.noPolish") ? null : pipeline.trainingData(seed);
        Map<String, SymbolicInvariant> formulas = declared == null ? pipeline.readOut(models, fresh, training)
            : new SymbolicReadout(TermLibrary.Options.DEFAULT.withDeclared(declared), SparseInvariantFit.Options.DEFAULT,
                SymbolicReadout.defaults().maxPoints()).withFlowData(training).read(models::invariant, models::invariantGradient, fresh,
                system.invariantNames(), system::invariants);
        double read = (System.nanoTime() - t1) / 1e9;
        String r2 = "";
        if (!system.invariantNames().isEmpty()) {
          RSquared.Sample sample = RSquared.sample(models::invariant, fresh, system::invariants);
          StringBuilder b = new StringBuilder();
          for (int k = 0; k < sample.cubic().length; k++) {
            b.append(String.format(Locale.ROOT, " %s %.5f", system.invariantNames().get(k), sample.cubic()[k]));
          }
          r2 = " | H's cubic R²:" + b;
        }
        for (SymbolicInvariant f : formulas.values()) {
          String line = String.format(Locale.ROOT, "%s seed %d: %s | %s | misalignment %.3e | train %.1f s, read-out"
              + " %.1f s%s", system.name(), seed, f.found() ? f.formula() : f.formula(), f.summary()
              .substring(f.summary().lastIndexOf('[') + 1).replace("]", ""), f.misalignment(), train, read, r2);
          System.out.println(line);
          append(out.resolve("symbolic.txt"), line);
        }
        append(out.resolve("library.txt"), system.name() + ": " + formulas.values().iterator().next().library());
        if (Boolean.getBoolean("symbolic.formulaModel") && FormulaModel.unavailable(models, formulas).isEmpty()) {
          SeedPipeline.EvaluationRollouts rollouts = pipeline.rollouts(seed, models);
          Metrics concernet = Metrics.of(system, rollouts.truth(), rollouts.concernet().rollout());
          Metrics formula = Metrics.of(system, rollouts.truth(), FormulaModel.rollout(models,
              FormulaModel.formulas(system, formulas), rollouts.truth(), rollouts.concernet().substeps()));
          String models2 = String.format(Locale.ROOT, "%s seed %d: MSE ConCerNet %.4e formula %.4e | violation"
              + " ConCerNet %s formula %s", system.name(), seed, concernet.mse(), formula.mse(), concernet.violation(),
              formula.violation());
          System.out.println(models2);
          append(out.resolve("models.txt"), models2);
        }
      }
    }
  }

  /**
   * The declared candidate terms named in {@code -Dsymbolic.declared} (comma-separated), as a user
   * would declare them through {@link TermLibrary.Options#withDeclared}: {@code 1/r} is 1/√(s₀² + s₁²)
   * of the first two states (Kepler's position); null when none are named.
   */
  private static List<Term> declaredTerms(String names) {
    if (names == null || names.isBlank()) {
      return null;
    }
    List<Term> terms = new ArrayList<>();
    for (String name : names.split(",")) {
      switch (name.trim()) {
        case "1/r" -> terms.add(Term.declared("1/r", x -> 1 / Math.hypot(x[0], x[1])));
        default -> throw new IllegalArgumentException("-Dsymbolic.declared: unknown term '" + name + "' (known: 1/r)");
      }
    }
    return terms;
  }

  private static void append(Path file, String line) throws IOException {
    Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
