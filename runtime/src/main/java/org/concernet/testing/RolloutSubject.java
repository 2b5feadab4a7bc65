/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testing;

import static com.google.common.truth.Fact.fact;
import static com.google.common.truth.Fact.simpleFact;

import com.google.common.truth.FailureMetadata;
import com.google.common.truth.Subject;
import java.util.function.Function;
import org.concernet.data.Rollout;

/**
 * Truth assertions on a {@link Rollout} of a learned (or true) system, for users' unit tests of
 * trained models. Needs Truth on the test classpath (an optional dependency of the runtime).
 *
 * <pre>{@code
 * import static org.concernet.testing.ConcernetTruth.assertThat;
 * assertThat(rollout).isFinite();
 * assertThat(rollout).conserves(models::invariant).within(1e-6);
 * assertThat(rollout).conserves(system::invariants).within(1e-3);
 * }</pre>
 */
public final class RolloutSubject extends Subject {
  private final Rollout actual;

  RolloutSubject(FailureMetadata metadata, Rollout actual) {
    super(metadata, actual);
    this.actual = actual;
  }

  /** Fails if any state of the rollout is NaN or infinite, naming the first one. */
  public void isFinite() {
    if (actual == null) {
      failWithActual(simpleFact("expected a rollout, found null"));
      return;
    }
    if (!actual.isFinite()) {
      failWithActual(simpleFact("expected every state to be finite"), fact("but", actual.nonFiniteReport()));
    }
  }

  /**
   * Starts an assertion that every output of {@code quantity} stays at its initial value along
   * every trajectory; finish it with {@link Conservation#within(double)}.
   */
  public Conservation conserves(Function<double[], double[]> quantity) {
    return new Conservation(quantity);
  }

  /** The second half of {@link #conserves}. */
  public final class Conservation {
    private final Function<double[], double[]> quantity;

    private Conservation(Function<double[], double[]> quantity) {
      this.quantity = quantity;
    }

    /** Fails if |C(x(t)) − C(x(0))| exceeds {@code tolerance} for any output, trajectory and time. */
    public void within(double tolerance) {
      if (actual == null) {
        failWithActual(simpleFact("expected a rollout, found null"));
        return;
      }
      double worst = -1;
      String where = "";
      for (int i = 0; i < actual.count(); i++) {
        double[] initial = quantity.apply(actual.state(i, 0));
        for (int t = 1; t < actual.length(); t++) {
          double[] now = quantity.apply(actual.state(i, t));
          for (int k = 0; k < initial.length; k++) {
            double drift = Math.abs(now[k] - initial[k]);
            if (!(drift <= worst) || Double.isNaN(drift)) {
              worst = Double.isNaN(drift) ? Double.POSITIVE_INFINITY : drift;
              where = "trajectory " + i + ", time " + actual.times()[t] + ", output " + k
                  + ": " + initial[k] + " → " + now[k];
            }
          }
        }
      }
      if (worst > tolerance) {
        failWithActual(
            fact("expected the quantity to be conserved within", tolerance),
            fact("but the largest drift was", worst),
            fact("at", where));
      }
    }
  }
}
