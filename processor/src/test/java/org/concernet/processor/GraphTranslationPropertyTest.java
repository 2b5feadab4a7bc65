/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.concernet.processor.ValidationTest.compile;
import static org.concernet.processor.ValidationTest.system;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.concernet.nn.Tensors;
import org.concernet.system.SystemSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * Random expressions from the translation subset (states, a parameter, literals, + − * /, unary
 * minus, {@code Math} functions, helper calls, int subexpressions with integer division) as the
 * bodies of two {@code @Derivative}s and an {@code @Invariant}: the processor either translates them
 * and the graph form equals the Java form on random states to a relative 1e-9, or (only when the
 * expression uses a construct outside the subset) reports a {@code [Concernet/NoGraphForm]} note.
 * Never an internal error.
 */
class GraphTranslationPropertyTest {
  private static final String[] UNARY = {"sin", "cos", "tanh", "atan", "exp", "abs", "sqrt", "log", "cbrt",
      "sinh", "expm1", "log1p", "signum"};
  private static final String[] BINARY = {"atan2", "hypot", "max", "min", "pow"};

  /** Evaluation of a generated expression in Java, tracking the largest intermediate magnitude. */
  private static final class Env {
    final double q;
    final double p;
    final double k;
    double largest;

    Env(double q, double p, double k) {
      this.q = q;
      this.p = p;
      this.k = k;
    }

    double seen(double v) {
      if (!Double.isNaN(v)) {
        largest = Math.max(largest, Math.abs(v));
      }
      return v;
    }
  }

  /** A double-valued expression: its Java source, its value, and whether it leaves the subset. */
  private interface D {
    String java();

    double eval(Env env);

    boolean outside();
  }

  /** An int-valued expression (no state in it), evaluated while the graph is built. */
  private interface I {
    String java();

    int eval();
  }

  private record Var(String name) implements D {
    public String java() {
      return name;
    }

    public double eval(Env e) {
      return e.seen(switch (name) { case "q" -> e.q; case "p" -> e.p; default -> e.k; });
    }

    public boolean outside() {
      return false;
    }
  }

  private record Lit(double value) implements D {
    public String java() {
      return Double.toString(value);
    }

    public double eval(Env e) {
      return e.seen(value);
    }

    public boolean outside() {
      return false;
    }
  }

  private record FromInt(I value) implements D {
    public String java() {
      return value instanceof ILit ? value.java() : "(" + value.java() + ")";
    }

    public double eval(Env e) {
      return e.seen(value.eval());
    }

    public boolean outside() {
      return false;
    }
  }

  private record Neg(D a) implements D {
    public String java() {
      return a instanceof Var ? "-" + a.java() : "-(" + a.java() + ")";
    }

    public double eval(Env e) {
      return e.seen(-a.eval(e));
    }

    public boolean outside() {
      return a.outside();
    }
  }

  private record Bin(char op, D a, D b) implements D {
    public String java() {
      return "(" + a.java() + " " + op + " " + b.java() + ")";
    }

    public double eval(Env e) {
      double x = a.eval(e);
      double y = b.eval(e);
      return e.seen(switch (op) { case '+' -> x + y; case '-' -> x - y; case '*' -> x * y; default -> x / y; });
    }

    public boolean outside() {
      return a.outside() || b.outside();
    }
  }

  /** {@code op} is a Math function, or "sq"/"floor" (a helper, and a function outside the subset). */
  private record Call(String fn, List<D> args, I intArg) implements D {
    public String java() {
      String inner = args.stream().map(D::java).collect(Collectors.joining(", "));
      return switch (fn) {
        case "r" -> "r()";
        case "sq" -> "sq(" + inner + ")";
        case "scale" -> "scale(" + inner + ", " + intArg.java() + ")";
        default -> "Math." + fn + "(" + inner + ")";
      };
    }

