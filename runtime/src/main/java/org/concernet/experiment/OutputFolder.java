/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.concernet.io.AtomicFiles;

/**
 * An experiment's output folder: which folders a run may write into, and how an earlier run's
 * outputs are cleared without touching anything else. A run marks its folder with {@value #MARKER};
 * folders written before the marker existed are recognised by their results.
 */
public final class OutputFolder {
  /** The file a run leaves in its output folder, so another run knows whose folder it is. */
  public static final String MARKER = ".concernet-run";

  /** Files a run (or a sweep) writes directly into its folder, besides its PNG figures. */
  private static final Set<String> FILES = Set.of(MARKER, "results.json", "results.csv", "report.html",
      "sweep.csv", "sweep.html");

  /** The prefix of the hidden folder that holds an earlier run's outputs while a run replaces them. */
  private static final String PREVIOUS = "previous";

  /** Folders a run writes and owns entirely. */
  private static final Set<String> FOLDERS = Set.of("seeds", "models", "checkpoints");

  private OutputFolder() {}

  /**
   * Refuses a folder this run must not write into: a file; with {@code resume}, a folder that does
   * not exist; without it, one that holds another run's outputs (which would otherwise be mixed
   * with this run's).
   *
   * @throws IllegalArgumentException for a file, or a missing folder to resume
   * @throws IllegalStateException for a folder that holds another run
   */
  public static void requireUsable(Path folder, boolean resume) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("the output folder " + folder + " is a file; give --out a folder");
    }
    if (resume && !Files.isDirectory(folder)) {
      throw new IllegalArgumentException("--resume: " + folder + " does not exist, so there is no run to resume"
          + " there; start the run without --resume, or give --out the folder of the run to continue");
    }
    if (!resume && holdsRun(folder)) {
      List<String> shown = runOutputs(folder).stream()
          .map(n -> Files.isDirectory(folder.resolve(n)) ? n + "/" : n).toList();
      throw new IllegalStateException(folder + " holds the outputs of another run (" + String.join(", ", shown)
          + "); give another --out, continue that run with --resume, or replace its outputs with --overwrite");
    }
  }

  /** Whether {@code folder} holds outputs of a run or a sweep. */
  public static boolean holdsRun(Path folder) {
    return !runOutputs(folder).isEmpty();
  }

  /**
   * Deletes what runs and sweeps wrote into {@code folder} (results, report, figures, seeds,
   * models, checkpoints, and sweep combinations' folders), and nothing else; a folder that holds
   * nothing of a run is left as it is. Returns the names deleted.
   */
  public static List<String> clear(Path folder) {
    List<String> deleted = runOutputs(folder);
    for (String name : deleted) {
      Path path = folder.resolve(name);
      if (Files.isDirectory(path) && !FOLDERS.contains(name)) {
        clear(path);
        deleteIfEmpty(path);
      } else {
        deleteRecursively(path);
      }
    }
    return deleted;
  }

  /**
   * Moves what runs wrote into {@code folder} aside, into a hidden folder inside it, so a run can
   * replace them and still give them back if it fails ({@link #restore}); returns that folder, or
   * {@code null} when {@code folder} holds no run.
   */
  public static Path setAside(Path folder) {
    List<String> names = runOutputs(folder);
    if (names.isEmpty()) {
      return null;
    }
    try {
      Path aside = AtomicFiles.temporarySibling(folder.resolve(PREVIOUS), true);
      for (String name : names) {
        Files.move(folder.resolve(name), aside.resolve(name));
      }
      return aside;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the earlier run's outputs in " + folder + " aside: "
          + e.getMessage(), e);
    }
  }

  /** Replaces what a failed run wrote into {@code folder} by the outputs {@link #setAside} kept. */
  public static void restore(Path folder, Path aside) {
    clear(folder);
    try (Stream<Path> kept = Files.list(aside)) {
      for (Path p : kept.toList()) {
        Files.move(p, folder.resolve(p.getFileName().toString()));
      }
      Files.delete(aside);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore the earlier run's outputs from " + aside + ": "
          + e.getMessage(), e);
    }
  }

  /** Deletes the outputs {@link #setAside} kept, once the run that replaced them is complete. */
  public static void discard(Path aside) {
    if (aside != null) {
      deleteRecursively(aside);
    }
  }

  /** Marks {@code folder} as this run's. */
  static void mark(Path folder, String system) {
    AtomicFiles.write(folder.resolve(MARKER), "concernet-java run of " + system + "\n");
  }

  /** The names in {@code folder} that a run or sweep wrote, sorted; empty for a missing folder. */
  private static List<String> runOutputs(Path folder) {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return names;
    }
    boolean marked = Files.exists(folder.resolve(MARKER)) || Files.exists(folder.resolve("results.json"))
        || Files.exists(folder.resolve("sweep.csv"));
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith("." + PREVIOUS + ".")) {
          continue;  // an earlier run's outputs, set aside by the run that replaces them
        }
        boolean ours = FILES.contains(name) || (Files.isDirectory(p) && FOLDERS.contains(name))
            || (marked && name.endsWith(".png") && Files.isRegularFile(p))
            || (Files.isDirectory(p) && !FOLDERS.contains(name) && Files.exists(p.resolve(MARKER)));
        if (ours) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    return names;
  }

  /** Deletes {@code folder} if it exists and is empty. */
  static void deleteIfEmpty(Path folder) {
    try (Stream<Path> entries = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
      if (Files.isDirectory(folder) && entries.findAny().isEmpty()) {
        Files.delete(folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder + ": " + e.getMessage(), e);
    }
  }

  static void deleteRecursively(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
    }
  }
}
