/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.concernet.processor.SystemModel.SettingValue;
import org.concernet.processor.SystemModel.State;

/**
 * Writes {@code FooSystem} for a {@code @Measured} class {@code Foo}: a subclass of the runtime's
 * {@code MeasuredSystem} holding the state names, the protocol (the measured defaults, then the
 * attributes given) and how the file is read. No equations exist, so nothing is translated.
 */
final class MeasuredSystemGenerator {
  private final SystemModel model;

  MeasuredSystemGenerator(SystemModel model) {
    this.model = model;
  }

  JavaFile generate() {
    SystemModel.Measured measured = model.measured().orElseThrow();
    CodeBlock reading = CodeBlock.of("new $T.Reading($S, $L, $S, $S, $S)", RuntimeNames.MEASURED_SYSTEM,
        measured.data(), strings(measured.columns()), measured.time(), measured.trial(), measured.energyForm());
    CodeBlock.Builder protocol = CodeBlock.builder().add("$T.defaults()$>", RuntimeNames.MEASURED_SYSTEM);
    for (SettingValue setting : model.protocol().settings()) {
      protocol.add("\n.$N($L)", setting.name(), setting.value());
    }
    protocol.add("\n.build()$<");
    TypeSpec type = TypeSpec.classBuilder(model.systemClass())
        .addOriginatingElement(model.element())
        .addAnnotation(SystemGenerator.generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(RuntimeNames.MEASURED_SYSTEM)
        .addJavadoc("The measured system {@link $T}, generated from its annotations: its state columns, how its\n"
            + "file is read, and its protocol. It has no equations; its experiment learns from the file.\n",
            model.userClass())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addStatement("super($S,\n$L,\n$L,\n$L)", model.name(),
                strings(model.states().stream().map(State::name).toList()), protocol.build(), reading)
            .build())
        .build();
    return JavaFile.builder(model.systemClass().packageName(), type).skipJavaLangImports(true).indent("  ").build();
  }

  private static CodeBlock strings(List<String> values) {
    return CodeBlock.of("$T.of($L)", List.class,
        CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", "));
  }
}
