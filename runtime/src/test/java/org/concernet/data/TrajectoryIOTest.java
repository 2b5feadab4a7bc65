/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.concernet.protocol.Protocol;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.testsystems.Kepler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryIOTest {
  private static Trajectories data;

  @TempDir Path dir;

  @BeforeAll
  static void generate() {
    Kepler kepler = new Kepler();
    Protocol p = kepler.protocol().toBuilder().trajectories(3).points(7).endTime(2).build();
    data = TrajectoryGenerator.reference().trainingData(kepler, p, 4);
  }

  private static Trajectories withoutDerivatives(Trajectories d) {
    return Trajectories.ofFlat(d.stateNames(), d.count(), d.length(), d.timesFlat(), d.statesFlat(), null);
  }

  // ------------------------------------------------------------------------------ round trips

  @Test
  void csvRoundTripIsExact() throws IOException {
    Path file = dir.resolve("data.csv");
    TrajectoryIO.writeCsv(data, file);
    assertThat(Files.readAllLines(file).get(0)).isEqualTo("trajectory,time,x,y,vx,vy,x_dot,y_dot,vx_dot,vy_dot");
    assertThat(TrajectoryIO.readCsv(file)).isEqualTo(data);
    assertThat(TrajectoryIO.read(file, data.stateNames())).isEqualTo(data);
    Trajectories bare = withoutDerivatives(data);
    TrajectoryIO.write(bare, file);
    Trajectories back = TrajectoryIO.readCsv(file, List.of("x", "y", "vx", "vy"));
    assertThat(back.hasDerivatives()).isFalse();
    assertThat(back).isEqualTo(bare);
  }

  @Test
  void npzRoundTripIsExact() throws IOException {
    Path file = dir.resolve("data.npz");
    TrajectoryIO.writeNpz(data, file);
    assertThat(TrajectoryIO.readNpz(file)).isEqualTo(data);
    assertThat(TrajectoryIO.read(file, data.stateNames())).isEqualTo(data);
    Trajectories bare = withoutDerivatives(data);
    TrajectoryIO.write(bare, file);
    assertThat(TrajectoryIO.readNpz(file)).isEqualTo(bare);
  }

  @Test
  void npyRoundTripIsExactIncludingSpecialValues() throws IOException {
    double[] values = {0.1, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Math.PI, 1e-300, -7};
    Path file = dir.resolve("a.npy");
    Npy.write(file, values, 7);
    Npy.NpyArray back = Npy.read(file);
    assertThat(back.shape()).isEqualTo(new long[] {7});
    assertThat(back.data()).isEqualTo(values);
    byte[] bytes = Files.readAllBytes(file);
    assertThat((bytes.length - 7 * 8) % 64).isEqualTo(0);
    Npy.write(file, new double[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
    assertThat(Npy.read(file).shapeString()).isEqualTo("(2, 1, 3)");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.writeStrings(out, List.of("q", "p_long", "ü"));
    assertThat(Npy.readStrings(out.toByteArray(), "names")).containsExactly("q", "p_long", "ü").inOrder();
  }

  // ------------------------------------------------------------------------------- NPY dtypes

  /** A hand-made .npy: the given dict, data bytes. */
  private static byte[] npy(int major, String dict, byte[] payload) {
    byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    int prefix = major == 1 ? 10 : 12;
    ByteBuffer b = ByteBuffer.allocate(prefix + text.length + payload.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
    if (major == 1) {
      b.putShort((short) text.length);
    } else {
      b.putInt(text.length);
    }
    return b.put(text).put(payload).array();
  }

  @Test
  void readsFloat32AndBigEndianAndVersion2() {
    ByteBuffer f4 = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-2f).putFloat(0.25f);
    Npy.NpyArray a = Npy.read(npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }", f4.array()), "f4");
    assertThat(a.data()).isEqualTo(new double[] {1.5, -2, 0.25});
    ByteBuffer f8 = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(0.1).putDouble(3);
    Npy.NpyArray b = Npy.read(npy(2, "{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }", f8.array()), "f8");
    assertThat(b.shape()).isEqualTo(new long[] {1, 2});
    assertThat(b.data()).isEqualTo(new double[] {0.1, 3});
    ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(7f).putFloat(8f);
    assertThat(Npy.read(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", le.array()), "le").data())
        .isEqualTo(new double[] {7, 8});
  }

  @Test
  void npyErrorsNameSourceAndWhatWasFound() {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> Npy.read(
        npy(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }", new byte[32]), "m.npy"));
    assertThat(e).hasMessageThat().contains("m.npy");
    assertThat(e).hasMessageThat().contains("Fortran");
    e = assertThrows(InvalidDataException.class, () -> Npy.read(
        npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", new byte[16]), "i.npy"));
    assertThat(e).hasMessageThat().contains("i.npy: dtype '<i8' is not supported");
    e = assertThrows(InvalidDataException.class, () -> Npy.read(
        npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", new byte[40]), "t.npy"));
    assertThat(e).hasMessageThat().contains("t.npy: shape (3, 2) of '<f8' needs 48 data bytes but the file holds 40");
    e = assertThrows(InvalidDataException.class, () -> Npy.read("hello".getBytes(StandardCharsets.UTF_8), "x.npy"));
    assertThat(e).hasMessageThat().contains("x.npy: not a .npy file");
  }

  // ------------------------------------------------------------------------------- NPZ errors

  private Path npz(String name, Entry... entries) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
      for (Entry entry : entries) {
        zip.putNextEntry(new ZipEntry(entry.name));
        Npy.write(zip, new double[(int) java.util.Arrays.stream(entry.shape).reduce(1, (a, b) -> a * b)], entry.shape);
        zip.closeEntry();
      }
    }
    return file;
  }

  private record Entry(String name, long... shape) {}

  @Test
  void npzAcceptsSharedTimesAndCallerNames() throws IOException {
    Path file = dir.resolve("shared.npz");
    try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
      zip.putNextEntry(new ZipEntry("states.npy"));
      Npy.write(zip, new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("times.npy"));
      Npy.write(zip, new double[] {0, 0.5}, 2);
      zip.closeEntry();
    }
    Trajectories t = TrajectoryIO.readNpz(file, List.of("q", "p"));
    assertThat(t.stateNames()).containsExactly("q", "p").inOrder();
    assertThat(t.times(1)).isEqualTo(new double[] {0, 0.5});
    assertThat(t.state(1, 1)).isEqualTo(new double[] {7, 8});
    assertThat(TrajectoryIO.readNpz(file).stateNames()).containsExactly("x0", "x1").inOrder();
  }

  @Test
  void npzErrorsNameFileEntryAndShapes() throws IOException {
    Path f = npz("bad1.npz", new Entry("states.npy", 2, 3), new Entry("times.npy", 2, 3));
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(f));
    assertThat(e).hasMessageThat().contains("bad1.npz (states.npy): shape (2, 3) found, expected [N, T, n]");
    Path g = npz("bad2.npz", new Entry("states.npy", 2, 3, 4), new Entry("times.npy", 4));
    e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(g));
    assertThat(e).hasMessageThat().contains("bad2.npz (times.npy): shape (4,) found, expected [2, 3] or [3]");
    Path h = npz("bad3.npz", new Entry("states.npy", 2, 3, 4), new Entry("times.npy", 3),
        new Entry("derivatives.npy", 2, 3, 5));
    e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(h));
    assertThat(e).hasMessageThat().contains("bad3.npz (derivatives.npy): shape (2, 3, 5) found, expected (2, 3, 4)");
    Path i = npz("bad4.npz", new Entry("states.npy", 2, 3, 4));
    e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(i));
    assertThat(e).hasMessageThat().contains("bad4.npz: expected entries states.npy and times.npy");
    Path j = npz("bad5.npz", new Entry("states.npy", 2, 3, 4), new Entry("times.npy", 3));
    e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(j, List.of("q", "p")));
    assertThat(e).hasMessageThat().contains("bad5.npz (states.npy): shape (2, 3, 4) found, expected [N, T, 2]");
    // Times all zero: not increasing, reported with the file.
    e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(j));
    assertThat(e).hasMessageThat().contains("bad5.npz: trajectory 0, point 1: time 0.0 does not increase");
    Path k = dir.resolve("names.npz");
    TrajectoryIO.writeNpz(data, k);
    e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(k, List.of("a", "b", "c", "d")));
    assertThat(e).hasMessageThat().contains("names.npz (names.npy): state names [x, y, vx, vy] found, expected [a, b, c, d]");
    Path notZip = dir.resolve("text.npz");
    Files.writeString(notZip, "hello");
    e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.readNpz(notZip));
    assertThat(e).hasMessageThat().contains("text.npz");
  }

  // ------------------------------------------------------------------------------- CSV errors

  private InvalidDataException csvError(String name, String content, List<String> names) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return assertThrows(InvalidDataException.class, () -> TrajectoryIO.readCsv(file, names));
  }

  @Test
  void csvErrorsNameFileLineAndValue() throws IOException {
    String header = "trajectory,time,q,p,q_dot,p_dot\n";
    List<String> qp = List.of("q", "p");
    assertThat(csvError("empty.csv", "", qp)).hasMessageThat().contains("empty.csv: the file is empty");
    assertThat(csvError("only.csv", header, qp)).hasMessageThat().contains("only.csv: no data rows");
    assertThat(csvError("names.csv", "trajectory,time,a,b\n0,0,1,2\n", qp)).hasMessageThat()
        .contains("names.csv, line 1: state columns [a, b] found, expected the system's state names [q, p]");
    assertThat(csvError("head.csv", "traj,t,q,p\n", null)).hasMessageThat()
        .contains("head.csv, line 1: header 'traj,t,q,p' found");
    assertThat(csvError("dots.csv", "trajectory,time,q,p,p_dot,q_dot\n", null)).hasMessageThat()
        .contains("dots.csv, line 1: derivative columns [p_dot, q_dot] found, expected none or [q_dot, p_dot]");
    assertThat(csvError("nan.csv", header + "0,0,1,2,3,4\n0,1,1,abc,3,4\n", qp)).hasMessageThat()
        .contains("nan.csv, line 3: trajectory '0', point 1, column 'p': 'abc' is not a number");
    assertThat(csvError("inf.csv", header + "0,0,1,2,3,4\n0,1,1,2,NaN,4\n", qp)).hasMessageThat()
        .contains("inf.csv, line 3: trajectory '0', point 1, column 'q_dot': value NaN is not finite");
    assertThat(csvError("inf2.csv", header + "0,0,1,2,3,-Infinity\n", qp)).hasMessageThat()
        .contains("inf2.csv, line 2: trajectory '0', point 0, column 'p_dot': value -Infinity is not finite");
    assertThat(csvError("cols.csv", header + "0,0,1,2,3,4\n0,1,1,2,3\n", qp)).hasMessageThat()
        .contains("cols.csv, line 3: trajectory '0': 5 columns found, expected 6 (trajectory,time,q,p,q_dot,p_dot)");
    assertThat(csvError("time.csv", header + "0,0,1,2,3,4\n0,0.5,1,2,3,4\n0,0.5,1,2,3,4\n", qp)).hasMessageThat()
        .contains("time.csv, line 4: time 0.5 of trajectory '0', point 2, does not increase (previous 0.5 on line 3)");
    assertThat(csvError("len.csv", header + "0,0,1,2,3,4\n0,1,1,2,3,4\n1,0,1,2,3,4\n", qp)).hasMessageThat()
        .contains("len.csv, line 4: trajectory '1' (lines 4-4) has 1 points but trajectory '0' (lines 2-3) has 2");
    assertThat(csvError("again.csv", header + "0,0,1,2,3,4\n1,0,1,2,3,4\n0,1,1,2,3,4\n", qp)).hasMessageThat()
        .contains("again.csv, line 4: trajectory '0' appears again");
    assertThat(csvError("blank.csv", header + "0,0,1,,3,4\n", qp)).hasMessageThat()
        .contains("blank.csv, line 2: trajectory '0', point 0, column 'p': '' is not a number");
  }

  @Test
  void csvReadsSingleTrajectoryWithSpacesAndBlankLines() throws IOException {
    Path file = dir.resolve("one.csv");
    Files.writeString(file, "trajectory, time, q, p\n\nA, 0, 1, 2\nA, 0.1, 3, 4\n\n");
    Trajectories t = TrajectoryIO.readCsv(file);
    assertThat(t.count()).isEqualTo(1);
    assertThat(t.length()).isEqualTo(2);
    assertThat(t.hasDerivatives()).isFalse();
    assertThat(t.state(0, 1)).isEqualTo(new double[] {3, 4});
  }

  @Test
  void csvRoundTripsRandomBitPatterns() throws IOException {
    SplittableRandom rng = new SplittableRandom(3);
    double[] states = new double[2 * 3 * 2];
    for (int j = 0; j < states.length; j++) {
      states[j] = Double.longBitsToDouble(rng.nextLong() & 0x7fefffffffffffffL) * (rng.nextBoolean() ? 1 : -1);
    }
    Trajectories t = Trajectories.ofFlat(List.of("a", "b"), 2, 3, new double[] {0, 1e-300, 0.3, -1, 0.1, 1e300},
        states, states);
    for (String ext : new String[] {"csv", "npz"}) {
      Path file = dir.resolve("bits." + ext);
      TrajectoryIO.write(t, file);
      assertThat(TrajectoryIO.read(file, null)).isEqualTo(t);
    }
  }
  @Test
  void unknownExtensionIsRefused() {
    Path file = dir.resolve("data.txt");
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> TrajectoryIO.read(file, null));
    assertThat(e).hasMessageThat().contains("data.txt: unknown extension; expected .csv or .npz");
  }
}