    public double eval(Env e) {
      double x = args.isEmpty() ? 0 : args.get(0).eval(e);
      double y = args.size() > 1 ? args.get(1).eval(e) : 0;
      return e.seen(switch (fn) {
        case "r" -> Math.sqrt(e.seen(e.seen(e.q * e.q) + e.seen(e.p * e.p)) + 1);
        case "sq" -> x * x;
        case "scale" -> x * intArg.eval() / 2;
        case "sin" -> Math.sin(x);
        case "cos" -> Math.cos(x);
        case "tanh" -> Math.tanh(x);
        case "atan" -> Math.atan(x);
        case "exp" -> Math.exp(x);
        case "abs" -> Math.abs(x);
        case "sqrt" -> Math.sqrt(x);
        case "log" -> Math.log(x);
        case "cbrt" -> Math.cbrt(x);
        case "sinh" -> Math.sinh(x);
        case "expm1" -> Math.expm1(x);
        case "log1p" -> Math.log1p(x);
        case "signum" -> Math.signum(x);
        case "floor" -> Math.floor(x);
        case "atan2" -> Math.atan2(x, y);
        case "hypot" -> Math.hypot(x, y);
        case "max" -> Math.max(x, y);
        case "min" -> Math.min(x, y);
        case "pow" -> Math.pow(x, y);
        default -> throw new AssertionError(fn);
      });
    }

    public boolean outside() {
      return fn.equals("floor") || args.stream().anyMatch(D::outside);
    }
  }

  private record ILit(int value) implements I {
    public String java() {
      return Integer.toString(value);
    }

    public int eval() {
      return value;
    }
  }

  private record IConst() implements I {
    public String java() {
      return "N";
    }

    public int eval() {
      return 3;
    }
  }

  private record INeg(I a) implements I {
    public String java() {
      return a instanceof ILit || a instanceof IConst ? "-" + a.java() : "-(" + a.java() + ")";
    }

    public int eval() {
      return -a.eval();
    }
  }

  private record ITwice(I a) implements I {
    public String java() {
      return "twice(" + a.java() + ")";
    }

    public int eval() {
      return 2 * a.eval();
    }
  }

  private record IBin(char op, I a, I b) implements I {
    public String java() {
      return "(" + a.java() + " " + op + " " + b.java() + ")";
    }

    public int eval() {
      int x = a.eval();
      int y = b.eval();
      return switch (op) { case '+' -> x + y; case '-' -> x - y; case '*' -> x * y; default -> x / y; };
    }
  }

  /** Builds random expressions from one seed, so a failing case is reproduced by its seed. */
  private static final class Generator {
    private final SplittableRandom rng;

    Generator(long seed) {
      rng = new SplittableRandom(seed);
    }

    D dbl(int depth) {
      int choice = depth <= 0 ? rng.nextInt(4) : rng.nextInt(16);
      return switch (choice) {
        case 0, 1 -> new Var(rng.nextBoolean() ? "q" : rng.nextInt(3) == 0 ? "k" : "p");
        case 2 -> new Lit(new double[] {0.5, 1.5, 2.0, 3.0, 0.25, 10.0, 1e-3}[rng.nextInt(7)]);
        case 3 -> depth <= 0 ? new Var("q") : new FromInt(integer(depth - 1));
        case 4 -> new Neg(dbl(depth - 1));
        case 5, 6, 7, 8 -> new Bin("+-*/".charAt(rng.nextInt(4)), dbl(depth - 1), dbl(depth - 1));
        case 9, 10 -> new Call(UNARY[rng.nextInt(UNARY.length)], List.of(dbl(depth - 1)), null);
        case 11 -> new Call(BINARY[rng.nextInt(BINARY.length)], List.of(dbl(depth - 1), dbl(depth - 1)), null);
        case 12 -> new Call("sq", List.of(dbl(depth - 1)), null);
        case 13 -> new Call("scale", List.of(dbl(depth - 1)), integer(depth - 1));
        case 14 -> new Call("r", List.of(), null);
        default -> rng.nextInt(4) == 0 ? new Call("floor", List.of(dbl(depth - 1)), null) : new Var("p");
      };
    }

