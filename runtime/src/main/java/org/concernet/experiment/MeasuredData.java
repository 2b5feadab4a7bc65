/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.concernet.data.InvalidDataException;
import org.concernet.data.Trajectories;
import org.concernet.data.TrajectoryIO;
import org.concernet.system.SystemSpec;

/**
 * Training trajectories from a file (.csv or .npz), as {@code --data} reads them: what a user with
 * measured data calls to check a file before an experiment ({@code docs/data-checks.md}).
 */
public final class MeasuredData {
  private MeasuredData() {}

  /**
   * The trajectories of {@code file}, checked for {@code system}: its state names, at least two
   * trajectories of at least two points, and derivative columns.
   *
   * @throws InvalidDataException naming the file, line or array index and value of the first problem
   * @throws UncheckedIOException naming the file and why it cannot be read (e.g. it does not exist)
   */
  public static Trajectories read(Path file, SystemSpec system) {
    Trajectories data;
    try {
      data = TrajectoryIO.read(file, system.stateNames());
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + file + ": no such file (" + file.toAbsolutePath() + ")", e);
    } catch (AccessDeniedException e) {
      throw new UncheckedIOException("cannot read " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (data.count() < 2) {
      throw new InvalidDataException(file + ": holds " + data.count() + " trajectory; contrastive learning"
          + " compares trajectories with each other and needs at least 2");
    }
    if (data.length() < 2) {
      throw new InvalidDataException(file + ": its trajectories have " + data.length() + " point each; contrastive"
          + " learning compares points of the same trajectory and needs at least 2");
    }
    if (!data.hasDerivatives()) {
      throw new InvalidDataException(file + ": has no derivative columns (" + system.stateNames().get(0)
          + TrajectoryIO.DERIVATIVE_SUFFIX + ", …); dynamics learning needs observed derivatives");
    }
    return data;
  }
}
