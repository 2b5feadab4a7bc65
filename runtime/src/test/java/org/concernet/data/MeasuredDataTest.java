/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.concernet.experiment.MeasuredData;
import org.concernet.testsystems.SpringMass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MeasuredData} as a user calls it, from another package. */
class MeasuredDataTest {
  @Test
  void aMissingFileIsNamedWithTheReason(@TempDir Path folder) {
    Path missing = folder.resolve("trajectories.csv");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> MeasuredData.read(missing, new SpringMass()));
    assertThat(e).hasMessageThat().isEqualTo("cannot read " + missing + ": no such file (" + missing.toAbsolutePath()
        + ")");
  }
}
