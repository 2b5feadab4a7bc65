/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.concernet.io.AtomicFiles;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Saves and loads a network with its provenance. A model directory holds:
 *
 * <ul>
 *   <li>{@code saved_model/}: a TensorFlow SavedModel (tag {@code serve}) with float64 variables
 *       {@code net_W<l>} ([in, out]) and {@code net_b<l>} ([out]) and the signature
 *       {@code serving_default}: input {@code x} [batch, n] float64 → outputs {@code h} [batch, m]
 *       and {@code gradient} [batch, n, m] (∂h/∂x). Loadable from Python or any TensorFlow binding.
 *   <li>{@code weights.json}: the same weights in plain JSON, for tools without TensorFlow:
 *       {@code {"format": "concernet-mlp/1", "activation": "TANH"|"RELU", "layers": [{"weight":
 *       [[…]], "bias": […]}, …]}}, layer l computing σ(h·W_l + b_l) with W_l as [in][out] rows, the
 *       last layer linear. Numbers are written with Java's shortest round-tripping decimal form,
 *       so the doubles read back are the ones written.
 *   <li>{@code provenance.json}: whatever the caller passes, written with Jackson.
 * </ul>
 *
 * <p>Loading reads the weights from the SavedModel's variables and checks that they equal
 * {@code weights.json} bit for bit; float32-trained weights are stored exactly, since every float
 * is a double.
 */
public final class ModelStore {
  public static final String SAVED_MODEL = "saved_model";
  public static final String WEIGHTS = "weights.json";
  public static final String PROVENANCE = "provenance.json";
  public static final String FORMAT = "concernet-mlp/1";
  /** Prefix of the variables in the SavedModel. */
  public static final String VARIABLES = "net";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelStore() {}

  /** What {@link #load} returns. */
  public record Stored(MlpWeights weights, JsonNode provenance) {}

  /**
   * Writes {@code weights} and {@code provenance} into {@code directory}, replacing a model saved
   * there before. Everything is written into a temporary sibling folder first and then renamed into
   * place, so {@code directory} never holds a half-written model: an interrupted save leaves the
   * previous model (or nothing) and a {@code .<name>.tmp-…} folder.
   *
   * @throws IOException if {@code directory} exists and holds anything but a model saved here
   */
  public static void save(Path directory, MlpWeights weights, Object provenance) throws IOException {
    Path target = directory.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      requireModelDirectory(target);
    }
    Files.createDirectories(target.getParent());
    Path temporary = AtomicFiles.temporarySibling(target, true);
    try {
      exportSavedModel(temporary.resolve(SAVED_MODEL), weights);
      JSON.writeValue(temporary.resolve(WEIGHTS).toFile(), weightsJson(weights));
      JSON.writeValue(temporary.resolve(PROVENANCE).toFile(), provenance);
      Path previous = null;
      if (Files.exists(target)) {
        previous = target.resolveSibling("." + target.getFileName() + ".old-" + temporary.getFileName());
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      if (previous != null) {
        deleteRecursively(previous);
      }
    } finally {
      if (Files.exists(temporary)) {
        deleteRecursively(temporary);
      }
    }
  }

