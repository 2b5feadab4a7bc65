/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.concernet.contrastive.InvariantFunction;
import org.concernet.contrastive.InvariantLearner;
import org.concernet.contrastive.LearnedInvariant;
import org.concernet.data.Trajectories;
import org.concernet.dynamics.DynamicsLearner;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.latent.AutoencoderLearner;
import org.concernet.latent.LearnedAutoencoder;
import org.concernet.protocol.Protocol;
import org.concernet.simulate.TrajectoryGenerator;
import org.concernet.testsystems.HeatEquation;
import org.concernet.testsystems.Spring;
import org.concernet.testsystems.SpringMassTrajectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage interrupted after some epochs and resumed from its last checkpoint ends with the same
 * weights, bit for bit, as one that ran through, for every learner; checkpoints of another
 * configuration are refused.
 */
class CheckpointResumeTest {
  private static final Trajectories SPRING = Spring.data(8, 10, 0.01, 42);
  private static final String CONFIG = "test configuration";

  /** Thrown by a listener to stop training after an epoch, as a kill would. */
  private static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static ProgressListener interruptAfter(int epoch) {
    return (stage, e, epochs, loss) -> {
      if (e == epoch) {
        throw new Interrupted();
      }
    };
  }

  /**
   * Trains with {@code learn} straight through without checkpoints, with checkpoints every 3
   * epochs, and interrupted after epoch 8 then resumed; all three results must be equal.
   */
  private static <R> void assertResumedEqualsUninterrupted(Path folder,
      Function<Checkpoints, Function<ProgressListener, R>> learn) throws Exception {
    R plain = learn.apply(null).apply(ProgressListener.NONE);
    Checkpoints straight = Checkpoints.in(folder.resolve("straight"), CONFIG).every(3);
    R checkpointed = learn.apply(straight).apply(ProgressListener.NONE);
    Checkpoints broken = Checkpoints.in(folder.resolve("broken"), CONFIG).every(3);
    assertThrows(Interrupted.class, () -> learn.apply(broken).apply(interruptAfter(8)));
    List<Integer> resumedEpochs = new ArrayList<>();
    R resumed = learn.apply(broken.resuming(true)).apply((stage, e, epochs, loss) -> resumedEpochs.add(e));
    assertThat(resumedEpochs.get(0)).isEqualTo(7);
    assertThat(checkpointed).isEqualTo(plain);
    assertThat(resumed).isEqualTo(plain);
    // the stage ended with a checkpoint: resuming again trains nothing and gives the same result
    List<Integer> again = new ArrayList<>();
    assertThat(learn.apply(broken.resuming(true)).apply((stage, e, epochs, loss) -> again.add(e))).isEqualTo(plain);
    assertThat(again).isEmpty();
  }

  /** What must not change: the weights and the reported losses (not the timings). */
  private record Invariant(Object weights, double finalLoss) {}

  private record Dynamics(Object weights, List<Double> losses) {}

  private record Autoencoder(Object encoder, Object decoder, double finalLoss) {}

  @Test
  void invariantLearner(@TempDir Path folder) throws Exception {
    assertResumedEqualsUninterrupted(folder, checkpoints -> listener -> {
      LearnedInvariant h = new InvariantLearner(SpringMassTrajectories.protocol(14)).withCheckpoints(checkpoints)
          .withListener(listener).learn("s", SPRING, 3);
      return new Invariant(h.weights(), h.provenance().finalLoss());
    });
  }

  @Test
  void dynamicsLearnerBaselineAndProjected(@TempDir Path folder) throws Exception {
    InvariantFunction h = InvariantFunction.of(Spring.invariantNetwork());
    for (boolean projected : new boolean[] {false, true}) {
      assertResumedEqualsUninterrupted(folder.resolve(projected ? "projected" : "baseline"),
          checkpoints -> listener -> {
            DynamicsLearner learner = DynamicsLearner.builder().hidden(List.of(16, 16)).epochs(14).batch(30).seed(6)
                .checkpoints(checkpoints).listener(listener).build();
            LearnedDynamics f = projected ? learner.trainProjected(SPRING, h) : learner.trainBaseline(SPRING);
            return new Dynamics(f.weights(), f.training().orElseThrow().epochLosses());
          });
    }
  }

  @Test
  void autoencoderLearner(@TempDir Path folder) throws Exception {
    Trajectories heat = TrajectoryGenerator.reference().generate(new HeatEquation(), 6,
        Protocol.linspace(0, 10, 10), 1);
    Protocol.AutoencoderSpec spec = new Protocol.AutoencoderSpec(5, List.of(16), 14, 25);
    assertResumedEqualsUninterrupted(folder, checkpoints -> listener -> {
      LearnedAutoencoder ae = new AutoencoderLearner(spec, 1e-3).withCheckpoints(checkpoints)
          .withListener(listener).learn("heat", heat, 9);
      return new Autoencoder(ae.encoderWeights(), ae.decoderWeights(), ae.provenance().finalLoss());
    });
  }

  @Test
  void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path folder) {
    Checkpoints first = Checkpoints.in(folder, CONFIG).every(2);
    assertThrows(Interrupted.class, () -> new InvariantLearner(SpringMassTrajectories.protocol(6)).withCheckpoints(first)
        .withListener(interruptAfter(3)).learn("s", SPRING, 3));
    assertThat(Files.exists(first.file(InvariantLearner.STAGE))).isTrue();

    Checkpoints other = Checkpoints.in(folder, "another configuration").every(2).resuming(true);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new InvariantLearner(SpringMassTrajectories.protocol(6)).withCheckpoints(other).learn("s", SPRING, 3));
    assertThat(e).hasMessageThat().contains("cannot resume from " + first.file(InvariantLearner.STAGE));
    assertThat(e).hasMessageThat().contains("written by a run with another configuration");

    IllegalStateException seed = assertThrows(IllegalStateException.class,
        () -> new InvariantLearner(SpringMassTrajectories.protocol(6)).withCheckpoints(first.resuming(true)).learn("s", SPRING, 4));
    assertThat(seed).hasMessageThat().contains("another configuration");
  }

  @Test
  void stageNamesMakeFileNames(@TempDir Path folder) {
    Checkpoints c = Checkpoints.in(folder, CONFIG);
    assertThat(c.file(DynamicsLearner.BASELINE_STAGE).getFileName().toString()).isEqualTo("dynamics-baseline.ckpt");
    assertThat(c.file(DynamicsLearner.PROJECTED_STAGE).getFileName().toString()).isEqualTo("dynamics-concernet.ckpt");
    assertThat(c.file(InvariantLearner.STAGE).getFileName().toString()).isEqualTo("contrastive.ckpt");
  }
}
