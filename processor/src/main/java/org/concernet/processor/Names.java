/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/** Runtime types the generated code uses, named without depending on the runtime. */
final class Names {
  static final ClassName SYSTEM_SPEC = ClassName.get("org.concernet.system", "SystemSpec");
  static final ClassName PROTOCOL = ClassName.get("org.concernet.system", "Protocol");
  static final ClassName AUTOENCODER_SPEC = PROTOCOL.nestedClass("AutoencoderSpec");
  static final ClassName GRAPH_MATH = ClassName.get("org.concernet.system", "GraphMath");
  static final ClassName ACTIVATION = ClassName.get("org.concernet.annotations", "Activation");
  static final ClassName EXPERIMENT_COMMAND = ClassName.get("org.concernet.experiment", "ExperimentCommand");
  static final ClassName OPERAND = ClassName.get("org.tensorflow", "Operand");
  static final ClassName OPS = ClassName.get("org.tensorflow.op", "Ops");
  static final ClassName TNUMBER = ClassName.get("org.tensorflow.types.family", "TNumber");
  static final ClassName RANDOM_GENERATOR = ClassName.get("java.util.random", "RandomGenerator");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static final AnnotationSpec GENERATED_ANNOTATION = AnnotationSpec.builder(GENERATED)
      .addMember("value", "$S", DynamicalSystemProcessor.class.getName())
      .build();

  private Names() {}

  /** The user's class. */
  static ClassName userClass(SystemModel model) {
    ClassName name = ClassName.get(model.packageName(), model.className().get(0));
    for (int i = 1; i < model.className().size(); i++) {
      name = name.nestedClass(model.className().get(i));
    }
    return name;
  }
}