    I integer(int depth) {
      int choice = depth <= 0 ? rng.nextInt(2) : rng.nextInt(7);
      return switch (choice) {
        case 0 -> new ILit(1 + rng.nextInt(7));
        case 1 -> new IConst();
        case 2 -> new ITwice(integer(depth - 1));
        case 3 -> new IBin('/', integer(depth - 1), new ILit(1 + rng.nextInt(4)));
        case 4 -> new INeg(integer(depth - 1));
        default -> new IBin("+-*".charAt(rng.nextInt(3)), integer(depth - 1), integer(depth - 1));
      };
    }
  }

  /** One generated system: the bodies of dq(), dp() and an invariant c(). */
  record Case(long seed, D dq, D dp, D c) {
    boolean outside() {
      return dq.outside() || dp.outside() || c.outside();
    }

    @Override
    public String toString() {
      return "seed " + seed + ": dq = " + dq.java() + "; dp = " + dp.java() + "; c = " + c.java();
    }
  }

  @Provide
  Arbitrary<Case> systems() {
    return Arbitraries.longs().map(seed -> {
      Generator g = new Generator(seed);
      return new Case(seed, g.dbl(3), g.dbl(3), g.dbl(3));
    });
  }

  // a fixed seed keeps the build reproducible; change it (or drop it) locally to explore further
  @Property(tries = 30, seed = "20260728", shrinking = ShrinkingMode.OFF)
  void graphFormEqualsJavaFormOrIsANote(@ForAll("systems") Case system) throws Exception {
    JavaFileObject source = system("",
        "  static final int N = 3;",
        "  @State double q;",
        "  @State double p;",
        "  @Parameter double k = 1.3;",
        "  double r() { return Math.sqrt(q * q + p * p + 1); }",
        "  double sq(double a) { return a * a; }",
        "  int twice(int n) { return 2 * n; }",
        "  double scale(double a, int n) { return a * n / 2; }",
        "  @Derivative(\"q\") double dq() { return " + system.dq().java() + "; }",
        "  @Derivative(\"p\") double dp() { return " + system.dp().java() + "; }",
        "  @Invariant double c() { return " + system.c().java() + "; }");
    Compilation compilation = compile(source);
    String diagnostics = compilation.diagnostics().stream().map(d -> d.getMessage(Locale.ROOT))
        .collect(Collectors.joining("\n"));
    assertWithMessage("%s\n%s", system, diagnostics).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    assertWithMessage("%s", system).that(diagnostics).doesNotContain("[Concernet/Internal]");
    boolean note = compilation.diagnostics().stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.NOTE
        && d.getMessage(Locale.ROOT).contains("[Concernet/NoGraphForm]"));
    assertWithMessage("a NoGraphForm note exactly when the body leaves the subset: %s\n%s", system, diagnostics)
        .that(note).isEqualTo(system.outside());

