/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.concernet.nn.Sessions;
import org.concernet.nn.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * One graph and session holding the RK4 step ({@link Rk4Step}, where it is written) of one {@link
 * VectorField}. Unrolled chunks of steps are built on first use and kept, so a step-doubling
 * search that tries 1, 2, 4, … substeps builds each chunk shape once.
 *
 * <p>A chunk advances a batch of states by {@code intervals} output intervals of {@code steps} RK4
 * steps each and records the state at the end of every interval. The step sizes are fed per
 * interval (h/2, h and h/6, computed in Java in double precision and rounded once to the graph's
 * dtype), so uneven output times and every substep count share the same graph. A step is
 * {@code k1 = f(x), k2 = f(x + h/2·k1), k3 = f(x + h/2·k2), k4 = f(x + h·k3),
 * x + h/6·((k1 + k4) + 2·(k2 + k3))}, in that operation order.
 *
 * <p>Why chunks and not {@code tf.whileOp}: callers need the states at every output time and a
 * field whose constants live in the outer graph ({@code Graph.whileLoop} bodies cannot use them);
 * a chunk of about 8-16 unrolled steps per run is within a factor two of a while loop at these
 * sizes (TFJAVA.md) and keeps one session run per chunk, never one per step.
 */
final class Rk4Graph<T extends TNumber> implements AutoCloseable {
  private final Class<T> type;
  private final int n;
  private final Graph graph;
  private final Ops tf;
  private final UnaryOperator<Operand<T>> f;
  private final Placeholder<T> start;
  private final Placeholder<T> halves;
  private final Placeholder<T> fulls;
  private final Placeholder<T> sixths;
  private final Operand<T> two;
  private final Map<List<Integer>, Operand<T>> chunks = new HashMap<>();
  private final boolean grappler;
  private Placeholder<T> points;
  private Operand<T> derivative;
  private Session session;

  /**
   * @param rows the batch size every run is fed, or −1 when batches differ in size
   * @param grappler whether the session runs Grappler's rewrites ({@link Sessions#open}, with an
   *     open batch dimension) instead of {@link Rk4#open}'s plain execution; see {@link
   *     Rk4.Builder#grappler()}
   */
  Rk4Graph(VectorField field, Class<T> type, int rows, boolean grappler) {
    this.type = type;
    this.grappler = grappler;
    this.n = field.dimension();
    this.graph = new Graph();
    this.tf = Ops.create(graph);
    this.start = tf.withName("states").placeholder(type, Placeholder.shape(Shape.of(grappler ? -1 : rows, n)));
    this.halves = tf.withName("half_steps").placeholder(type, Placeholder.shape(Shape.of(-1)));
    this.fulls = tf.withName("steps").placeholder(type, Placeholder.shape(Shape.of(-1)));
    this.sixths = tf.withName("sixth_steps").placeholder(type, Placeholder.shape(Shape.of(-1)));
    this.f = field.inGraph(tf, type);
    this.two = tf.constant(type, 2.0);
  }

  /** One RK4 step of size h from x ({@link Rk4Step#step}). */
  private Operand<T> step(Operand<T> x, Operand<T> half, Operand<T> full, Operand<T> sixth) {
    return Rk4Step.step(tf, f, x, half, full, sixth, two);
  }

  /** The states after each of {@code intervals} intervals of {@code steps} steps: [intervals, rows, n]. */
  private Operand<T> chunk(int intervals, int steps) {
    return chunks.computeIfAbsent(List.of(intervals, steps), key -> {
      List<Operand<T>> samples = new ArrayList<>();
      Operand<T> x = start;
      for (int c = 0; c < intervals; c++) {
        Operand<TInt32> at = tf.constant(c);
        Operand<TInt32> axis = tf.constant(0);
        Operand<T> full = tf.gather(fulls, at, axis);
        // under Grappler's rewrites only h/2 and h/6 computed in the graph reproduce the old data
        Operand<T> half = grappler ? tf.math.mul(full, tf.constant(type, 0.5)) : tf.gather(halves, at, axis);
        Operand<T> sixth = grappler ? tf.math.div(full, tf.constant(type, 6.0)) : tf.gather(sixths, at, axis);
        for (int s = 0; s < steps; s++) {
          x = step(x, half, full, sixth);
        }
        samples.add(x);
      }
      return tf.stack(samples);
    });
  }

