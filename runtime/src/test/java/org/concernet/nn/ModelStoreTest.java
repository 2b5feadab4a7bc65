/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class ModelStoreTest {
  @TempDir Path dir;

  /** Weights that are float32 values, as a float32-trained network's are. */
  private static MlpWeights float32Weights() {
    MlpWeights w = MlpWeights.initialize(3, List.of(7, 5), 2, Activation.TANH, new SplittableRandom(4));
    List<double[][]> ws = new java.util.ArrayList<>();
    List<double[]> bs = new java.util.ArrayList<>();
    for (int l = 0; l < w.layers(); l++) {
      double[][] m = w.weight(l);
      for (double[] row : m) {
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) row[j];
        }
      }
      ws.add(m);
      bs.add(w.bias(l));
    }
    return new MlpWeights(ws, bs, Activation.TANH);
  }

  @Test
  void roundTripIsBitIdentical() throws IOException {
    for (MlpWeights weights : List.of(float32Weights(),
        MlpWeights.initialize(2, List.of(9), 1, Activation.RELU, new SplittableRandom(5)))) {
      Path model = dir.resolve("model-" + weights.activation());
      ModelStore.save(model, weights, Map.of("system", "Test", "seed", 3));
      ModelStore.Stored stored = ModelStore.load(model);
      assertThat(stored.weights()).isEqualTo(weights);
      assertThat(stored.provenance().get("system").asText()).isEqualTo("Test");
      double[] x = new double[weights.inputSize()];
      for (int i = 0; i < x.length; i++) {
        x[i] = 0.3 * i - 0.4;
      }
      assertThat(stored.weights().apply(x)).isEqualTo(weights.apply(x));
      assertThat(stored.weights().inputGradient(x)).isEqualTo(weights.inputGradient(x));
      // saving again over the same directory replaces the model
      ModelStore.save(model, weights, Map.of("system", "Again"));
      assertThat(ModelStore.load(model).provenance().get("system").asText()).isEqualTo("Again");
    }
  }

  @Test
  void aSaveIsRenamedIntoPlaceAndLeavesNothingBehind() throws IOException {
    MlpWeights first = float32Weights();
    MlpWeights second = MlpWeights.initialize(3, List.of(7, 5), 2, Activation.TANH, new SplittableRandom(9));
    Path model = dir.resolve("models").resolve("baseline");
    ModelStore.save(model, first, Map.of("run", 1));
    ModelStore.save(model, second, Map.of("run", 2));
    assertThat(ModelStore.load(model).weights()).isEqualTo(second);
    // no temporary or previous folder is left beside the model
    try (java.util.stream.Stream<Path> siblings = java.nio.file.Files.list(model.getParent())) {
      assertThat(siblings.map(p -> p.getFileName().toString()).toList()).containsExactly("baseline");
    }
  }

  @Test
  void aFolderHoldingOtherFilesIsNotOverwritten() throws IOException {
    Path folder = dir.resolve("notes");
    java.nio.file.Files.createDirectories(folder);
    java.nio.file.Files.writeString(folder.resolve("thesis.tex"), "precious");
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> ModelStore.save(folder, float32Weights(), Map.of()));
    assertThat(e).hasMessageThat().contains("holds thesis.tex, which is not part of a saved model; not overwriting it");
    assertThat(java.nio.file.Files.readString(folder.resolve("thesis.tex"))).isEqualTo("precious");
  }

  @Test
  void theSavedModelServesTheSameOutputsAsTheWeights() throws IOException {
    MlpWeights weights = float32Weights();
    ModelStore.save(dir, weights, Map.of());
    double[] x = {0.1, -0.5, 0.9, 1.5, 0.0, -2.0};
    try (SavedModelBundle bundle = SavedModelBundle.load(dir.resolve(ModelStore.SAVED_MODEL).toString(), "serve");
        TFloat64 input = Tensors.tensor(TFloat64.class, Shape.of(2, 3), x);
        Result r = bundle.call(Map.of("x", input))) {
      double[] h = Tensors.toDoubles(r.get("h").orElseThrow());
      double[] g = Tensors.toDoubles(r.get("gradient").orElseThrow());
      for (int b = 0; b < 2; b++) {
        double[] point = {x[3 * b], x[3 * b + 1], x[3 * b + 2]};
        double[] expected = weights.apply(point);
        double[][] grad = weights.inputGradient(point);
        for (int k = 0; k < 2; k++) {
          assertThat(h[2 * b + k]).isWithin(1e-14).of(expected[k]);
          for (int i = 0; i < 3; i++) {
            assertThat(g[(b * 3 + i) * 2 + k]).isWithin(1e-14).of(grad[i][k]);
          }
        }
      }
    }
  }

  @Test
  void weightsJsonIsPlainAndDocumented() throws IOException {
    MlpWeights weights = float32Weights();
    ModelStore.save(dir, weights, Map.of());
    var root = new ObjectMapper().readTree(dir.resolve(ModelStore.WEIGHTS).toFile());
    assertThat(root.get("format").asText()).isEqualTo("concernet-mlp/1");
    assertThat(root.get("activation").asText()).isEqualTo("TANH");
    assertThat(root.get("layers").size()).isEqualTo(3);
    assertThat(root.get("layers").get(0).get("weight").size()).isEqualTo(3);
    assertThat(root.get("layers").get(0).get("weight").get(0).size()).isEqualTo(7);
    assertThat(root.get("layers").get(0).get("weight").get(1).get(2).doubleValue()).isEqualTo(weights.weight(0)[1][2]);
    assertThat(ModelStore.readWeightsJson(root, "weights")).isEqualTo(weights);
  }

  @Test
  void aTamperedOrIncompleteDirectoryIsRejected() throws IOException {
    MlpWeights weights = float32Weights();
    ModelStore.save(dir, weights, Map.of());
    Path json = dir.resolve(ModelStore.WEIGHTS);
    Files.writeString(json, Files.readString(json).replaceFirst("\"bias\" : \\[ ", "\"bias\" : [ 12.5, "));
    IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
    assertThat(e).hasMessageThat().contains(ModelStore.WEIGHTS);
    Files.delete(dir.resolve(ModelStore.PROVENANCE));
    assertThat(assertThrows(IOException.class, () -> ModelStore.load(dir)))
        .hasMessageThat().contains("provenance.json is missing");
  }

  @SuppressWarnings("unused")
  private static final Class<?> FLOAT32 = TFloat32.class;
}