  /** Refuses to replace a folder that holds anything {@link #save} did not write. */
  private static void requireModelDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException(directory + " exists and is not a folder; not overwriting it");
    }
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        boolean ours = name.equals(WEIGHTS) || name.equals(PROVENANCE)
            || (name.equals(SAVED_MODEL) && Files.exists(entry.resolve("saved_model.pb")));
        if (!ours) {
          throw new IOException(directory + " holds " + name + ", which is not part of a saved model; not"
              + " overwriting it");
        }
      }
    }
  }

  /**
   * Reads a model directory written by {@link #save}.
   *
   * @throws IOException if a file is missing or unreadable, or the SavedModel and {@code
   *     weights.json} disagree
   */
  public static Stored load(Path directory) throws IOException {
    Path weightsFile = directory.resolve(WEIGHTS);
    Path provenanceFile = directory.resolve(PROVENANCE);
    for (Path required : List.of(weightsFile, provenanceFile, directory.resolve(SAVED_MODEL).resolve("saved_model.pb"))) {
      if (!Files.exists(required)) {
        throw new IOException("not a saved model directory: " + required + " is missing");
      }
    }
    MlpWeights fromJson = readWeightsJson(JSON.readTree(weightsFile.toFile()), weightsFile);
    MlpWeights fromSavedModel = readSavedModel(directory.resolve(SAVED_MODEL), fromJson.layers(), fromJson.activation());
    if (!fromSavedModel.equals(fromJson)) {
      throw new IOException(directory + ": the SavedModel's variables differ from " + WEIGHTS
          + "; one of them was changed after saving");
    }
    return new Stored(fromSavedModel, JSON.readTree(provenanceFile.toFile()));
  }

  private static void exportSavedModel(Path directory, MlpWeights weights) throws IOException {
    try (Graph g = new Graph(); Session s = Sessions.open(g)) {
      Ops tf = Ops.create(g);
      Mlp<TFloat64> mlp = Mlp.trainable(tf, VARIABLES, weights, TFloat64.class);
      Placeholder<TFloat64> x = tf.withName("x").placeholder(TFloat64.class,
          Placeholder.shape(Shape.of(-1, weights.inputSize())));
      Operand<TFloat64> h = tf.withName("h").identity(mlp.apply(x));
      Operand<TFloat64> gradient = tf.withName("gradient").identity(mlp.inputGradient(x));
      // the first run initialises the variables from the weights
      Session.Runner runner = s.runner();
      mlp.variables().forEach(runner::fetch);
      runner.run().close();
      SavedModelBundle.exporter(directory.toString())
          .withSession(s)
          .withSignature(Signature.builder().key(Signature.DEFAULT_KEY)
              .input("x", x).output("h", h).output("gradient", gradient).build())
          .export();
    }
  }

  private static MlpWeights readSavedModel(Path directory, int layers, Activation activation) throws IOException {
    try (SavedModelBundle bundle = SavedModelBundle.load(directory.toString(), SavedModelBundle.DEFAULT_TAG)) {
      Session.Runner runner = bundle.session().runner();
      for (int l = 0; l < layers; l++) {
        runner.fetch(VARIABLES + "_W" + l).fetch(VARIABLES + "_b" + l);
      }
      List<double[][]> w = new ArrayList<>();
      List<double[]> b = new ArrayList<>();
      try (Result result = runner.run()) {
        for (int l = 0; l < layers; l++) {
          w.add(Tensors.toMatrix(result.get(2 * l)));
          b.add(Tensors.toVector(result.get(2 * l + 1)));
        }
      }
      return new MlpWeights(w, b, activation);
    } catch (RuntimeException e) {
      throw new IOException("cannot read the SavedModel in " + directory + ": " + e.getMessage(), e);
    }
  }

  /** {@code weights} in the documented JSON form of {@code weights.json}. */
  public static ObjectNode weightsJson(MlpWeights weights) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("activation", weights.activation().name());
    ArrayNode layers = root.putArray("layers");
    for (int l = 0; l < weights.layers(); l++) {
      ObjectNode layer = layers.addObject();
      ArrayNode rows = layer.putArray("weight");
      for (double[] row : weights.weight(l)) {
        ArrayNode r = rows.addArray();
        for (double v : row) {
          r.add(v);
        }
      }
      ArrayNode bias = layer.putArray("bias");
      for (double v : weights.bias(l)) {
        bias.add(v);
      }
    }
    return root;
  }

  /** Reads the JSON form written by {@link #weightsJson}; {@code source} names it in errors. */
  public static MlpWeights readWeightsJson(JsonNode root, Object source) throws IOException {
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IOException(source + ": expected format \"" + FORMAT + "\", found " + root.path("format"));
    }
    Activation activation;
    try {
      activation = Activation.valueOf(root.path("activation").asText());
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": unknown activation " + root.path("activation"), e);
    }
    List<double[][]> w = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    for (JsonNode layer : root.path("layers")) {
      JsonNode rows = layer.path("weight");
      double[][] matrix = new double[rows.size()][];
      for (int i = 0; i < matrix.length; i++) {
        matrix[i] = doubles(rows.get(i));
      }
      w.add(matrix);
      b.add(doubles(layer.path("bias")));
    }
    try {
      return new MlpWeights(w, b, activation);
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": " + e.getMessage(), e);
    }
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).doubleValue();
    }
    return out;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