  /**
   * Integrates a batch of {@code rows} states (flat, row-major) over the output intervals with RK4
   * steps of {@code steps[j]} in interval j, {@code substeps} per interval, at most {@code
   * stepsPerRun} steps per session run (whole intervals when they fit, else powers of two).
   * Writes the state after interval j to {@code out[row][j + 1]}. Once every row holds a NaN or
   * infinity the remaining samples are NaN and no more steps run.
   */
  void solve(double[] batch, int rows, double[] steps, int substeps, int stepsPerRun, double[][][] out, int firstRow) {
    int intervals = steps.length;
    int perRun = substeps <= stepsPerRun ? Math.max(1, Math.min(intervals, stepsPerRun / substeps)) : 1;
    double[] current = batch.clone();
    int done = 0;
    while (done < intervals) {
      int take = Math.min(perRun, intervals - done);
      double[] values;
      if (substeps <= stepsPerRun) {
        values = run(chunk(perRun, substeps), current, rows, steps, done, perRun);
      } else {
        values = current;
        for (int remaining = substeps; remaining > 0; ) {
          int k = Integer.highestOneBit(Math.min(remaining, stepsPerRun));
          values = run(chunk(1, k), values, rows, steps, done, 1);
          remaining -= k;
        }
      }
      for (int c = 0; c < take; c++) {
        for (int i = 0; i < rows; i++) {
          out[firstRow + i][done + 1 + c] = Arrays.copyOfRange(values, (c * rows + i) * n, (c * rows + i + 1) * n);
        }
      }
      System.arraycopy(values, (take - 1) * rows * n, current, 0, rows * n);
      done += take;
      if (allNonFinite(current)) {
        double[] nan = new double[n];
        Arrays.fill(nan, Double.NaN);
        for (int t = done + 1; t <= intervals; t++) {
          for (int i = 0; i < rows; i++) {
            out[firstRow + i][t] = nan.clone();
          }
        }
        return;
      }
    }
  }

  /** Runs {@code output} from {@code x}, feeding the step sizes of intervals from {@code from} on. */
  private double[] run(Operand<T> output, double[] x, int rows, double[] steps, int from, int count) {
    double[] half = new double[count];
    double[] full = new double[count];
    double[] sixth = new double[count];
    for (int c = 0; c < count; c++) {
      // past the last interval (a chunk's unused tail) any finite step will do: its samples are dropped
      double h = steps[Math.min(from + c, steps.length - 1)];
      half[c] = h / 2;
      full[c] = h;
      sixth[c] = h / 6;
    }
    try (T in = Tensors.tensor(type, Shape.of(rows, n), x);
        T h2 = Tensors.tensor(type, Shape.of(count), half);
        T h1 = Tensors.tensor(type, Shape.of(count), full);
        T h6 = Tensors.tensor(type, Shape.of(count), sixth);
        Result r = session().runner().feed(start, in).feed(halves, h2).feed(fulls, h1).feed(sixths, h6)
            .fetch(output).setOptions(Sessions.CALLER_THREAD).run()) {
      return Tensors.toDoubles(r.get(0));
    }
  }

  /** The field at {@code rows} states (flat, row-major), in runs of at most 65536 rows. */
  double[] field(double[] states, int rows) {
    if (derivative == null) {
      points = tf.withName("points").placeholder(type, Placeholder.shape(Shape.of(-1, n)));
      derivative = f.apply(points);
    }
    double[] out = new double[states.length];
    for (int from = 0; from < rows; from += 65536) {
      int size = Math.min(65536, rows - from);
      try (T in = Tensors.tensor(type, Shape.of(size, n), Arrays.copyOfRange(states, from * n, (from + size) * n));
          Result r = session().runner().feed(points, in).fetch(derivative).setOptions(Sessions.CALLER_THREAD).run()) {
        System.arraycopy(Tensors.toDoubles(r.get(0)), 0, out, from * n, size * n);
      }
    }
    return out;
  }

  private Session session() {
    if (session == null) {
      session = grappler ? Sessions.open(graph) : Rk4.open(graph);
    }
    return session;
  }

  /** Whether every row of n values holds a NaN or infinity. */
  private boolean allNonFinite(double[] values) {
    for (int row = 0; row < values.length; row += n) {
      boolean finite = true;
      for (int k = row; k < row + n; k++) {
        finite &= Double.isFinite(values[k]);
      }
      if (finite) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
