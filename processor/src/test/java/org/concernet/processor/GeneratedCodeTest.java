/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.concernet.processor.ValidationTest.compile;
import static org.concernet.processor.ValidationTest.system;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden generated sources for the examples, the graph translation and its notes. */
class GeneratedCodeTest {
  /** The examples module's classes are the one source of truth for the example systems. */
  private static final Path EXAMPLES = Path.of("..", "examples", "src", "main", "java", "org", "concernet", "examples");

  private static JavaFileObject example(String name) throws IOException {
    return JavaFileObjects.forSourceString("org.concernet.examples." + name,
        Files.readString(EXAMPLES.resolve(name + ".java")));
  }

  private static JavaFileObject golden(String name) {
    return JavaFileObjects.forResource("golden/" + name + ".java");
  }

  @ParameterizedTest
  @ValueSource(strings = {"SpringMass", "Kepler"})
  void examplesMatchTheirGoldens(String name) throws IOException {
    Compilation compilation = compile(example(name));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("org.concernet.examples." + name + "System")
        .hasSourceEquivalentTo(golden(name + "System"));
  }

  @Test
  void experimentMatchesItsGolden() throws IOException {
    assertThat(compile(example("Kepler"))).generatedSourceFile("org.concernet.examples.KeplerExperiment")
        .hasSourceEquivalentTo(golden("KeplerExperiment"));
  }

