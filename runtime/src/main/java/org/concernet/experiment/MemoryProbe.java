/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process, native TensorFlow allocations included: the resident-set high-water
 * mark (VmHWM) from {@code /proc/self/status}, which {@link #resetPeak()} restarts from the current
 * size so each stage can be measured on its own. On systems without {@code /proc} both report
 * that the figure is unavailable (-1) instead of guessing.
 */
public final class MemoryProbe {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

  private MemoryProbe() {}

  /** Restarts the high-water mark from the current resident size; false where unsupported. */
  public static boolean resetPeak() {
    try {
      Files.writeString(CLEAR_REFS, "5");
      return true;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  /** Peak resident memory in bytes since start or the last {@link #resetPeak()}, or -1. */
  public static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | NumberFormatException | SecurityException e) {
      return -1;
    }
    return -1;
  }
}
