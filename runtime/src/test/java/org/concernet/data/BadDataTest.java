/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per kind of bad data, for each way data arrives (CSV, NPZ, built in code): each is an
 * {@link InvalidDataException} whose message names the source, the trajectory, the line or index,
 * and the offending value.
 */
class BadDataTest {
  private static final List<String> QP = List.of("q", "p");
  private static final String HEADER = "trajectory,time,q,p,q_dot,p_dot\n";

  @TempDir Path dir;

  /** A data source: CSV text, NPZ arrays, or arrays handed to {@link Trajectories} in code. */
  private interface Source {
    Trajectories read(Path dir) throws IOException;
  }

  private static Source csv(String name, String text) {
    return dir -> {
      Path file = dir.resolve(name);
      Files.writeString(file, text);
      return TrajectoryIO.read(file, QP);
    };
  }

  /** An .npz of states [N, T, n] with times [N, T] (and names q, p unless {@code names} differ). */
  private static Source npz(String name, double[][][] states, double[][] times, List<String> names) {
    return dir -> {
      Path file = dir.resolve(name);
      int count = states.length;
      int length = states[0].length;
      int n = states[0][0].length;
      double[] s = new double[count * length * n];
      double[] t = new double[count * length];
      for (int i = 0; i < count; i++) {
        for (int j = 0; j < length; j++) {
          t[i * length + j] = times[i][j];
          System.arraycopy(states[i][j], 0, s, (i * length + j) * n, n);
        }
      }
      try (var out = Files.newOutputStream(file); var zip = new java.util.zip.ZipOutputStream(out)) {
        zip.putNextEntry(new java.util.zip.ZipEntry("states.npy"));
        Npy.write(zip, s, count, length, n);
        zip.closeEntry();
        zip.putNextEntry(new java.util.zip.ZipEntry("times.npy"));
        Npy.write(zip, t, count, length);
        zip.closeEntry();
        zip.putNextEntry(new java.util.zip.ZipEntry("names.npy"));
        Npy.writeStrings(zip, names);
        zip.closeEntry();
      }
      return TrajectoryIO.read(file, QP);
    };
  }

  private static Source inCode(double[][][] states, double[][] times) {
    return dir -> Trajectories.of(QP, times, states, null);
  }

  private static final double[][] TIMES = {{0, 1, 2}, {0, 1, 2}};

  private static double[][][] good() {
    return new double[][][] {{{1, 0}, {0.5, 0.8}, {-0.4, 0.9}}, {{2, 0}, {1, 1.7}, {-0.8, 1.8}}};
  }

  private static double[][][] with(int i, int t, int k, double value) {
    double[][][] s = good();
    s[i][t][k] = value;
    return s;
  }

  private static double[][][] constantSecond() {
    double[][][] s = good();
    s[1] = new double[][] {{3, 4}, {3, 4}, {3, 4}};
    return s;
  }

