/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedInvariantStoreTest {
  @TempDir Path dir;

  @Test
  void saveAndLoadGiveBackTheSameInvariant() throws IOException {
    LearnedInvariant h = new InvariantLearner(SpringMassTrajectories.protocol(10))
        .learn("SpringMassTrajectories", SpringMassTrajectories.trajectories(10, 10, 0.01, 5), 11);
    h.save(dir);
    LearnedInvariant loaded = LearnedInvariant.load(dir);
    assertThat(loaded.weights()).isEqualTo(h.weights());
    assertThat(loaded.provenance()).isEqualTo(h.provenance());
    double[][] xs = {{0.2, 0.3}, {-1.1, 0.4}};
    assertThat(loaded.values(xs)).isEqualTo(h.values(xs));
    assertThat(loaded.gradients(xs)).isEqualTo(h.gradients(xs));
  }
}
