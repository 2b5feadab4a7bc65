/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.contrastive;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concernet.data.Trajectories;
import org.concernet.nn.Precision;
import org.concernet.protocol.Protocol;
import org.concernet.protocol.Setting;

/**
 * Where a learned invariant came from: enough to reproduce it and to tell two models apart.
 * Serialised as {@code provenance.json} next to a saved model.
 *
 * @param system the system's name
 * @param protocol every setting of the {@link Protocol} the learner was given, by {@link Setting}
 *     name in declaration order, as JSON values (enums by name, an absent autoencoder as null)
 * @param seed the seed of initialisation and batch shuffling
 * @param precision the dtype training ran in
 * @param trajectories N of the training data
 * @param points T of the training data
 * @param dimension n of the training data
 * @param dataSha256 {@link #hash(Trajectories)} of the training data
 * @param libraryVersion concernet-runtime's version, as Maven built it
 * @param epochs contrastive epochs run
 * @param stepsPerEpoch optimizer steps (batches) per epoch
 * @param secondsPerEpoch wall-clock seconds per epoch of the training loop (graph building and the
 *     session's first run excluded)
 * @param finalLoss mean square ratio loss over the batches of the last epoch (before each step's
 *     update); with 0 epochs, of one pass without updates
 */
public record InvariantProvenance(
    String system,
    Map<String, Object> protocol,
    long seed,
    Precision precision,
    int trajectories,
    int points,
    int dimension,
    String dataSha256,
    String libraryVersion,
    int epochs,
    int stepsPerEpoch,
    double secondsPerEpoch,
    double finalLoss) {

  public InvariantProvenance {
    protocol = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(protocol));
  }

  /** Every setting of {@code protocol} as JSON values, in declaration order ({@link Setting#provenance}). */
  public static Map<String, Object> settings(Protocol protocol) {
    return Setting.provenance(protocol);
  }

  /**
   * SHA-256, as lowercase hex, of the training data: the state names (UTF-8, each followed by a 0
   * byte), N, T and n (4-byte big-endian ints), then every time, state and (when present)
   * derivative as 8-byte big-endian IEEE doubles, flat trajectory-major, in that order.
   */
  public static String hash(Trajectories data) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    for (String name : data.stateNames()) {
      digest.update(name.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    digest.update(ByteBuffer.allocate(12).putInt(data.count()).putInt(data.length()).putInt(data.dimension()).array());
    update(digest, data.timesFlat());
    update(digest, data.statesFlat());
    if (data.hasDerivatives()) {
      update(digest, data.derivativesFlat());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, double[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Double.BYTES);
    buffer.asDoubleBuffer().put(values);
    digest.update(buffer.array());
  }
}
