/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.io;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @Test
  void writesTheContentAndLeavesNoTemporaryFile(@TempDir Path folder) throws Exception {
    Path target = folder.resolve("results.json");
    AtomicFiles.write(target, "{}");
    AtomicFiles.write(target, "{\"a\": 1}");
    assertThat(Files.readString(target)).isEqualTo("{\"a\": 1}");
    try (var entries = Files.list(folder)) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList()).containsExactly("results.json");
    }
  }

  @Test
  void aWrittenFileHasThePermissionsOfAnyOtherNewFile(@TempDir Path folder) throws Exception {
    Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createFile(folder.resolve("plain")));
    Path target = folder.resolve("results.csv");
    AtomicFiles.write(target, "a,b\n");
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(usual);
  }

  @Test
  void aTemporaryFolderHasThePermissionsOfAnyOtherNewFolder(@TempDir Path folder) throws Exception {
    Set<PosixFilePermission> usual = Files.getPosixFilePermissions(Files.createDirectory(folder.resolve("plain")));
    Path temporary = AtomicFiles.temporarySibling(folder.resolve("models"), true);
    assertThat(Files.isDirectory(temporary)).isTrue();
    assertThat(temporary.getFileName().toString()).startsWith(".models.tmp-");
    assertThat(Files.getPosixFilePermissions(temporary)).isEqualTo(usual);
    assertThat(AtomicFiles.temporarySibling(folder.resolve("models"), true)).isNotEqualTo(temporary);
  }
}
