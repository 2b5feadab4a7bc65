/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.util.List;
import org.concernet.training.DegenerateBatchException;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssertThat;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The square ratio loss of ConCerNet (paper eq. 2). For latent values H of a batch of N
 * trajectories × T points, every point a = (i, t1) is an anchor:
 *
 * <pre>
 *   ratio(a) = Σ_{t2} ‖H(a) − H(i, t2)‖²  /  Σ_{j, t3} ‖H(a) − H(j, t3)‖²
 *   loss     = mean over the N·T anchors of ratio(a)
 * </pre>
 *
 * (the anchor contributes 0 to both sums). The paper's public code averages over (anchor,
 * positive) pairs instead, which is this value divided by T − 1.
 *
 * <p>The graph form is the closed form of TFJAVA.md, O(P·m) for P = N·T points instead of the
 * P×P pairwise form, written around the means so that float32 does not cancel: with μ_i the
 * mean of trajectory i and μ the mean of the batch,
 *
 * <pre>
 *   Σ_{t2} ‖a − H(i,t2)‖²  = T (‖a − μ_i‖² + V_i),   V_i = mean_t ‖H(i,t) − μ_i‖²
 *   Σ_{j,t3} ‖a − H(j,t3)‖² = P (‖a − μ‖²  + V),     V   = mean_b ‖H(b) − μ‖²
 * </pre>
 *
 * which equals T‖a‖² − 2a·S_i + Q_i (S_i, Q_i the trajectory's sum and sum of squares) exactly in
 * real arithmetic, but sums only non-negative terms. Every denominator is at least P·V, so it is
 * zero only when every point of the batch is identical; the graph asserts V &gt; 0 and N ≥ 2 at
 * run time (a failed run, never a NaN loss).
 */
public final class SquareRatioLoss {
  /** Start of the message of the run-time guard against fewer than two trajectories. */
  public static final String TOO_FEW_TRAJECTORIES = "square ratio loss: fewer than two trajectories in the batch";
  /** Start of the message of the run-time guard against a batch of identical points. */
  public static final String IDENTICAL_POINTS = "square ratio loss: every point of the batch has the same latent value";

  private SquareRatioLoss() {}

  /**
   * The loss of a batch of whole trajectories, built into the graph of {@code tf}.
   *
   * @param h latent values shaped [N·T, m], trajectory-major (point t of trajectory i in row i·T + t);
   *     N may be unknown until run time
   * @param points T, the points per trajectory (at least 2)
   * @return the scalar loss; running it fails with a message starting {@link #TOO_FEW_TRAJECTORIES}
   *     or {@link #IDENTICAL_POINTS} on a degenerate batch
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> h, int points) {
    if (points < 2) {
      throw new DegenerateBatchException("square ratio loss needs at least 2 points per trajectory, given "
          + points + ": with one point there is no other point of the same trajectory to compare with");
    }
    if (h.shape().numDimensions() != 2 || h.shape().size(1) < 1) {
      throw new IllegalArgumentException("square ratio loss: expected latent values shaped [N·T, m] with m known,"
          + " found shape " + h.shape());
    }
    Class<T> type = h.type();
    Operand<TInt32> lastAxis = tf.constant(-1);
    // [N, T, m]
    Operand<T> h3 = tf.reshape(h, tf.constant(new long[] {-1, points, h.shape().size(1)}));
    Operand<TInt32> trajectories = tf.gather(tf.shape(h3), tf.constant(0), tf.constant(0));
    Operand<T> n = tf.dtypes.cast(trajectories, type);

    Operand<T> trajectoryMean = tf.math.mean(h3, tf.constant(1), AsKeep.KEEP); // [N,1,m]
    Operand<T> own = tf.math.sub(h3, trajectoryMean);
    Operand<T> ownSq = tf.reduceSum(tf.math.square(own), lastAxis); // [N,T]
    Operand<T> ownVar = tf.math.mean(ownSq, tf.constant(1), AsKeep.KEEP); // [N,1]
    Operand<T> numerator = tf.math.add(ownSq, ownVar); // / T

    Operand<T> batchMean = tf.math.mean(h3, tf.constant(new int[] {0, 1}), AsKeep.KEEP); // [1,1,m]
    Operand<T> all = tf.math.sub(h3, batchMean);
    Operand<T> allSq = tf.reduceSum(tf.math.square(all), lastAxis); // [N,T]
    Operand<T> allVar = tf.math.mean(allSq, tf.constant(new int[] {0, 1})); // scalar
    Operand<T> denominator = tf.math.add(allSq, allVar); // / P

    AssertThat enoughTrajectories = tf.assertThat(
        tf.math.greaterEqual(trajectories, tf.constant(2)),
        List.of(tf.constant(TOO_FEW_TRAJECTORIES + " (found"), trajectories,
            tf.constant("): with one trajectory every ratio is 1 and the loss has no gradient signal;"
                + " use contrastive batches of at least 2 trajectories)")));
    AssertThat spread = tf.assertThat(
        // a NaN or infinite variance is divergence, not a degenerate batch: let it through so that
        // the non-finite loss is reported as such (TrainingDivergedException) by the learner
        tf.math.logicalOr(tf.math.greater(allVar, tf.dtypes.cast(tf.constant(0), type)),
            tf.math.logicalNot(tf.math.isFinite(allVar))),
        List.of(tf.constant(IDENTICAL_POINTS + " (variance"), allVar,
            tf.constant("), so every denominator Σ‖H(a) − H(b)‖² is zero and the ratio is 0/0;"
                + " check that the trajectories differ and that the network output is not constant")));
    Ops guarded = tf.withControlDependencies(List.of(enoughTrajectories, spread));
    // ratio = (T·num) / (P·den) = num / (N·den)
    Operand<T> ratio = guarded.math.div(numerator, denominator);
    return guarded.math.div(tf.math.mean(ratio, tf.constant(new int[] {0, 1})), n);
  }

  /**
   * As {@link #build(Ops, Operand, int)} for a batch whose trajectory count is known while the
   * graph is built; checks it and the shape of {@code h} at once.
   *
   * @throws DegenerateBatchException if {@code trajectories} &lt; 2
   * @throws IllegalArgumentException if {@code h} has a known row count other than N·T
   */
  public static <T extends TNumber> Operand<T> build(Ops tf, Operand<T> h, int trajectories, int points) {
    if (trajectories < 2) {
      throw new DegenerateBatchException(TOO_FEW_TRAJECTORIES + " (found " + trajectories
          + "): with one trajectory every ratio is 1 and the loss has no gradient signal;"
          + " use contrastive batches of at least 2 trajectories");
    }
    long rows = h.shape().numDimensions() == 2 ? h.shape().size(0) : -1;
    if (rows >= 0 && rows != (long) trajectories * points) {
      throw new IllegalArgumentException("square ratio loss: " + trajectories + " trajectories × " + points
          + " points need " + (long) trajectories * points + " rows of latent values, found shape " + h.shape());
    }
    return build(tf, h, points);
  }

  /**
   * The loss in double precision, pairwise as the definition reads (O(P²)): the reference the
   * graph form is tested against.
   *
   * @param h latent values h[i][t][k] of N trajectories × T points × m outputs
   * @throws DegenerateBatchException if N &lt; 2, T &lt; 2, or a denominator is zero
   */
  public static double reference(double[][][] h) {
    int count = h.length;
    if (count < 2) {
      throw new DegenerateBatchException(TOO_FEW_TRAJECTORIES + " (found " + count
          + "): with one trajectory every ratio is 1 and the loss has no gradient signal;"
          + " use contrastive batches of at least 2 trajectories");
    }
    int points = h[0].length;
    if (points < 2) {
      throw new DegenerateBatchException("square ratio loss needs at least 2 points per trajectory, given "
          + points + ": with one point there is no other point of the same trajectory to compare with");
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      for (int t1 = 0; t1 < points; t1++) {
        double[] a = h[i][t1];
        double numerator = 0;
        double denominator = 0;
        for (int j = 0; j < count; j++) {
          for (int t = 0; t < points; t++) {
            double d = squaredDistance(a, h[j][t]);
            denominator += d;
            if (j == i) {
              numerator += d;
            }
          }
        }
        if (denominator == 0) {
          throw new DegenerateBatchException(IDENTICAL_POINTS + " as anchor (trajectory " + i + ", point "
              + t1 + "): its denominator Σ‖H(a) − H(b)‖² is zero and the ratio is 0/0;"
              + " check that the trajectories differ and that the network output is not constant");
        }
        sum += numerator / denominator;
      }
    }
    return sum / (count * points);
  }

  /**
   * Checks in Java, before any training, that contrastive batches drawn from these states can have
   * a loss: at least two trajectories, and not every point identical.
   *
   * @param states flat N × T × n states, trajectory-major
   * @throws DegenerateBatchException saying which problem was found
   */
  public static void checkData(double[] states, int count, int points, int dimension) {
    if (count < 2) {
      throw new DegenerateBatchException(TOO_FEW_TRAJECTORIES + " (the data holds " + count
          + "): with one trajectory every ratio is 1 and the loss has no gradient signal;"
          + " contrastive learning needs at least 2 trajectories");
    }
    if (points < 2) {
      throw new DegenerateBatchException("square ratio loss needs at least 2 points per trajectory, the data has "
          + points + ": with one point there is no other point of the same trajectory to compare with");
    }
    for (int at = dimension; at < (long) count * points * dimension; at++) {
      if (states[at] != states[at % dimension]) {
        return;
      }
    }
    throw new DegenerateBatchException("square ratio loss: all " + count + " × " + points
        + " states of the data are identical, so every latent value and every denominator"
        + " Σ‖H(a) − H(b)‖² would be the same/zero and the ratio 0/0; the data carries no trajectories to contrast");
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      double d = a[k] - b[k];
      s += d * d;
    }
    return s;
  }

  /** keepDims for reductions. */
  private static final class AsKeep {
    static final org.tensorflow.op.math.Mean.Options KEEP = org.tensorflow.op.math.Mean.keepDims(true);
  }
}
