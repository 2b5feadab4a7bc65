/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.concernet.data.InvalidDataException;
import org.concernet.data.SavitzkyGolay;
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
   * The trajectories of {@code file}, checked for {@code system}: its state names and at least two
   * trajectories of at least two points; derivatives from the file's columns, or estimated from the
   * states when it has none ({@link #readWithSource}).
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
      return withEstimatedDerivatives(file, data).data();
    }
    return data;
  }

  /**
   * Trajectories with the derivatives training uses, and where those come from.
   *
   * @param derivatives "from the file", or which estimate made them
   */
  public record Read(Trajectories data, String derivatives) {}

  /**
   * As {@link #read(Path, SystemSpec)}, saying where the derivatives come from: the file's
   * {@code _dot} columns (or {@code derivatives.npy}), or, when it has none, a Savitzky–Golay
   * estimate on each trajectory's states (degree {@value SavitzkyGolay#DEFAULT_DEGREE}, window
   * chosen by leave-one-out over all trajectories, at most {@value SavitzkyGolay#DEFAULT_MAX_WINDOW}
   * points and never longer than a trajectory).
   */
  public static Read readWithSource(Path file, SystemSpec system) {
    Trajectories data = read(file, system);
    return data.hasDerivatives() && fileHasDerivatives(file, system) ? new Read(data, "from the file")
        : withEstimatedDerivatives(file, data);
  }

  private static boolean fileHasDerivatives(Path file, SystemSpec system) {
    try {
      return TrajectoryIO.read(file, system.stateNames()).hasDerivatives();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code data} with derivatives estimated from its states, trajectory by trajectory. */
  static Read withEstimatedDerivatives(Path file, Trajectories data) {
    List<double[]> times = new ArrayList<>();
    List<double[][]> states = new ArrayList<>();
    for (int i = 0; i < data.count(); i++) {
      times.add(data.times(i));
      double[][] x = new double[data.length()][];
      for (int t = 0; t < data.length(); t++) {
        x[t] = data.state(i, t);
      }
      states.add(x);
    }
    SavitzkyGolay sg;
    try {
      sg = SavitzkyGolay.choose(times, states, SavitzkyGolay.DEFAULT_DEGREE, SavitzkyGolay.DEFAULT_MAX_WINDOW);
    } catch (IllegalArgumentException e) {
      throw new InvalidDataException(file + ": has no derivative columns and its trajectories are too short to"
          + " estimate them (" + e.getMessage() + "); add derivative columns (" + data.stateNames().get(0)
          + TrajectoryIO.DERIVATIVE_SUFFIX + ", …) or longer trajectories");
    }
    int n = data.dimension();
    double[] derivatives = new double[data.count() * data.length() * n];
    for (int i = 0; i < data.count(); i++) {
      for (int k = 0; k < n; k++) {
        double[] d = sg.derivative(times.get(i), SavitzkyGolay.column(states.get(i), k));
        for (int t = 0; t < data.length(); t++) {
          derivatives[(i * data.length() + t) * n + k] = d[t];
        }
      }
    }
    Trajectories estimated = Trajectories.ofFlat(String.valueOf(file), data.stateNames(), data.count(), data.length(),
        data.timesFlat(), data.statesFlat(), derivatives);
    return new Read(estimated, "estimated from the states: " + sg + " on each trajectory, window chosen by"
        + " leave-one-out (the file has none)");
  }
}