  @Test
  void allExamplesTranslateWithoutNotes() throws IOException {
    Compilation compilation = compile(example("SpringMass"), example("ChemicalKinetics"), example("Kepler"),
        example("HeatEquation"), example("LongRod"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.notes().stream().filter(n -> n.getMessage(null).contains("Concernet")).toList()).isEmpty();
  }

  @Test
  void enumSettingsAreWrittenWithTheirImportAndOnlyWhenChanged() throws IOException {
    Compilation compilation = compile(system("(name = \"Foo\","
        + " standardise = org.concernet.protocol.Standardise.ON, activation = org.concernet.nn.Activation.RELU)",
        ValidationTest.valid("  @Invariant double energy() { return q * q + p * p; }")));
    assertThat(compilation).succeededWithoutWarnings();
    String generated = compilation.generatedSourceFile("test.FooSystem").orElseThrow().getCharContent(true).toString();
    assertThat(generated).contains("import org.concernet.protocol.Standardise;");
    assertThat(generated).contains("import org.concernet.nn.Activation;");
    assertThat(generated).contains("return Protocol.builder()\n          .standardise(Standardise.ON)\n"
        + "          .activation(Activation.RELU)\n          .build();");
    String defaults = compile(system("(name = \"Foo\", standardise = org.concernet.protocol.Standardise.AUTO)",
        ValidationTest.valid("  @Invariant double energy() { return q * q + p * p; }")))
        .generatedSourceFile("test.FooSystem").orElseThrow().getCharContent(true).toString();
    assertThat(defaults).doesNotContain(".standardise(");
  }

  @Test
  void generationIsDeterministic() throws IOException {
    String first = compile(example("Kepler")).generatedSourceFile("org.concernet.examples.KeplerSystem")
        .orElseThrow().getCharContent(true).toString();
    String second = compile(example("Kepler")).generatedSourceFile("org.concernet.examples.KeplerSystem")
        .orElseThrow().getCharContent(true).toString();
    assertThat(first).isEqualTo(second);
    assertThat(first).contains("@Generated(\"org.concernet.processor.DynamicalSystemProcessor\")");
  }

  @Test
  void untranslatableBodyIsANoteAndAJavaFallback() {
    JavaFileObject source = system("",
        "  @State double q;",
        "  @State double p;",
        "  @Derivative(\"q\") double dq() {",
        "    if (q > 0) {",
        "      return p;",
        "    }",
        "    return -p;",
        "  }",
        "  @Derivative(\"p\") double dp() { return -q; }");
    Compilation compilation = compile(source);
    long line = lineOf(source, "if (q > 0)");
    assertThat(compilation).succeeded();
    assertThat(compilation).hadNoteContaining("[Concernet/NoGraphForm] dq(): the comparison `q > 0`")
        .inFile(source).onLineContaining("double dq()");
    assertThat(compilation).hadNoteContaining("at line " + line + " is outside the translatable subset; FooSystem will generate data in Java instead");
    assertThat(compilation).generatedSourceFile("test.FooSystem").contentsAsUtf8String()
        .contains("return Optional.of(GRAPH_FORM_UNAVAILABLE)");
    assertThat(compilation).generatedSourceFile("test.FooSystem").contentsAsUtf8String()
        .contains("dq(): the comparison `q > 0` (a condition that depends on a double state or parameter) at line " + line);
  }

  /** The 1-based number of the line containing {@code text}, so no test hard-codes a line number. */
  private static long lineOf(JavaFileObject source, String text) {
    try {
      java.util.List<String> lines = source.getCharContent(true).toString().lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no line contains " + text);
  }

  @Test
  void unseenCallsFieldWritesAndObjectsAreNotes() {
    for (String body : new String[] {"return Math.floor(q);", "q = 1; return q;", "return new Double(q);",
        "return helper();", "return recursive(3);"}) {
      JavaFileObject source = system("",
          "  @State double q;",
          "  @Derivative(\"q\") double dq() { " + body + " }",
          "  double helper() { return java.util.List.of(q).get(0); }",
          "  double recursive(int n) { return n == 0 ? q : recursive(n - 1); }");
      Compilation compilation = compile(source);
      assertThat(compilation).succeeded();
      assertThat(compilation).hadNoteContaining("[Concernet/NoGraphForm] dq(): ").inFile(source).onLineContaining("double dq()");
    }
  }

  @Test
  void integerDivisionStaysIntegerDivision() {
    JavaFileObject source = system("",
        "  static final int TWO = 2;",
        "  @State double q;",
        "  @Derivative(\"q\") double dq() { return 1 / TWO * q + 0.5 * (3 / 2); }");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.FooSystem").contentsAsUtf8String()
        .contains("return g.add(g.mul(g.constant(1 / 2), q), g.constant(0.5 * (3 / 2)));");
  }

  @Test
  void loopsWithSeveralCountersAndNestedNegation() {
    JavaFileObject source = system("",
        "  @State(size = 3) double[] u;",
        "  @Derivative(\"u\") double[] du() {",
        "    double[] d = new double[3];",
        "    for (int i = 0, j = 2, k; i < 3; i++, j--) {",
        "      k = - -i;",
        "      d[i] = u[j] * k;",
        "    }",
        "    return d;",
        "  }");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.FooSystem").contentsAsUtf8String()
        .contains("for (int i = 0, j = 2, k; i < 3; i++, j--) {");
  }

  @Test
  void staticallyImportedMathTranslates() {
    JavaFileObject source = com.google.testing.compile.JavaFileObjects.forSourceLines("test.Foo",
        "package test;",
        "import static java.lang.Math.*;",
        "import org.concernet.annotations.*;",
        "@DynamicalSystem",
        "public final class Foo {",
        "  @State double q;",
        "  @Derivative(\"q\") double dq() { return sin(q) * PI; }",
        "}");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.FooSystem").contentsAsUtf8String()
        .contains("return g.mul(g.sin(q), g.constant(Math.PI));");
  }

  @Test
  void graphMathNameAvoidsUserNames() {
    JavaFileObject source = system("",
        "  @Parameter double g = 9.81;",
        "  @State double theta;",
        "  @State double omega;",
        "  @Derivative(\"theta\") double dtheta() { return omega; }",
        "  @Derivative(\"omega\") double domega() { return -g * Math.sin(theta); }");
    Compilation compilation = compile(source);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.FooSystem").contentsAsUtf8String()
        .contains("return math.mul(math.neg(g), math.sin(theta));");
  }
}
