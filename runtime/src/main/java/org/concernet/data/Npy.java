/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small reader and writer of NumPy's {@code .npy} format (versions 1, 2 and 3), for exchanging
 * arrays with Python without equations or extra libraries.
 *
 * <p>Writes C-ordered little-endian float64 ({@code <f8}) arrays, and 1-D unicode string arrays
 * ({@code <U}k) for names. Reads C-ordered float64 and float32 in either byte order ({@code <f8},
 * {@code >f8}, {@code <f4}, {@code >f4}, {@code =}/{@code |} meaning native little-endian here) as
 * doubles, and unicode string arrays. Fortran-ordered arrays, other dtypes and pickled objects are
 * refused with an {@link InvalidDataException} naming the source and what was found.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
  private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /**
   * A float array read from a {@code .npy}: its shape and its values, flat in C (row-major) order.
   */
  public record NpyArray(long[] shape, double[] data) {
    public NpyArray {
      shape = shape.clone();
    }

    @Override
    public long[] shape() {
      return shape.clone();
    }

    /** The shape as NumPy prints it, e.g. {@code (3, 4)} or {@code (5,)}. */
    public String shapeString() {
      return Npy.shapeString(shape);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof NpyArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "NpyArray" + shapeString();
    }
  }

  /** {@code (3, 4)}, {@code (5,)}, {@code ()} as in NumPy. */
  static String shapeString(long[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  // ---------------------------------------------------------------------------------- writing

  /** Writes {@code data} (C order) with {@code shape} as {@code <f8} to {@code file}. */
  public static void write(Path file, double[] data, long... shape) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, data, shape);
    }
  }

  /** Writes {@code data} (C order) with {@code shape} as {@code <f8} to {@code out} (not closed). */
  public static void write(OutputStream out, double[] data, long... shape) throws IOException {
    long size = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
      }
      size *= d;
    }
    if (size != data.length) {
      throw new IllegalArgumentException("shape " + shapeString(shape) + " holds " + size + " values, given " + data.length);
    }
    writeHeader(out, "<f8", shape);
    ByteBuffer buffer = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : data) {
      if (!buffer.hasRemaining()) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      buffer.putDouble(v);
    }
    out.write(buffer.array(), 0, buffer.position());
  }

  /** Writes a 1-D unicode string array ({@code <U}k, k the longest string's code points). */
  public static void writeStrings(OutputStream out, List<String> strings) throws IOException {
    int width = 1;
    for (String s : strings) {
      width = Math.max(width, s.codePointCount(0, s.length()));
    }
    writeHeader(out, "<U" + width, new long[] {strings.size()});
    ByteBuffer buffer = ByteBuffer.allocate(4 * width * strings.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (String s : strings) {
      int[] codePoints = s.codePoints().toArray();
      for (int i = 0; i < width; i++) {
        buffer.putInt(i < codePoints.length ? codePoints[i] : 0);
      }
    }
    out.write(buffer.array());
  }

  private static void writeHeader(OutputStream out, String descr, long[] shape) throws IOException {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeString(shape) + ", }";
    byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
    boolean v1 = (10 + text.length + 1 + 63) / 64 * 64 - 10 <= 0xffff;
    int prefix = v1 ? 10 : 12;
    int total = prefix + text.length + 1;
    int padded = (total + 63) / 64 * 64;
    int headerLength = padded - prefix;
    ByteBuffer head = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
    head.put(MAGIC).put((byte) (v1 ? 1 : 2)).put((byte) 0);
    if (v1) {
      head.putShort((short) headerLength);
    } else {
      head.putInt(headerLength);
    }
    head.put(text);
    while (head.position() < padded - 1) {
      head.put((byte) ' ');
    }
    head.put((byte) '\n');
    out.write(head.array());
  }

  // ---------------------------------------------------------------------------------- reading

  /** Reads a float {@code .npy} file. */
  public static NpyArray read(Path file) throws IOException {
    return read(Files.readAllBytes(file), file.toString());
  }

  /**
   * Reads a float array from the bytes of a {@code .npy}; {@code source} names it in errors.
   *
   * @throws InvalidDataException naming {@code source} for a malformed file, an unsupported dtype,
   *     Fortran order, or too few data bytes
   */
  public static NpyArray read(byte[] bytes, String source) {
    Header h = header(bytes, source);
    ByteOrder order = h.descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    String kind = h.descr.substring(1);
    int width;
    switch (kind) {
      case "f8" -> width = 8;
      case "f4" -> width = 4;
      default -> throw new InvalidDataException(source + ": dtype '" + h.descr + "' is not supported; "
          + "expected float64 ('<f8' or '>f8') or float32 ('<f4' or '>f4'). In NumPy: a.astype(np.float64)");
    }
    int count = Math.toIntExact(h.size);
    ByteBuffer data = dataBuffer(bytes, h, (long) count * width, source).order(order);
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = width == 8 ? data.getDouble() : data.getFloat();
    }
    return new NpyArray(h.shape, values);
  }

  /** Reads a 1-D unicode string array ({@code <U}k or {@code >U}k). */
  public static List<String> readStrings(byte[] bytes, String source) {
    Header h = header(bytes, source);
    String kind = h.descr.substring(1);
    if (!kind.startsWith("U") || kind.length() < 2) {
      throw new InvalidDataException(source + ": dtype '" + h.descr + "' found, expected a unicode string "
          + "array ('<U…'); in NumPy: np.array(names, dtype=str)");
    }
    if (h.shape.length != 1) {
      throw new InvalidDataException(source + ": shape " + shapeString(h.shape) + " found, expected a 1-D array of names");
    }
    int width;
    try {
      width = Integer.parseInt(kind.substring(1));
    } catch (NumberFormatException e) {
      throw new InvalidDataException(source + ": malformed dtype '" + h.descr + "'");
    }
    int count = Math.toIntExact(h.size);
    ByteBuffer data = dataBuffer(bytes, h, 4L * width * count, source)
        .order(h.descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < width; c++) {
        int cp = data.getInt();
        if (cp != 0) {
          b.appendCodePoint(cp);
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  private record Header(String descr, long[] shape, long size, int dataOffset) {}

  private static ByteBuffer dataBuffer(byte[] bytes, Header h, long needed, String source) {
    long available = bytes.length - (long) h.dataOffset;
    if (available < needed) {
      throw new InvalidDataException(source + ": shape " + shapeString(h.shape) + " of '" + h.descr + "' needs "
          + needed + " data bytes but the file holds " + available + " (truncated?)");
    }
    return ByteBuffer.wrap(bytes, h.dataOffset, (int) needed).slice();
  }

  private static Header header(byte[] bytes, String source) {
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new InvalidDataException(source + ": not a .npy file (it does not start with \\x93NUMPY)"
          + (bytes.length == 0 ? "; the file is empty" : ""));
    }
    int major = bytes[6] & 0xff;
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int length;
    int offset;
    if (major == 1) {
      length = b.getShort(8) & 0xffff;
      offset = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw new InvalidDataException(source + ": truncated .npy header");
      }
      length = b.getInt(8);
      offset = 12;
    } else {
      throw new InvalidDataException(source + ": .npy format version " + major + " is not supported (1, 2 or 3)");
    }
    if (length < 0 || offset + (long) length > bytes.length) {
      throw new InvalidDataException(source + ": truncated .npy header (declares " + length + " bytes)");
    }
    String dict = new String(bytes, offset, length, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(dict);
    Matcher fortran = FORTRAN.matcher(dict);
    Matcher shapeMatch = SHAPE.matcher(dict);
    if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
      throw new InvalidDataException(source + ": malformed .npy header " + dict.strip()
          + " (expected keys 'descr', 'fortran_order' and 'shape'; structured dtypes are not supported)");
    }
    String d = descr.group(1);
    if (d.length() < 2) {
      throw new InvalidDataException(source + ": malformed dtype '" + d + "'");
    }
    if (d.charAt(0) != '<' && d.charAt(0) != '>' && d.charAt(0) != '=' && d.charAt(0) != '|') {
      d = "=" + d;
    }
    if (fortran.group(1).equals("True")) {
      throw new InvalidDataException(source + ": the array is stored in Fortran (column-major) order, which "
          + "is not supported; save a C-ordered copy (np.save(f, np.ascontiguousarray(a)))");
    }
    List<Long> dims = new ArrayList<>();
    for (String part : shapeMatch.group(1).split(",")) {
      String p = part.strip();
      if (p.endsWith("L")) {
        p = p.substring(0, p.length() - 1);
      }
      if (!p.isEmpty()) {
        try {
          dims.add(Long.parseLong(p));
        } catch (NumberFormatException e) {
          throw new InvalidDataException(source + ": malformed shape (" + shapeMatch.group(1) + ") in .npy header");
        }
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    long size = 1;
    for (long dim : shape) {
      size = Math.multiplyExact(size, dim);
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new InvalidDataException(source + ": shape " + shapeString(shape) + " is too large for one Java array");
    }
    if (d.charAt(0) == '=' || d.charAt(0) == '|') {
      d = "<" + d.substring(1);
    }
    return new Header(d, shape, size, offset + length);
  }
}
