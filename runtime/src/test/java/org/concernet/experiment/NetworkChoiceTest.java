/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.concernet.contrastive.LearnedInvariant;
import org.concernet.data.Trajectories;
import org.concernet.dynamics.LearnedDynamics;
import org.concernet.latent.StateSpace;
import org.concernet.nn.Activation;
import org.concernet.nn.MlpWeights;
import org.concernet.protocol.ProjectedNetwork;
import org.concernet.protocol.Protocol;
import org.junit.jupiter.api.Test;

/**
 * {@link NetworkChoice}: on a flow ẋ = (1, 0) with H = y, a network of the right speed along H's
 * level sets wins once projected, whatever it does across them.
 */
class NetworkChoiceTest {
  /** The constant field f(x) = (a, b): one linear layer with zero weights. */
  private static MlpWeights constant(double a, double b) {
    return new MlpWeights(List.<double[][]>of(new double[][] {{0, 0}, {0, 0}}), List.of(new double[] {a, b}), Activation.TANH);
  }

  /** H = y. */
  private static final MlpWeights H = new MlpWeights(List.<double[][]>of(new double[][] {{0}, {1}}), List.of(new double[] {0}),
      Activation.TANH);

  /** Three trajectories of the flow (1, 0) from (i, i / 2), at t = 0, 0.5, …, 2. */
  private static Trajectories validation() {
    return validation(3);
  }

  private static Trajectories validation(int count) {
    double[] t = {0, 0.5, 1, 1.5, 2};
    double[][] times = new double[count][];
    double[][][] states = new double[count][t.length][];
    for (int i = 0; i < count; i++) {
      times[i] = t;
      for (int k = 0; k < t.length; k++) {
        states[i][k] = new double[] {i + t[k], i / 2.0};
      }
    }
    return Trajectories.of(List.of("x", "y"), times, states, null);
  }

  private static TrainedModels models(MlpWeights trained, MlpWeights baseline) {
    LearnedDynamics.Training provenance = new LearnedDynamics.Training(7, 3, 10, 1e-3, "TFloat32", 1.0, List.of(1.0));
    return new TrainedModels(new LearnedInvariant(H, null), new LearnedDynamics(baseline, null, provenance),
        new LearnedDynamics(trained, H, null), StateSpace.identity());
  }

  @Test
  void keepsTheBaselinesNetworkWhenItIsTheBetterOneProjected() {
    // trained through the projection at half the speed; the baseline at the right speed, with a drift across
    // H's level sets that the projection removes
    NetworkChoice.Chosen chosen = NetworkChoice.of(models(constant(0.5, 0), constant(1, 0.3)), validation());
    NetworkChoice choice = chosen.choice();
    assertThat(choice.keptBaseline()).isTrue();
    assertThat(choice.baselineMse()).isLessThan(1e-20);
    // (0.5 t)² / 2 averaged over t = 0 … 2 in steps of 0.5: 0.25 · (0 + 0.25 + 1 + 2.25 + 4) / 5 / 2
    assertThat(choice.trainedMse()).isWithin(1e-12).of(0.25 * 7.5 / 5 / 2);
    assertThat(choice.trajectories()).isEqualTo(3);
    LearnedDynamics kept = chosen.models().concernet();
    assertThat(kept.weights()).isEqualTo(constant(1, 0.3));
    assertThat(kept.invariant().orElseThrow()).isEqualTo(H);
    assertThat(kept.training()).isEqualTo(chosen.models().baseline().training());
    assertThat(kept.vectorField(new double[] {0.2, -0.4})).isEqualTo(new double[] {1, 0});
    // every trajectory has the same errors here, so the difference is infinitely many standard errors
    assertThat(choice.z()).isPositiveInfinity();
    assertThat(choice.describe()).isEqualTo("ConCerNet projects the baseline's network: rollout MSE on 3 validation"
        + " trajectories 0.000e+00, against 1.875e-01 for the network trained through the projection (the paired"
        + " difference is ∞ standard errors; the baseline's is kept from 2)");
  }

  @Test
  void keepsThePapersNetworkWhenItIsBetterAndOnATie() {
    TrainedModels better = models(constant(1, 0.5), constant(0.5, 0));
    NetworkChoice.Chosen chosen = NetworkChoice.of(better, validation());
    assertThat(chosen.choice().keptBaseline()).isFalse();
    assertThat(chosen.models()).isSameInstanceAs(better);
    assertThat(chosen.choice().describe()).startsWith("ConCerNet projects the network trained through the projection"
        + " (the paper's): rollout MSE on 3 validation trajectories 0.000e+00, against 1.875e-01");
    TrainedModels tie = models(constant(0.5, 0), constant(0.5, 0.2));
    assertThat(NetworkChoice.of(tie, validation()).choice().keptBaseline()).isFalse();
    assertThat(NetworkChoice.of(tie, validation()).choice().z()).isEqualTo(0.0);
  }

  @Test
  void theBaselinesNetworkMustBeBetterByTwoStandardErrorsOfThePairedDifferences() {
    // differences 2, 3, 1: mean 2, standard deviation 1, standard error 1/√3
    assertThat(NetworkChoice.pairedZ(new double[] {3, 5, 4}, new double[] {1, 2, 3})).isWithin(1e-12)
        .of(2 * Math.sqrt(3));
    // a lower mean that the trajectories do not agree on: differences 3, −2, 0.5, mean 0.5, standard error 1.44
    assertThat(NetworkChoice.pairedZ(new double[] {4, 1, 2}, new double[] {1, 3, 1.5})).isLessThan(NetworkChoice.Z);
    assertThat(NetworkChoice.pairedZ(new double[] {1, 2, 3}, new double[] {3, 5, 4})).isWithin(1e-12)
        .of(-2 * Math.sqrt(3));
    // blow-ups: the side that blew up loses; both, no choice
    double inf = Double.POSITIVE_INFINITY;
    assertThat(NetworkChoice.pairedZ(new double[] {1, inf}, new double[] {1, 2})).isPositiveInfinity();
    assertThat(NetworkChoice.pairedZ(new double[] {1, 2}, new double[] {inf, 2})).isNegativeInfinity();
    assertThat(NetworkChoice.pairedZ(new double[] {inf, 2}, new double[] {inf, 2})).isNaN();
  }

  @Test
  void rollsOutAtMostAHundredValidationTrajectories() {
    NetworkChoice choice = NetworkChoice.of(models(constant(0.5, 0), constant(1, 0.3)), validation(150)).choice();
    assertThat(choice.trajectories()).isEqualTo(NetworkChoice.MAX_TRAJECTORIES);
    assertThat(choice.trainedMse()).isWithin(1e-12).of(0.25 * 7.5 / 5 / 2);
  }

  @Test
  void isMadeOnGeneratedDataWithoutAnAutoencoderUnlessThePapersNetworkIsAskedFor() {
    Protocol auto = Protocol.builder().build();
    assertThat(auto.projectedNetwork()).isEqualTo(ProjectedNetwork.AUTO);
    assertThat(NetworkChoice.applies(auto, 1, false, true)).isTrue();
    assertThat(NetworkChoice.applies(auto, 2, false, true)).isTrue();
    assertThat(NetworkChoice.applies(auto, 1, true, true)).isFalse();
    assertThat(NetworkChoice.applies(auto, 1, false, false)).isFalse();
    Protocol paper = auto.toBuilder().projectedNetwork(ProjectedNetwork.TRAINED).build();
    assertThat(NetworkChoice.applies(paper, 1, false, true)).isFalse();
  }
}
