/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.examples;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.concernet.cli.ExperimentCommand;
import org.concernet.protocol.Protocol;
import org.concernet.system.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet in README.md and docs/ compiles, with the annotation processor, as a user
 * would paste it, and runs at small sizes: a declared system through its generated experiment's
 * command line, a code fragment in a method beside the system declared before it in the same
 * page. A block preceded by {@code <!-- excerpt -->} (an excerpt of generated code) is skipped.
 */
class DocumentationSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern BLOCK = Pattern.compile("(<!-- excerpt -->\\s*\\n\\s*)?```java\\n(.*?)```",
      Pattern.DOTALL);
  private static final Pattern CLASS = Pattern.compile("public (?:final )?class (\\w+)");
  private static final String IMPORTS = String.join("\n", "import java.util.random.RandomGenerator;",
      "import org.concernet.annotations.*;", "import org.concernet.data.Rollout;",
      "import org.concernet.experiment.Experiment;", "import org.concernet.experiment.TrainedModels;",
      "import org.concernet.protocol.Protocol;", "import static org.concernet.testing.ConcernetTruth.assertThat;", "");
  private static final String[] TINY = {"--seeds", "1", "--trajectories", "50", "--points", "20",
      "--contrastive-epochs", "3", "--dynamics-epochs", "3", "--r2-trajectories", "6",
      "--evaluation-trajectories", "2", "--evaluation-points", "21", "--device", "cpu"};

  record Snippet(Path page, int index, String code) {
    String where() {
      return page.getFileName() + ", Java block " + index;
    }
  }

  static List<Snippet> snippets() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<Snippet> out = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = BLOCK.matcher(Files.readString(page));
      int index = 0;
      while (m.find()) {
        index++;
        if (m.group(1) == null) {
          out.add(new Snippet(page, index, m.group(2).stripIndent()));
        }
      }
    }
    return out;
  }

  @Test
  void theDocumentationHasSnippetsToCheck() throws IOException {
    assertThat(snippets().stream().map(Snippet::where).toList()).containsAtLeast("README.md, Java block 1",
        "README.md, Java block 3", "design.md, Java block 1");
  }

  @Test
  void everySnippetCompilesAndRuns(@TempDir Path tmp) throws Exception {
    int n = 0;
    Path lastSources = null;
    String lastSystem = null;
    for (Snippet snippet : snippets()) {
      n++;
      String pkg = "snippet" + n;
      Path sources = tmp.resolve("src" + n);
      Path classes = tmp.resolve("classes" + n);
      Files.createDirectories(sources.resolve(pkg));
      Files.createDirectories(classes);
      Matcher declared = CLASS.matcher(snippet.code());
      if (snippet.code().contains("@DynamicalSystem") && declared.find()) {
        String name = declared.group(1);
        Files.writeString(sources.resolve(pkg).resolve(name + ".java"),
            "package " + pkg + ";\n" + IMPORTS + snippet.code());
        compile(snippet, sources, classes);
        SystemSpec system = (SystemSpec) load(classes, pkg + "." + name + "System").getConstructor().newInstance();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(TINY));
        args.addAll(List.of("--out", tmp.resolve("out" + n).toString()));
        int status = ExperimentCommand.run(system, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertWithMessage("%s ran: %s", snippet.where(), err.toString(StandardCharsets.UTF_8)).that(status)
            .isEqualTo(0);
        assertThat(Files.exists(tmp.resolve("out" + n).resolve("results.json"))).isTrue();
        // data a run cannot learn from (a missing @InitialState sampler) is a documentation bug too
        assertWithMessage("%s ran: %s", snippet.where(), out.toString(StandardCharsets.UTF_8))
            .that(out.toString(StandardCharsets.UTF_8)).doesNotContain("warning: the training derivatives span");
        lastSources = sources.resolve(pkg);
        lastSystem = pkg + "." + name;
      } else {
        assertWithMessage("%s is a fragment with no system declared before it on its page", snippet.where())
            .that(lastSystem).isNotNull();
        // the fragment runs in a method beside the system declared before it, at small sizes
        String systemPackage = lastSystem.substring(0, lastSystem.lastIndexOf('.'));
        String code = snippet.code().replace("kepler.protocol()", "Fragment.small(kepler.protocol())");
        String fragment = "package " + systemPackage + ";\n" + IMPORTS + "public class Fragment {\n"
            + "  static Protocol small(Protocol p) {\n"
            + "    return p.toBuilder().trajectories(8).contrastiveEpochs(20).dynamicsEpochs(20).build();\n  }\n"
            + "  public static void run(double[] x0, double[] times) {\n" + code + "\n  }\n}\n";
        Files.writeString(lastSources.resolve("Fragment.java"), fragment);
        Path fragmentClasses = tmp.resolve("fragment" + n);
        Files.createDirectories(fragmentClasses);
        compile(snippet, lastSources.getParent(), fragmentClasses);
        Method run = load(fragmentClasses, systemPackage + ".Fragment").getMethod("run", double[].class,
            double[].class);
        run.invoke(null, new double[] {0.5, 0.0, 0.0, Math.sqrt(1.1 / 0.5)}, Protocol.linspace(0, 1, 11));
      }
    }
    assertThat(n).isAtLeast(3);
  }

  /** groupId:artifactId:scope of every dependency in {@code xml}. */
  private static List<String> dependencies(String xml) {
    List<String> out = new ArrayList<>();
    Matcher d = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(xml);
    while (d.find()) {
      out.add(tag(d.group(1), "groupId") + ":" + tag(d.group(1), "artifactId") + ":"
          + (tag(d.group(1), "scope").isEmpty() ? "compile" : tag(d.group(1), "scope")));
    }
    return out;
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void theConsumerProjectDependsOnConcernetAsTheReadmeSays() throws IOException {
    StringBuilder readmeXml = new StringBuilder();
    Matcher m = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("README.md")));
    while (m.find()) {
      readmeXml.append(m.group(1));
    }
    List<String> readme = dependencies(readmeXml.toString());
    assertThat(readme).containsAtLeast("org.concernet:concernet-runtime:compile",
        "org.concernet:concernet-processor:provided", "com.google.truth:truth:test");
    // src/it/pendulum is the fresh consumer project `mvn verify` builds against the installed artifacts
    assertThat(dependencies(Files.readString(ROOT.resolve("src/it/pendulum/pom.xml")))).containsAtLeastElementsIn(readme);
  }

  private static void compile(Snippet snippet, Path sources, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        System.getProperty("java.class.path"), "-s", classes.toString(), "--release", "17"));
    args.addAll(files);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    int status = javac.run(null, log, log, args.toArray(String[]::new));
    assertWithMessage("%s compiles:\n%s", snippet.where(), log.toString(StandardCharsets.UTF_8)).that(status)
        .isEqualTo(0);
  }

  private static Class<?> load(Path classes, String name) throws Exception {
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        DocumentationSnippetsTest.class.getClassLoader());
    return loader.loadClass(name);
  }
}
