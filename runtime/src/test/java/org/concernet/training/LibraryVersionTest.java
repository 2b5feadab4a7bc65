/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class LibraryVersionTest {
  @Test
  void runsFromClassesKnowTheVersionMavenBuilt() {
    // surefire runs the tests from target/classes, where no jar manifest exists
    assertThat(LibraryVersion.get()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }
}
