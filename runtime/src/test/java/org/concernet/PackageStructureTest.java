/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's package structure, read from its sources: every package has a package-info that
 * says what it must not depend on, that holds, and the packages form no cycle. A dependency is an
 * import or a qualified name in code ({@code org.concernet.x.Y}), not a Javadoc link.
 */
class PackageStructureTest {
  private static final Path SOURCES = Path.of("src/main/java/org/concernet");
  private static final Pattern REFERENCE = Pattern.compile("\\borg\\.concernet\\.([a-z]+)\\.[A-Z]");
  private static final Pattern COMMENTS_AND_STRINGS =
      Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"(?:\\\\.|[^\"\\\\])*\"", Pattern.DOTALL);
  private static final Pattern FORBIDDEN = Pattern.compile("[Mm]ust not depend on:?(.*?)(?:\\.\\s|\\*/)",
      Pattern.DOTALL);
  private static final Pattern CODE_PACKAGE = Pattern.compile("\\{@code\\s+(?:\\*\\s+)?org\\.concernet\\.([a-z]+)}");

  /** Package → the other runtime packages its code uses. */
  static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> folders = Files.list(SOURCES)) {
      for (Path folder : folders.filter(Files::isDirectory).toList()) {
        String pkg = folder.getFileName().toString();
        Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            String code = COMMENTS_AND_STRINGS.matcher(Files.readString(file)).replaceAll(" ");
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
              if (!m.group(1).equals(pkg)) {
                uses.add(m.group(1));
              }
            }
          }
        }
      }
    }
    return graph;
  }

  @Test
  void theSourcesAreWhereTheTestLooks() throws IOException {
    assertThat(dependencies().keySet()).containsAtLeast("contrastive", "dynamics", "experiment", "nn");
  }

  @Test
  void everyPackageHasAPackageInfoThatSaysWhatItMustNotDependOn() throws IOException {
    for (String pkg : dependencies().keySet()) {
      Path info = SOURCES.resolve(pkg).resolve("package-info.java");
      assertWithMessage("package-info of org.concernet." + pkg).that(Files.exists(info)).isTrue();
      assertWithMessage("package-info of org.concernet." + pkg + " names what it must not depend on")
          .that(forbidden(Files.readString(info))).isNotEmpty();
    }
  }

  @Test
  void noPackageDependsOnWhatItsPackageInfoForbids() throws IOException {
    Map<String, Set<String>> graph = dependencies();
    for (Map.Entry<String, Set<String>> e : graph.entrySet()) {
      Path info = SOURCES.resolve(e.getKey()).resolve("package-info.java");
      if (Files.exists(info)) {
        Set<String> used = new TreeSet<>(e.getValue());
        used.retainAll(forbidden(Files.readString(info)));
        assertWithMessage("org.concernet." + e.getKey() + " uses packages its package-info forbids")
            .that(used).isEmpty();
      }
    }
  }

  @Test
  void thePackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> graph = dependencies();
    List<String> cycle = findCycle(graph);
    assertWithMessage("package cycle " + String.join(" → ", cycle)).that(cycle).isEmpty();
  }

  @Test
  void theCycleSearchFindsACycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a"));
    graph.put("d", Set.of("a"));
    assertThat(findCycle(graph)).containsExactly("a", "b", "c", "a").inOrder();
    graph.put("c", Set.of());
    assertThat(findCycle(graph)).isEmpty();
  }

  @Test
  void theForbiddenPackagesAreReadAcrossWrappedLines() {
    String info = "/**\n * Holds things.\n *\n * <p>Must not depend on: {@code org.concernet.data}, {@code\n"
        + " * org.concernet.simulate}, {@code org.concernet.cli}.\n */\npackage org.concernet.x;\n";
    assertThat(forbidden(info)).containsExactly("cli", "data", "simulate");
  }

  /** The packages named as {@code {@code org.concernet.x}} after "must not depend on". */
  private static Set<String> forbidden(String packageInfo) {
    Set<String> out = new TreeSet<>();
    Matcher m = FORBIDDEN.matcher(packageInfo);
    while (m.find()) {
      Matcher p = CODE_PACKAGE.matcher(m.group(1));
      while (p.find()) {
        out.add(p.group(1));
      }
    }
    return out;
  }

  /** One cycle of {@code graph} as the path around it, first node repeated at the end; empty if none. */
  static List<String> findCycle(Map<String, Set<String>> graph) {
    Map<String, Integer> state = new TreeMap<>();
    for (String start : graph.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> cycle = visit(start, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    state.put(node, 1);
    path.add(node);
    for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
      List<String> cycle = visit(next, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
    return List.of();
  }
}
