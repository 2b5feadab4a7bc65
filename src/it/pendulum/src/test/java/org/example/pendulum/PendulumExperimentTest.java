package org.example.pendulum;

import static org.concernet.testing.ConcernetTruth.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.concernet.cli.ExperimentCommand;
import org.concernet.data.Rollout;
import org.concernet.experiment.Experiment;
import org.concernet.experiment.TrainedModels;
import org.concernet.protocol.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the experiment that `mvn compile` generated for Pendulum, as a user would. */
class PendulumExperimentTest {
  @Test
  void generatedExperimentRunsEndToEnd(@TempDir Path out) throws Exception {
    PendulumSystem system = new PendulumSystem();
    assertEquals(2, system.dimension());
    assertTrue(system.hasGraphForm(), () -> system.graphFormUnavailableReason().orElse(""));

    int status = ExperimentCommand.run(system, "--seeds", "1", "--device", "cpu", "--out", out.toString());
    assertEquals(0, status);

    JsonNode results = new ObjectMapper().readTree(Files.readString(out.resolve("results.json")));
    assertEquals("Pendulum", results.get("system").asText());
    double r2 = results.at("/invariantR2/energy/mean").asDouble();
    assertTrue(r2 > 0.9, "R² of the learned invariant against the energy: " + r2);
    double baseline = results.at("/violation/baseline/energy/mean").asDouble();
    double concernet = results.at("/violation/concernet/energy/mean").asDouble();
    assertTrue(concernet < baseline, "ConCerNet violation " + concernet + " vs baseline " + baseline);
    assertTrue(Files.exists(out.resolve("results.csv")));
  }

  @Test
  void trainedModelsConserveTheirInvariantAsTheReadmeShows() {
    PendulumSystem pendulum = new PendulumSystem();
    Protocol small = pendulum.protocol().toBuilder().trajectories(10).contrastiveEpochs(50).dynamicsEpochs(50).build();
    TrainedModels models = Experiment.train(pendulum, small, 0);
    Rollout rollout = models.rollout(new double[] {0.5, 0.0}, Protocol.linspace(0, 2, 21));
    assertThat(rollout).conserves(models::invariant).within(1e-4);
  }

  @Test
  void mainClassIsGenerated() throws Exception {
    assertTrue(PendulumExperiment.class.getMethod("main", String[].class) != null);
  }
}