  static Stream<Arguments> cases() {
    String ok = HEADER + "0,0,1,0,0,2\n0,1,0.5,0.8,1.6,-1\n";
    return Stream.of(
        // NaN or infinite values
        Arguments.of("NaN in CSV", csv("nan.csv", ok + "1,0,2,0,0,4\n1,1,NaN,1.7,3.4,-2\n"),
            List.of("nan.csv, line 5: trajectory '1', point 1, column 'q': value NaN is not finite")),
        Arguments.of("nan from NumPy in CSV", csv("pynan.csv", ok + "1,0,2,0,0,4\n1,1,1,nan,3.4,-2\n"),
            List.of("pynan.csv, line 5: trajectory '1', point 1, column 'p': value nan is not finite")),
        Arguments.of("inf in CSV", csv("inf.csv", ok + "1,0,2,0,0,4\n1,1,1,1.7,-inf,-2\n"),
            List.of("inf.csv, line 5: trajectory '1', point 1, column 'q_dot': value -inf is not finite")),
        Arguments.of("NaN in NPZ", npz("nan.npz", with(1, 2, 0, Double.NaN), TIMES, QP),
            List.of("nan.npz: trajectory 1, point 2 (index [1, 2, 0]): state q is NaN")),
        Arguments.of("infinity in code", inCode(with(0, 1, 1, Double.POSITIVE_INFINITY), TIMES),
            List.of("<in memory>: trajectory 0, point 1 (index [0, 1, 1]): state p is Infinity")),
        // trajectories of different lengths
        Arguments.of("lengths in CSV", csv("len.csv", ok + "1,0,2,0,0,4\n1,1,1,1.7,3.4,-2\n1,2,-1,1.8,3.6,-2\n"),
            List.of("len.csv, line 4: trajectory '1' (lines 4-6) has 3 points but trajectory '0' (lines 2-3) has 2")),
        Arguments.of("lengths in code", inCode(new double[][][] {good()[0], {{2, 0}, {1, 1.7}}}, TIMES),
            List.of("<in memory>: trajectory 1 has 2 points but trajectory 0 has 3")),
        // state width that does not match the system
        Arguments.of("width in CSV header", csv("width.csv", "trajectory,time,q\n0,0,1\n0,1,2\n"),
            List.of("width.csv, line 1: state columns [q] found, expected the system's state names [q, p]")),
        Arguments.of("surplus column in CSV header", csv("extra.csv", "trajectory,time,q,p,r\n0,0,1,0,0\n"),
            List.of("extra.csv, line 1: column [r] after the state columns [q, p] is neither a state of the system"
                + " nor a derivative column (q_dot, p_dot); remove it from the file")),
        Arguments.of("width in a CSV row", csv("row.csv", ok + "1,0,2,0,0\n"),
            List.of("row.csv, line 4: trajectory '1': 5 columns found, expected 6")),
        Arguments.of("width in NPZ", npz("width.npz", new double[][][] {{{1, 2, 3}, {4, 5, 6}}, {{1, 2, 3}, {4, 5, 7}}},
                new double[][] {{0, 1}, {0, 1}}, List.of("q", "p", "r")),
            List.of("width.npz (states.npy): shape (2, 2, 3) found, expected [N, T, 2] for the state names [q, p]")),
        Arguments.of("width in code", inCode(new double[][][] {{{1}, {2}, {3}}, {{1}, {2}, {4}}}, TIMES),
            List.of("<in memory>: trajectory 0, point 0: state has 1 values, expected 2 (the system's state width)")),
        // empty files
        Arguments.of("empty CSV", csv("empty.csv", ""), List.of("empty.csv: the file is empty")),
        Arguments.of("CSV with only a header", csv("header.csv", HEADER), List.of("header.csv: no data rows after the header (line 1)")),
        Arguments.of("empty NPZ", (Source) dir -> {
              Path file = dir.resolve("empty.npz");
              Files.write(file, new byte[0]);
              return TrajectoryIO.read(file, QP);
            }, List.of("empty.npz: not a readable .npz (zip) file")),
        Arguments.of("no trajectories in code", inCode(new double[0][][], new double[0][]),
            List.of("<in memory>: no trajectories")),
        // constant trajectories
        Arguments.of("constant in CSV", csv("still.csv", ok + "B,0,3,4,0,0\nB,1,3,4,0,0\n"),
            List.of("still.csv, line 4: trajectory 'B' (lines 4-5): all 2 states are identical, (q, p) = (3.0, 4.0)")),
        Arguments.of("constant in NPZ", npz("still.npz", constantSecond(), TIMES, QP),
            List.of("still.npz: trajectory 1 (index [1, :, :]): all 3 states are identical, (q, p) = (3.0, 4.0)")),
        Arguments.of("constant in code", inCode(constantSecond(), TIMES),
            List.of("<in memory>: trajectory 1 (index [1, :, :]): all 3 states are identical")),
        // times that do not increase
        Arguments.of("times in CSV", csv("time.csv", ok + "1,0,2,0,0,4\n1,0,1,1.7,3.4,-2\n"),
            List.of("time.csv, line 5: time 0 of trajectory '1', point 1, does not increase (previous 0.0 on line 4)")),
        Arguments.of("times in NPZ", npz("time.npz", good(), new double[][] {{0, 1, 2}, {0, 2, 1}}, QP),
            List.of("time.npz: trajectory 1, point 2: time 1.0 does not increase (previous 2.0)")),
        Arguments.of("NaN time in code", inCode(good(), new double[][] {{0, Double.NaN, 2}, {0, 1, 2}}),
            List.of("<in memory>: trajectory 0, point 1 (index [0, 1]): time is NaN")),
        // header that does not match stateNames()
        Arguments.of("header in CSV", csv("names.csv", "trajectory,time,p,q\n0,0,1,2\n0,1,2,3\n"),
            List.of("names.csv, line 1: state columns [p, q] found, expected the system's state names [q, p]")),
        Arguments.of("names in NPZ", npz("names.npz", good(), TIMES, List.of("x", "v")),
            List.of("names.npz (names.npy): state names [x, v] found, expected [q, p]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badDataIsNamedWithWhereAndWhat(String name, Source source, List<String> expected) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> source.read(dir));
    for (String text : expected) {
      assertThat(e).hasMessageThat().contains(text);
    }
  }
}
