/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.concernet.io.AtomicFiles;

/**
 * Where and how often the learners save their training state inside a stage, so that an
 * interrupted stage continues from its last checkpoint with the same result as an uninterrupted
 * one.
 *
 * <p>A checkpoint ({@code <folder>/<stage>.ckpt}, written atomically) holds the epoch reached, the
 * weights, Adam's state (β powers, m and v of every weight), the epoch losses so far, the last finite
 * loss, the training seconds so far, and the configuration it was written for. The random order of
 * the batches is not stored: a resumed stage draws its initial weights and the permutations of the
 * epochs it skips from the seed again, which leaves its random stream exactly where the
 * interrupted run's was. A checkpoint is also written when a stage ends, so a resumed run does not
 * train a completed stage again.
 *
 * <p>Checkpoints are read only when {@link #resuming}; one written for another configuration, stage,
 * seed or network is refused.
 */
public final class Checkpoints {
  /** Epochs between two checkpoints unless told otherwise. */
  public static final int DEFAULT_EVERY = 100;

  private static final String MAGIC = "concernet-checkpoint";
  private static final int VERSION = 1;

  private final Path folder;
  private final String configuration;
  private final int every;
  private final boolean resuming;

  private Checkpoints(Path folder, String configuration, int every, boolean resuming) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.configuration = Objects.requireNonNull(configuration, "configuration");
    if (every < 1) {
      throw new IllegalArgumentException("checkpoints must be at least 1 epoch apart, were " + every);
    }
    this.every = every;
    this.resuming = resuming;
  }

  /**
   * Checkpoints every {@link #DEFAULT_EVERY} epochs in {@code folder}, for the run described by
   * {@code configuration} (any text that differs between runs whose results differ), not resuming.
   */
  public static Checkpoints in(Path folder, String configuration) {
    return new Checkpoints(folder, configuration, DEFAULT_EVERY, false);
  }

  /** These checkpoints every {@code epochs} epochs. */
  public Checkpoints every(int epochs) {
    return new Checkpoints(folder, configuration, epochs, resuming);
  }

  /** These checkpoints, continuing from an existing one ({@code true}) or ignoring it. */
  public Checkpoints resuming(boolean resume) {
    return new Checkpoints(folder, configuration, every, resume);
  }

  public Path folder() {
    return folder;
  }

  public int every() {
    return every;
  }

  public boolean isResuming() {
    return resuming;
  }

  /** The file of {@code stage}: e.g. "dynamics (baseline)" → {@code dynamics-baseline.ckpt}. */
  public Path file(String stage) {
    String name = stage.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return folder.resolve(name + ".ckpt");
  }

  /** Deletes the folder and every checkpoint in it (once the work they protect is saved). */
  public static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the checkpoints in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** One named variable's shape and values (float32 values are held exactly as doubles). */
  record Variable(String name, long[] shape, double[] values) {}

  /** The training state of a stage after {@code epoch} epochs. */
  record State(String stage, long seed, int epochs, int epoch, double lastFinite, double seconds,
      List<Double> losses, List<Variable> variables) {}

  void write(State s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeInt(VERSION);
      writeString(out, configuration);
      writeString(out, s.stage());
      out.writeLong(s.seed());
      out.writeInt(s.epochs());
      out.writeInt(s.epoch());
      out.writeDouble(s.lastFinite());
      out.writeDouble(s.seconds());
      out.writeInt(s.losses().size());
      for (double loss : s.losses()) {
        out.writeDouble(loss);
      }
      out.writeInt(s.variables().size());
      for (Variable v : s.variables()) {
        writeString(out, v.name());
        out.writeInt(v.shape().length);
        for (long d : v.shape()) {
          out.writeLong(d);
        }
        out.writeInt(v.values().length);
        for (double x : v.values()) {
          out.writeDouble(x);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicFiles.write(file(s.stage()), bytes.toByteArray());
  }

  /**
   * The checkpoint of {@code stage} when resuming and one exists, checked against what this run
   * will train; {@code null} otherwise.
   *
   * @throws IllegalStateException if it was written by another configuration, stage, seed or network
   */
  State read(String stage, long seed, int epochs, List<Variable> expected) {
    Path file = file(stage);
    if (!resuming || !Files.exists(file)) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
        throw new IllegalStateException(file + " is not a checkpoint of this version of concernet");
      }
      String writtenFor = readString(in);
      String writtenStage = readString(in);
      long writtenSeed = in.readLong();
      int writtenEpochs = in.readInt();
      if (!writtenFor.equals(configuration) || !writtenStage.equals(stage) || writtenSeed != seed
          || writtenEpochs != epochs) {
        throw refused(file, "it was written by a run with another configuration");
      }
      int epoch = in.readInt();
      double lastFinite = in.readDouble();
      double seconds = in.readDouble();
      List<Double> losses = new ArrayList<>();
      for (int i = in.readInt(); i > 0; i--) {
        losses.add(in.readDouble());
      }
      int count = in.readInt();
      if (count != expected.size()) {
        throw refused(file, "it holds " + count + " variables, this stage trains " + expected.size());
      }
      List<Variable> variables = new ArrayList<>();
      for (Variable e : expected) {
        String name = readString(in);
        long[] shape = new long[in.readInt()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
        }
        if (!name.equals(e.name()) || !Arrays.equals(shape, e.shape())) {
          throw refused(file, "it holds " + name + " " + Arrays.toString(shape) + " where this stage has "
              + e.name() + " " + Arrays.toString(e.shape()));
        }
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
          values[i] = in.readDouble();
        }
        variables.add(new Variable(name, shape, values));
      }
      if (epoch < 0 || epoch > epochs || losses.size() != epoch) {
        throw new IllegalStateException(file + " is damaged: epoch " + epoch + " of " + epochs + " with "
            + losses.size() + " epoch losses");
      }
      return new State(stage, seed, epochs, epoch, lastFinite, seconds, losses, variables);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  private static IllegalStateException refused(Path file, String why) {
    return new IllegalStateException("cannot resume from " + file + ": " + why
        + "; rerun without --resume, or give this run another --out");
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
