/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.concernet.processor.ValidationTest.compile;
import static org.concernet.processor.ValidationTest.system;

import com.google.testing.compile.Compilation;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Classes the processor meets half-written or outside its subset: missing types, recursive, generic
 * and overloaded helpers. None may crash the processor (no exception out of {@code process()}, no
 * {@code [Concernet/Internal]} error); every diagnostic has a position in the user's file, and the
 * processor's own diagnostics sit on the line that holds the problem.
 */
class MalformedClassTest {
  static Stream<Arguments> classes() {
    return Stream.of(
        // missing types: javac's own errors, and the processor must not stumble over the error types
        Arguments.of("a state of a missing type", Diagnostic.Kind.ERROR, "Missing q;", new String[] {
            "  @State Missing q;",
            "  @State double p;",
            "  @Derivative(\"p\") double dp() { return -p; }"}),
        Arguments.of("a helper returning a missing type", Diagnostic.Kind.ERROR, "Vector helper()", new String[] {
            "  @State double q;",
            "  Vector helper() { return null; }",
            "  @Derivative(\"q\") double dq() { return helper().x; }"}),
        Arguments.of("a derivative returning a missing type", Diagnostic.Kind.ERROR, "Real dq()", new String[] {
            "  @State double q;",
            "  @Derivative(\"q\") Real dq() { return q; }"}),
        Arguments.of("a call into a missing class", Diagnostic.Kind.ERROR, "Nowhere.f(q)", new String[] {
            "  @State double q;",
            "  @Derivative(\"q\") double dq() { return Nowhere.f(q); }"}),
        Arguments.of("a missing parameter type on a helper", Diagnostic.Kind.ERROR, "double h(Thing t)", new String[] {
            "  @State double q;",
            "  double h(Thing t) { return q; }",
            "  @Derivative(\"q\") double dq() { return h(null); }"}),
        // recursion: a note and a Java fallback, never a stack overflow
        Arguments.of("mutually recursive no-arg helpers", Diagnostic.Kind.NOTE, "double dq()", new String[] {
            "  @State double q;",
            "  double a() { return q > 10 ? q : b(); }",
            "  double b() { return a() + 1; }",
            "  @Derivative(\"q\") double dq() { return a(); }"}),
        Arguments.of("a self-recursive helper", Diagnostic.Kind.NOTE, "double dq()", new String[] {
            "  @State double q;",
            "  double deep(int n) { return n == 0 ? q : deep(n - 1) * 0.5; }",
            "  @Derivative(\"q\") double dq() { return deep(3); }"}),
        // generic and overloaded helpers
        Arguments.of("a generic helper", Diagnostic.Kind.NOTE, "double dq()", new String[] {
            "  @State double q;",
            "  <U extends Number> double id(U u) { return u.doubleValue(); }",
            "  @Derivative(\"q\") double dq() { return id(q); }"}),
        Arguments.of("overloaded helpers", null, null, new String[] {
            "  @State double q;",
            "  double h(double a) { return a * 2; }",
            "  double h(int n) { return n * q; }",
            "  @Derivative(\"q\") double dq() { return h(q) + h(3); }"}),
        Arguments.of("a helper with a varargs parameter", Diagnostic.Kind.NOTE, "double dq()", new String[] {
            "  @State double q;",
            "  double sum(double... xs) { double s = 0; for (double x : xs) { s += x; } return s; }",
            "  @Derivative(\"q\") double dq() { return sum(q, q); }"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("classes")
  void malformedClassesGetPositionedDiagnosticsNeverACrash(String name, Diagnostic.Kind kind, String line,
      String[] members) {
    JavaFileObject source = system("", members);
    Compilation compilation = compile(source); // throws if an exception escaped process()
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      String message = d.getMessage(Locale.ROOT);
      assertWithMessage("%s: %s", name, message).that(message).doesNotContain("[Concernet/Internal]");
      assertWithMessage("%s: %s", name, message).that(message).doesNotContain("threw");
      if (d.getKind() == Diagnostic.Kind.ERROR || message.contains("[Concernet/")) {
        assertWithMessage("%s: a position for %s", name, message).that(d.getLineNumber()).isGreaterThan(0L);
      }
    }
    if (kind == Diagnostic.Kind.ERROR) {
      assertThat(compilation).failed();
      assertThat(compilation).hadErrorContaining("").inFile(source).onLineContaining(line);
    } else if (kind == Diagnostic.Kind.NOTE) {
      assertThat(compilation).succeeded();
      assertThat(compilation).hadNoteContaining("[Concernet/NoGraphForm] dq(): ").inFile(source).onLineContaining(line);
    } else {
      assertThat(compilation).succeededWithoutWarnings();
    }
  }
}
