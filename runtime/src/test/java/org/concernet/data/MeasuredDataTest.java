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

  /**
   * A CSV of states only (q = sin t, p = cos t, as SpringMass's q' = 2p would not need): the
   * derivatives are estimated trajectory by trajectory, close to the true ones, and said so.
   */
  @Test
  void aFileWithoutDerivativesGetsThemEstimated(@TempDir Path folder) throws Exception {
    StringBuilder csv = new StringBuilder("trajectory,time,q,p\n");
    for (int i = 0; i < 3; i++) {
      for (int t = 0; t < 40; t++) {
        double time = 0.05 * t;
        csv.append(i).append(',').append(time).append(',').append(Math.sin(time + i)).append(',')
            .append(Math.cos(time + i)).append('\n');
      }
    }
    Path file = folder.resolve("states.csv");
    java.nio.file.Files.writeString(file, csv);
    MeasuredData.Read read = MeasuredData.readWithSource(file, new SpringMass());
    assertThat(read.derivatives()).startsWith("estimated from the states: Savitzky–Golay(window ");
    Trajectories data = read.data();
    assertThat(data.hasDerivatives()).isTrue();
    for (int i = 0; i < 3; i++) {
      for (int t = 0; t < 40; t++) {
        double time = data.time(i, t);
        assertThat(data.derivative(i, t)[0]).isWithin(1e-2).of(Math.cos(time + i));
        assertThat(data.derivative(i, t)[1]).isWithin(1e-2).of(-Math.sin(time + i));
      }
    }
  }

  @Test
  void derivativesInTheFileAreKept(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("with.csv");
    java.nio.file.Files.writeString(file, "trajectory,time,q,p,q_dot,p_dot\n0,0,1,0,0.5,-2\n0,0.1,1,0.2,0.4,-2\n"
        + "1,0,0,1,2,0\n1,0.1,0.2,1,2,-0.4\n");
    MeasuredData.Read read = MeasuredData.readWithSource(file, new SpringMass());
    assertThat(read.derivatives()).isEqualTo("from the file");
    assertThat(read.data().derivative(0, 0)).isEqualTo(new double[] {0.5, -2});
  }

  @Test
  void trajectoriesTooShortToEstimateDerivativesAreAnError(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("short.csv");
    java.nio.file.Files.writeString(file, "trajectory,time,q,p\n0,0,1,0\n0,0.1,1,0.2\n1,0,0,1\n1,0.1,0.2,1\n");
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> MeasuredData.read(file, new SpringMass()));
    assertThat(e).hasMessageThat().startsWith(file + ": has no derivative columns and its trajectories are too short"
        + " to estimate them (cannot choose a Savitzky–Golay window: a degree-2 fit needs at least 5 points");
  }
}
