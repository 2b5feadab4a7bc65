/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.nio.charset.StandardCharsets;

/**
 * Independent seeds for the parts of one run, derived from the run's seed and the part's name, so
 * adding or reordering a stage never changes the random numbers of another. SplitMix64 mixing.
 */
public final class Seeds {
  private Seeds() {}

  /** The seed of {@code purpose} (e.g. "data", "contrastive") within the run seeded {@code seed}. */
  public static long derive(long seed, String purpose) {
    long h = mix(seed + 0x9E3779B97F4A7C15L);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xff));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
