/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.concernet.processor.ValidationTest.compile;
import static org.concernet.processor.ValidationTest.system;
import static org.concernet.processor.ValidationTest.type;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Measured}: states-only declarations, their generated sources and their errors (#19 item 1). */
class MeasuredDeclarationTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "java", "org", "concernet", "examples");

  private static JavaFileObject realPendulum() throws IOException {
    return JavaFileObjects.forSourceString("org.concernet.examples.RealPendulum",
        Files.readString(EXAMPLES.resolve("RealPendulum.java")));
  }

  /** {@code test.Foo} declared {@code @Measured} with the given attributes and members. */
  private static JavaFileObject measured(String attributes, String... members) {
    return type("Foo", "@DynamicalSystem\n@Measured" + attributes + "\npublic final class Foo {", members);
  }

  private static void assertError(JavaFileObject source, String code, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Concernet/" + code + "]").inFile(source).onLineContaining(line);
  }

  @Test
  void realPendulumMatchesItsGoldens() throws IOException {
    Compilation compilation = compile(realPendulum());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("org.concernet.examples.RealPendulumSystem")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/RealPendulumSystem.java"));
    assertThat(compilation).generatedSourceFile("org.concernet.examples.RealPendulumExperiment")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("golden/RealPendulumExperiment.java"));
  }

  @Test
  void statesOnlyCompileWithoutAFile() {
    assertThat(compile(measured("", "  @State double x;", "  @State double v;"))).succeededWithoutWarnings();
  }

  @Test
  void missingDerivativeSuggestsMeasured() {
    JavaFileObject source = system("", "  @State double theta;");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Concernet/MissingDerivative] @State theta has no @Derivative; add a"
        + " method like @Derivative(\"theta\") double dTheta() { ... }, or, for a system known only from measurements,"
        + " annotate Foo with @Measured").inFile(source).onLineContaining("@State double theta;");
  }

  @Test
  void measuredEquations() {
    JavaFileObject source = measured("", "  @State double x;", "  @Parameter double k = 1;",
        "  @Derivative(\"x\") double dx() { return -x; }", "  @Invariant double e() { return x * x; }");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Concernet/MeasuredEquations] @Measured Foo declares @Derivative method"
        + " dx(); a measured system has states only").inFile(source).onLineContaining("double dx()");
    assertThat(compilation).hadErrorContaining("[Concernet/MeasuredEquations] @Measured Foo declares @Invariant method"
        + " e()").inFile(source).onLineContaining("double e()");
    assertThat(compilation).hadErrorContaining("[Concernet/MeasuredEquations] @Measured Foo declares @Parameter field k")
        .inFile(source).onLineContaining("double k = 1;");
  }

  @Test
  void measuredState() {
    assertError(measured("", "  @State(size = 3) double[] u;"), "MeasuredState", "double[] u;");
  }

  @Test
  void measuredEnergyForm() {
    JavaFileObject source = measured("(energyForm = \"kepler\")", "  @State double x;", "  @State double v;");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Concernet/MeasuredEnergyForm] @Measured(energyForm = \"kepler\") on Foo"
        + " names no energy form; write \"pendulum\"").inFile(source).onLineContaining("energyForm = \"kepler\"");
  }

  @Test
  void measuredOutsideASystem() {
    JavaFileObject source = type("Foo", "@Measured\npublic final class Foo {", "  double x;");
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Concernet/OutsideSystem] @Measured on Foo is outside a @DynamicalSystem"
        + " class").inFile(source).onLineContaining("public final class Foo");
  }
}