    SystemSpec spec = (SystemSpec) new GeneratedClasses(compilation).loadClass("test.FooSystem")
        .getDeclaredConstructor().newInstance();
    assertWithMessage("%s", system).that(spec.hasGraphForm()).isEqualTo(!note);
    SplittableRandom rng = new SplittableRandom(system.seed());
    double[][] states = new double[8][];
    for (int b = 0; b < states.length; b++) {
      states[b] = new double[] {rng.nextDouble(-2, 2), rng.nextDouble(-2, 2)};
    }
    // the test's own evaluation agrees with the compiled Java exactly (it sizes the tolerance below)
    double[][] java = new double[states.length][];
    double[][] scale = new double[states.length][3];
    for (int b = 0; b < states.length; b++) {
      double[] f = spec.derivative(states[b]);
      double[] c = spec.invariants(states[b]);
      java[b] = new double[] {f[0], f[1], c[0]};
      D[] bodies = {system.dq(), system.dp(), system.c()};
      for (int j = 0; j < 3; j++) {
        Env env = new Env(states[b][0], states[b][1], 1.3);
        double mine = bodies[j].eval(env);
        assertWithMessage("%s at %s, output %s", system, List.of(states[b][0], states[b][1]), j)
            .that(Double.compare(mine, java[b][j]) == 0 || mine == java[b][j]).isTrue();
        scale[b][j] = Math.max(Math.abs(mine), env.largest);
      }
    }
    if (note) {
      return;
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> x = tf.constant(states);
      try (Result r = s.runner().fetch(spec.derivative(tf, x)).fetch(spec.invariants(tf, x)).run()) {
        double[] f = Tensors.toDoubles(r.get(0));
        double[] c = Tensors.toDoubles(r.get(1));
        for (int b = 0; b < states.length; b++) {
          double[] graph = {f[2 * b], f[2 * b + 1], c[b]};
          for (int j = 0; j < 3; j++) {
            String where = system + " at " + List.of(states[b][0], states[b][1]) + ", output " + j
                + ": graph " + graph[j] + ", Java " + java[b][j];
            if (!Double.isFinite(java[b][j])) {
              assertWithMessage("%s", where).that(Double.isFinite(graph[j])).isFalse();
            } else {
              assertWithMessage("%s", where).that(Math.abs(graph[j] - java[b][j]))
                  .isAtMost(1e-9 * scale[b][j]);
            }
          }
        }
      }
    }
  }

  @net.jqwik.api.Example
  void overloadedHelpersKeepTheirOwnBodiesInTheGraph() throws Exception {
    JavaFileObject source = system("",
        "  @State double q;",
        "  @State double p;",
        "  double h(double a) { return a * 2; }",
        "  double h(int n) { return n * q; }",
        "  @Derivative(\"q\") double dq() { return h(q) + h(3); }",
        "  @Derivative(\"p\") double dp() { return h(p) - h(7 / 2); }",
        "  @Invariant double c() { return h(h(q)); }");
    Compilation compilation = compile(source);
    assertWithMessage("%s", compilation.diagnostics()).that(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    SystemSpec spec = (SystemSpec) new GeneratedClasses(compilation).loadClass("test.FooSystem")
        .getDeclaredConstructor().newInstance();
    double[][] states = {{0.3, -1.2}, {1.7, 0.4}};
    double[] expected = {0.3 * 2 + 3 * 0.3, -1.2 * 2 - 3 * 0.3, 0.3 * 4, 1.7 * 2 + 3 * 1.7, 0.4 * 2 - 3 * 1.7, 1.7 * 4};
    for (int b = 0; b < 2; b++) {
      double[] f = spec.derivative(states[b]);
      assertWithMessage("Java form").that(new double[] {f[0], f[1], spec.invariants(states[b])[0]})
          .usingTolerance(1e-12).containsExactly(expected[3 * b], expected[3 * b + 1], expected[3 * b + 2]).inOrder();
    }
    if (!spec.hasGraphForm()) {
      assertWithMessage("%s", compilation.diagnostics()).that(spec.graphFormUnavailableReason().orElseThrow())
          .contains("h(");
      return;
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> x = tf.constant(states);
      try (Result r = s.runner().fetch(spec.derivative(tf, x)).fetch(spec.invariants(tf, x)).run()) {
        double[] f = Tensors.toDoubles(r.get(0));
        double[] c = Tensors.toDoubles(r.get(1));
        assertWithMessage("graph form").that(new double[] {f[0], f[1], c[0], f[2], f[3], c[1]})
            .usingTolerance(1e-12).containsExactly(expected).inOrder();
      }
    }
  }

  /** Defines the classes a compilation wrote (the user's class and the generated ones). */
  static final class GeneratedClasses extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    GeneratedClasses(Compilation compilation) {
      super(GraphTranslationPropertyTest.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        String path = file.toUri().getPath();
        String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(),
            path.length() - ".class".length()).replace('/', '.');
        try (InputStream in = file.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name + " (generated: " + new ArrayList<>(classes.keySet()) + ")");
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
