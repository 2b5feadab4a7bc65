/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.testing;

import static com.google.common.truth.Truth.assertAbout;

import org.concernet.data.Rollout;

/** Entry points of the Truth subjects for trained models. */
public final class ConcernetTruth {
  private ConcernetTruth() {}

  /** Assertions about a rollout: {@code assertThat(rollout).conserves(h).within(1e-6)}. */
  public static RolloutSubject assertThat(Rollout rollout) {
    return assertAbout(RolloutSubject::new).that(rollout);
  }
}
