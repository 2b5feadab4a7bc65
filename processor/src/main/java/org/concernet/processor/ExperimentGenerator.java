/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/** Writes {@code FooExperiment}, the command-line entry point of a system's experiment. */
final class ExperimentGenerator {
  private final SystemModel model;

  ExperimentGenerator(SystemModel model) {
    this.model = model;
  }

  JavaFile generate() {
    TypeSpec type = TypeSpec.classBuilder(model.experimentClass())
        .addOriginatingElement(model.element())
        .addAnnotation(SystemGenerator.generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc(model.measured().isPresent()
            ? "Runs the ConCerNet experiment for the measured system {@link $T}: reads its file, learns its\n"
                + "conserved quantity contrastively and the baseline and projected dynamics from the first 80% of\n"
                + "each series, and compares their rollouts with the rest. Run with {@code --help} for the options\n"
                + "({@code --data}, seeds, epochs, window length {@code --points}, output folder).\n"
            : "Runs the ConCerNet experiment for {@link $T}: generates its trajectories, learns its\n"
                + "conserved quantities contrastively, trains the baseline and the projected dynamics, and\n"
                + "evaluates them against the known invariants. Run with {@code --help} for the options\n"
                + "(seeds, epochs, trajectories, noise, output folder, {@code --preset quick|paper}).\n", model.userClass())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("main")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(String[].class, "args")
            .addStatement("$T.main(new $T(), args)", RuntimeNames.EXPERIMENT_COMMAND, model.systemClass())
            .build())
        .build();
    return JavaFile.builder(model.experimentClass().packageName(), type).skipJavaLangImports(true).indent("  ").build();
  }
}
