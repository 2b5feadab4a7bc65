/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rule of package-info: simulate uses only data, system, nn and protocol of this project. */
class SimulateDependenciesTest {
  private static final List<String> ALLOWED = List.of("simulate", "data", "system", "nn", "protocol");
  private static final Pattern REFERENCE = Pattern.compile("org\\.concernet\\.([a-z]+)\\b");

  @Test
  void usesOnlyAllowedPackages() throws IOException {
    Path folder = Path.of("src/main/java/org/concernet/simulate");
    List<Path> sources;
    try (Stream<Path> files = Files.list(folder)) {
      sources = files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList();
    }
    assertWithMessage("sources in %s", folder.toAbsolutePath()).that(sources).isNotEmpty();
    for (Path source : sources) {
      Matcher m = REFERENCE.matcher(Files.readString(source));
      while (m.find()) {
        assertWithMessage("%s refers to org.concernet.%s", source.getFileName(), m.group(1))
            .that(ALLOWED).contains(m.group(1));
      }
    }
  }
}
