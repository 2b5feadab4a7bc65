/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The report takes finished numbers and never reaches back into the pipeline (see the package's
 * documentation): its sources name no class of experiment, cli, contrastive, dynamics or latent.
 */
class ReportDependenciesTest {
  private static final Path SOURCES = Path.of("src/main/java/org/concernet/report");
  private static final Pattern CONCERNET_NAME = Pattern.compile("org\\.concernet\\.([a-z]+)");
  private static final List<String> ALLOWED = List.of("report", "results", "eval", "data", "training");
  private static final List<String> ALLOWED_TRAINING = List.of("AtomicFiles", "ProgressListener");

  @Test
  void reportNamesOnlyResultsEvalDataAndTwoTrainingTypes() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertWithMessage("report sources under %s", SOURCES.toAbsolutePath()).that(files).isNotEmpty();
    for (Path file : files) {
      String source = Files.readString(file);
      Matcher m = CONCERNET_NAME.matcher(source);
      while (m.find()) {
        assertWithMessage("%s names org.concernet.%s", file.getFileName(), m.group(1))
            .that(ALLOWED).contains(m.group(1));
      }
      Matcher training = Pattern.compile("org\\.concernet\\.training\\.(\\w+)").matcher(source);
      while (training.find()) {
        assertWithMessage("%s names org.concernet.training.%s", file.getFileName(), training.group(1))
            .that(ALLOWED_TRAINING).contains(training.group(1));
      }
    }
  }
}
