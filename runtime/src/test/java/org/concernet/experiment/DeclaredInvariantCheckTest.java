/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.concernet.nn.Device;
import org.concernet.testsystems.Sir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A declared invariant that the declared equations do not conserve stops the run before training. */
class DeclaredInvariantCheckTest {
  @Test
  void theRunStopsBeforeTrainingNamingTheMistypedInvariant(@TempDir Path out) {
    Sir sir = new Sir();
    ExperimentConfig config = new ExperimentConfig(sir, sir.protocol(), null, List.of(0L), false, null, out,
        Device.CPU, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Experiment.run(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    assertThat(e).hasMessageThat().contains("@Invariant typo of Sir is not conserved by the declared equations");
    assertThat(e).hasMessageThat().doesNotContain("population");
    assertThat(Files.exists(out.resolve("seeds"))).isFalse();
    assertThat(Files.exists(out.resolve("results.json"))).isFalse();
  }
}
