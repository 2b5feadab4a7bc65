/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.system;

/**
 * One {@code @State} field of a declared system: a scalar ({@code size == 0}) or a {@code double[]}
 * of {@code size} coordinates, with the range of the default initial-state sampler.
 *
 * @param name the field's name; an array's coordinates are named {@code name[0]}, {@code name[1]}, …
 * @param size 0 for a {@code double}, the length of a {@code double[]}
 * @param min lower end of the uniform initial-state range
 * @param max upper end of the uniform initial-state range
 */
public record StateField(String name, int size, double min, double max) {
  public StateField {
    if (size < 0) {
      throw new IllegalArgumentException("state " + name + ": size must be 0 (a scalar) or positive, was " + size);
    }
  }

  /** A {@code double} state. */
  public static StateField scalar(String name, double min, double max) {
    return new StateField(name, 0, min, max);
  }

  /** A {@code double[]} state of {@code size} coordinates. */
  public static StateField array(String name, int size, double min, double max) {
    if (size < 1) {
      throw new IllegalArgumentException("state " + name + ": an array needs size >= 1, was " + size);
    }
    return new StateField(name, size, min, max);
  }

  /** Whether the state is a {@code double[]}. */
  public boolean isArray() {
    return size > 0;
  }

  /** Coordinates the state takes in the state vector. */
  public int width() {
    return isArray() ? size : 1;
  }
}
