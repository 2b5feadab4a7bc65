/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import javax.lang.model.element.Modifier;

/** Writes {@code <Name>Experiment}: a main that runs the ConCerNet pipeline for the system. */
final class ExperimentWriter {
  private ExperimentWriter() {}

  static JavaFile write(SystemModel model) {
    ClassName system = ClassName.get(model.packageName(), model.simpleName() + "System");
    TypeSpec type = TypeSpec.classBuilder(model.simpleName() + "Experiment")
        .addOriginatingElement(model.type())
        .addAnnotation(Names.GENERATED_ANNOTATION)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addJavadoc("Runs the ConCerNet pipeline for {@code $L}: training data, contrastive learning of its conserved\n"
            + "quantities, a baseline and a ConCerNet dynamics model, and their evaluation against the truth.\n"
            + "{@code --help} lists the options; results go to {@code target/concernet/$L/} by default.\n",
            model.name(), model.name())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(MethodSpec.methodBuilder("main").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addParameter(String[].class, "args")
            .addStatement("$T.main(new $T(), args)", Names.EXPERIMENT_COMMAND, system)
            .build())
        .build();
    return JavaFile.builder(model.packageName(), type).indent("  ").build();
  }
}
