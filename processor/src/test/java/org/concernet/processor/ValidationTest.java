/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per validation rule; lines are matched by their text. */
class ValidationTest {
  static final List<String> VALID_BODY = List.of(
      "  @State double q;",
      "  @State double p;",
      "  @Derivative(\"q\") double dq() { return p; }",
      "  @Derivative(\"p\") double dp() { return -q; }");

  /** {@code test.Foo} with the given {@code @DynamicalSystem} attributes and members. */
  static JavaFileObject system(String attributes, String... members) {
    return type("Foo", "@DynamicalSystem" + attributes + "\npublic final class Foo {", members);
  }

  static JavaFileObject type(String name, String header, String... members) {
    List<String> lines = new ArrayList<>(List.of(
        "package test;",
        "",
        "import java.util.random.RandomGenerator;",
        "import org.concernet.annotations.*;",
        ""));
    lines.addAll(List.of(header.split("\n")));
    lines.addAll(List.of(members));
    lines.add("}");
    return JavaFileObjects.forSourceLines("test." + name, lines);
  }

  static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new DynamicalSystemProcessor()).compile(sources);
  }

  static String[] valid(String... extra) {
    List<String> members = new ArrayList<>(VALID_BODY);
    members.addAll(List.of(extra));
    return members.toArray(String[]::new);
  }

  private static void assertError(JavaFileObject source, String code, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Concernet/" + code + "]").inFile(source).onLineContaining(line);
  }

  @Test
  void validSystemCompiles() {
    Compilation compilation = compile(system("", valid("  @Invariant double energy() { return q * q + p * p; }")));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.FooSystem");
    assertThat(compilation).generatedSourceFile("test.FooExperiment");
  }

  @Test
  void stateType() {
    JavaFileObject source = system("", valid("  @State int angle;"));
    assertError(source, "StateType", "int angle;");
    assertThat(compile(source)).hadErrorContaining("declare it as double");
  }

  @Test
  void stateSizeMissing() {
    assertError(system("", valid("  @State double[] u;", "  @Derivative(\"u\") double[] du() { return u; }")),
        "StateSize", "double[] u;");
  }

  @Test
  void stateSizeOnScalar() {
    assertError(system("", "  @State(size = 3) double q;", "  @Derivative(\"q\") double dq() { return q; }"),
        "StateSize", "@State(size = 3) double q;");
  }

  @Test
  void stateRange() {
    assertError(system("", "  @State(min = 1, max = 0) double q;", "  @Derivative(\"q\") double dq() { return q; }"),
        "StateRange", "@State(min = 1, max = 0) double q;");
  }

  @Test
  void missingDerivative() {
    assertError(system("", valid("  @State double r;")), "MissingDerivative", "@State double r;");
  }

  @Test
  void derivativeTarget() {
    assertError(system("", valid("  @Derivative(\"z\") double dz() { return 0; }")), "DerivativeTarget", "double dz()");
    JavaFileObject typo = system("", valid("  @State double theta;", "  @Derivative(\"tehta\") double dtheta() { return 0; }"));
    assertThat(compile(typo)).hadErrorContaining("the states are q, p, theta. Did you mean \"theta\"?")
        .inFile(typo).onLineContaining("double dtheta()");
  }

  @Test
  void duplicateDerivative() {
    assertError(system("", valid("  @Derivative(\"q\") double dq2() { return p; }")), "DuplicateDerivative", "double dq2()");
  }

  @Test
  void methodParameters() {
    assertError(system("", valid("  @Invariant double energy(double t) { return q * q; }")),
        "MethodParameters", "double energy(double t)");
  }

  @Test
  void returnType() {
    assertError(system("", valid("  @Invariant float energy() { return 1f; }")), "ReturnType", "float energy()");
    assertError(system("", "  @State(size = 2) double[] u;", "  @Derivative(\"u\") double du() { return 0; }"),
        "ReturnType", "double du()");
  }

  @Test
  void parameterType() {
    assertError(system("", valid("  @Parameter double k;")), "ParameterType", "@Parameter double k;");
    assertError(system("", valid("  @Parameter final double k = 1;")), "ParameterType", "@Parameter final double k = 1;");
    assertError(system("", valid("  @Parameter int k = 1;")), "ParameterType", "@Parameter int k = 1;");
  }

  @Test
  void systemKind() {
    assertError(type("Foo", "@DynamicalSystem\npublic interface Foo {"), "SystemKind", "public interface Foo");
    assertError(type("Foo", "@DynamicalSystem\npublic abstract class Foo {", valid()), "SystemKind", "public abstract class Foo");
    JavaFileObject inner = type("Outer", "public class Outer {",
        "  @DynamicalSystem class Inner {", "    @State double q;",
        "    @Derivative(\"q\") double dq() { return q; }", "  }");
    assertError(inner, "SystemKind", "@DynamicalSystem class Inner");
  }

  @Test
  void noConstructor() {
    assertError(system("", valid("  Foo(int seed) {}")), "NoConstructor", "public final class Foo");
    assertError(system("", valid("  private Foo() {}")), "NoConstructor", "public final class Foo");
  }

  @Test
  void unreachable() {
    assertError(system("", "  @State private double q;", "  @Derivative(\"q\") double dq() { return q; }"),
        "Unreachable", "@State private double q;");
    assertError(system("", valid("  @Invariant private double energy() { return q; }")),
        "Unreachable", "private double energy()");
    assertError(system("", valid("  @Parameter private double k = 1;")), "Unreachable", "@Parameter private double k = 1;");
    JavaFileObject nested = type("Outer", "public class Outer {",
        "  @DynamicalSystem private static final class Hidden {", "    @State double q;",
        "    @Derivative(\"q\") double dq() { return q; }", "  }");
    assertError(nested, "Unreachable", "private static final class Hidden");
  }

  @Test
  void staticMember() {
    assertError(system("", valid("  @Invariant static double one() { return 1; }")), "StaticMember", "static double one()");
    assertError(system("", valid("  @State static double r;", "  @Derivative(\"r\") double dr() { return 0; }")),
        "StaticMember", "@State static double r;");
  }

  @Test
  void finalState() {
    assertError(system("", valid("  @State final double r = 0;", "  @Derivative(\"r\") double dr() { return 0; }")),
        "FinalState", "@State final double r = 0;");
  }

  @Test
  void noState() {
    assertError(system("", "  double q;"), "NoState", "public final class Foo");
  }

  @Test
  void protocolValues() {
    JavaFileObject source = system("(\n"
        + "    trajectories = 1,\n"
        + "    points = 1,\n"
        + "    startTime = 2.0,\n"
        + "    endTime = 1.0,\n"
        + "    noise = -0.5,\n"
        + "    smoothingWindow = 4,\n"
        + "    evaluationPoints = 0,\n"
        + "    evaluationHorizon = 0,\n"
        + "    latent = -1,\n"
        + "    hidden = {100, 0},\n"
        + "    contrastiveEpochs = -1,\n"
        + "    contrastiveBatch = 1,\n"
        + "    dynamicsBatch = 0,\n"
        + "    shootingSteps = 0,\n"
        + "    shootingSubsteps = 0,\n"
        + "    unprojectedWeight = -1.0,\n"
        + "    learningRate = -1e-3,\n"
        + "    alignmentWeight = -0.5,\n"
        + "    hamiltonianWeight = -1.0,\n"
        + "    alignmentStart = 1.0)", valid());
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    for (String line : List.of("trajectories = 1,", "points = 1,", "endTime = 1.0,", "noise = -0.5,",
        "smoothingWindow = 4,", "evaluationPoints = 0,", "evaluationHorizon = 0,", "latent = -1,", "hidden = {100, 0},",
        "contrastiveEpochs = -1,", "contrastiveBatch = 1,", "dynamicsBatch = 0,", "shootingSteps = 0,",
        "shootingSubsteps = 0,", "unprojectedWeight = -1.0,", "learningRate = -1e-3,",
        "alignmentWeight = -0.5,", "hamiltonianWeight = -1.0,", "alignmentStart = 1.0)")) {
      assertThat(compilation).hadErrorContaining("[Concernet/ProtocolValue]").inFile(source).onLineContaining(line);
    }
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(learningRate = -0.001) is out of range: write a finite rate > 0");
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(alignmentWeight = -0.5) is out of range: write a finite"
        + " weight >= 0 (0: the paper's loss)");
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(alignmentStart = 1.0) is out of range: write a share of"
        + " the contrastive epochs in [0, 1)");
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(shootingSteps = 0) is out of range: a shooting segment"
        + " needs at least 1 observed step");
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(unprojectedWeight = -1.0) is out of range: write a"
        + " finite weight >= 0 (0: the paper's projected loss alone)");
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(smoothingWindow = 4) is out of range: write 0 (chosen"
        + " from the data), 1 (none) or an odd window of 5 to points (1) points");
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(hamiltonianWeight = -1.0) is out of range: write a"
        + " finite weight >= 0 (0: no Hamiltonian ending)");
    assertThat(compilation).hadErrorCount(19);
  }

  private static final String[] ROD = {
      "  @State(size = 3) double[] u;",
      "  @State double q;",
      "  public Rod() { this(3); }",
      "  Rod(int nodes) { u = new double[nodes]; }",
      "  @Derivative(\"u\") double[] du() { return new double[u.length]; }",
      "  @Derivative(\"q\") double dq() { return -q; }",
      "  @Invariant double total() { double s = q; for (double v : u) { s += v; } return s; }"};

  private static JavaFileObject longer(String sizes) {
    return type("Longer", "@DynamicalSystem(stateSizes = " + sizes + ")\npublic final class Longer extends Rod {",
        "  public Longer() { super(5); }");
  }

  @Test
  void stateSizes() {
    JavaFileObject rod = type("Rod", "@DynamicalSystem\npublic class Rod {", ROD);
    JavaFileObject unknown = longer("@StateSize(state = \"v\", size = 5)");
    Compilation compilation = compile(rod, unknown);
    assertThat(compilation).hadErrorContaining("[Concernet/StateSizes] @DynamicalSystem stateSizes names \"v\", which is no"
        + " @State double[] field of Longer or the classes it extends").inFile(unknown).onLineContaining("state = \"v\"");
    JavaFileObject scalar = longer("@StateSize(state = \"q\", size = 5)");
    assertThat(compile(rod, scalar)).hadErrorContaining("stateSizes names \"q\", a scalar @State; only double[] states have a size")
        .inFile(scalar).onLineContaining("state = \"q\"");
    JavaFileObject empty = longer("@StateSize(state = \"u\", size = 0)");
    assertThat(compile(rod, empty)).hadErrorContaining("stateSizes size = 0 for \"u\" is out of range: write at least 1")
        .inFile(empty).onLineContaining("size = 0");
    JavaFileObject twice = longer("{@StateSize(state = \"u\", size = 5), @StateSize(state = \"u\", size = 6)}");
    assertThat(compile(rod, twice)).hadErrorContaining("[Concernet/StateSizes]").inFile(twice).onLineContaining("size = 6");
  }

  @Test
  void hiddenField() {
    JavaFileObject rod = type("Rod", "@DynamicalSystem\npublic class Rod {", ROD);
    JavaFileObject hiding = type("Longer", "@DynamicalSystem\npublic final class Longer extends Rod {",
        "  @State(size = 5) double[] u = new double[5];");
    assertThat(compile(rod, hiding)).hadErrorContaining("[Concernet/HiddenField] field u of Longer hides the annotated"
        + " field of Rod that the inherited methods read").inFile(hiding).onLineContaining("double[] u");
  }

  @Test
  void aSystemExtendingAnotherInheritsItsMembersAndResizesItsArrays() {
    JavaFileObject rod = type("Rod", "@DynamicalSystem\npublic class Rod {", ROD);
    Compilation compilation = compile(rod, longer("@StateSize(state = \"u\", size = 5)"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.LongerSystem").contentsAsUtf8String()
        .contains("StateField.array(\"u\", 5, -1.0, 1.0),\n          StateField.scalar(\"q\", -1.0, 1.0))");
    assertThat(compilation).generatedSourceFile("test.LongerSystem").contentsAsUtf8String()
        .contains("List<Operand<T>> du() {");
    assertThat(compilation).generatedSourceFile("test.RodSystem").contentsAsUtf8String()
        .contains("StateField.array(\"u\", 3, -1.0, 1.0)");
  }

  /** A subclass replaces the sampler it inherits: the override is the one sampler, no duplicate. */
  @Test
  void aSystemExtendingAnotherMayOverrideItsInitialState() {
    String[] withSampler = java.util.Arrays.copyOf(ROD, ROD.length + 1);
    withSampler[ROD.length] = "  @InitialState void sample(java.util.random.RandomGenerator rng) { q = 1; }";
    JavaFileObject rod = type("Rod", "@DynamicalSystem\npublic class Rod {", withSampler);
    JavaFileObject other = type("Other", "@DynamicalSystem\npublic final class Other extends Rod {",
        "  @InitialState @Override void sample(java.util.random.RandomGenerator rng) { q = 2; }");
    Compilation compilation = compile(rod, other);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.OtherSystem").contentsAsUtf8String()
        .contains("sample(");
  }

  @Test
  void autoencoder() {
    assertError(system("(autoencoder = @Autoencoder(latent = 2))", valid()), "Autoencoder", "latent = 2");
    assertError(system("(\n    autoencoder = {@Autoencoder(latent = 1), @Autoencoder(latent = 1)})", valid()),
        "Autoencoder", "autoencoder = {");
    assertError(system("(autoencoder = @Autoencoder(latent = 1,\n    epochs = -3))", valid()), "Autoencoder", "epochs = -3");
  }

  @Test
  void initialStateSignature() {
    assertError(system("", valid("  @InitialState void sample(java.util.Random rng) {}")),
        "InitialStateSignature", "void sample(java.util.Random rng)");
    assertError(system("", valid("  @InitialState double[] start(RandomGenerator rng) { return null; }")),
        "InitialStateSignature", "double[] start(RandomGenerator rng)");
  }

  @Test
  void duplicateInitialState() {
    assertError(system("", valid(
        "  @InitialState void first(RandomGenerator rng) {}",
        "  @InitialState void second(RandomGenerator rng) {}")), "DuplicateInitialState", "void second(");
    assertThat(compile(system("", valid(
        "  @InitialState void first(RandomGenerator rng) {}",
        "  @InitialState void second(RandomGenerator rng) {}")))).hadErrorContaining(
        "@InitialState(evaluation = false) on second(): first() already samples training initial states");
    // one per role is fine
    assertThat(compile(system("", valid(
        "  @InitialState void first(RandomGenerator rng) {}",
        "  @InitialState(evaluation = true) void second(RandomGenerator rng) {}")))).succeeded();
  }

  @Test
  void duplicateInvariant() {
    assertError(system("", valid(
        "  @Invariant double energy() { return q; }",
        "  @Invariant(name = \"energy\") double other() { return p; }")), "DuplicateInvariant", "double other()");
  }

  @Test
  void invariantName() {
    assertError(system("", valid("  @Invariant(name = \"  \") double energy() { return q; }")),
        "InvariantName", "double energy()");
  }

  @Test
  void duplicateCandidateTerm() {
    assertError(system("", valid(
        "  @CandidateTerm double square() { return q * q; }",
        "  @CandidateTerm(name = \"square\") double other() { return p * p; }")),
        "DuplicateCandidateTerm", "double other()");
    // an invariant and a candidate term may share a name: they are different lists
    assertThat(compile(system("", valid(
        "  @Invariant double energy() { return q * q + p * p; }",
        "  @CandidateTerm(name = \"energy\") double term() { return q * q; }")))).succeeded();
  }

  @Test
  void candidateTermName() {
    assertError(system("", valid("  @CandidateTerm(name = \" \") double square() { return q * q; }")),
        "CandidateTermName", "double square()");
  }

  @Test
  void candidateTermSignature() {
    assertError(system("", valid("  @CandidateTerm double square(double s) { return s * s; }")),
        "MethodParameters", "double square(double s)");
    assertError(system("", valid("  @CandidateTerm float square() { return 1f; }")),
        "ReturnType", "float square()");
    assertError(system("", valid("  @CandidateTerm static double one() { return 1; }")),
        "StaticMember", "static double one()");
    assertError(system("", valid("  @CandidateTerm @Invariant double both() { return q; }")),
        "ConflictingRoles", "double both()");
  }

  @Test
  void outsideSystem() {
    JavaFileObject source = type("Plain", "public final class Plain {", "  @State double angle;");
    assertError(source, "OutsideSystem", "@State double angle;");
    assertError(type("Plain", "public final class Plain {", "  @CandidateTerm double one() { return 1; }"),
        "OutsideSystem", "double one()");
  }

  @Test
  void conflictingRoles() {
    assertError(system("", valid("  @State @Parameter double k = 1;")), "ConflictingRoles", "@State @Parameter double k = 1;");
    assertError(system("", valid("  @Invariant @Derivative(\"q\") double both() { return q; }")),
        "ConflictingRoles", "double both()");
  }

  @Test
  void tooFewR2PointsForTheCubicFitOfTheLearnedOutputs() {
    JavaFileObject source = system("(\n"
        + "    points = 4,\n"
        + "    r2Trajectories = 2,\n"
        + "    latent = 2)", valid());
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("@DynamicalSystem(r2Trajectories = 2) is out of range: R² fits a cubic"
        + " in the 2 learned outputs with intercept, which needs at least 11 points (r2Trajectories × points = 8);"
        + " write at least 3").inFile(source).onLineContaining("r2Trajectories = 2,");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void allErrorsOfAClassAreReported() {
    JavaFileObject source = system("(trajectories = 0)",
        "  @State int angle;", "  @State double q;", "  @Invariant double e(int k) { return 0; }");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[Concernet/StateType]").inFile(source).onLineContaining("int angle;");
    assertThat(compilation).hadErrorContaining("[Concernet/MissingDerivative]").inFile(source).onLineContaining("double q;");
    assertThat(compilation).hadErrorContaining("[Concernet/MethodParameters]").inFile(source).onLineContaining("double e(int k)");
    assertThat(compilation).hadErrorContaining("[Concernet/ProtocolValue]").inFile(source).onLineContaining("trajectories = 0");
  }

  @Test
  void errorsInOneClassDoNotStopAnother(@TempDir Path out) throws Exception {
    JavaFileObject broken = system("", "  @State int angle;");
    JavaFileObject good = type("Good", "@DynamicalSystem\npublic final class Good {", valid());
    Compilation compilation = compile(broken, good);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[Concernet/StateType]").inFile(broken).onLineContaining("int angle;");
    // compile-testing hides the generated files of a failed compilation: compile again into a folder
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostic -> { },
        List.of("-d", out.toString(), "-s", out.toString(), "-proc:only"), null, List.of(broken, good));
    task.setProcessors(List.of(new DynamicalSystemProcessor()));
    com.google.common.truth.Truth.assertThat(task.call()).isFalse();
    com.google.common.truth.Truth.assertThat(Files.exists(out.resolve("test/GoodSystem.java"))).isTrue();
    com.google.common.truth.Truth.assertThat(Files.exists(out.resolve("test/GoodExperiment.java"))).isTrue();
    com.google.common.truth.Truth.assertThat(Files.exists(out.resolve("test/FooSystem.java"))).isFalse();
  }
}
