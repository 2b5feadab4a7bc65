/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import java.io.PrintStream;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Where graphs run. Graph code is device-agnostic; the choice is made once per process by session
 * configuration: {@code CPU} hides every GPU, {@code GPU} lets TensorFlow place kernels on the
 * first GPU (and fails at start-up if there is none), {@code AUTO} takes the GPU when one works
 * and falls back to the CPU with one line saying why.
 *
 * <p>A GPU needs the {@code -Pgpu} build (TensorFlow's {@code linux-x86_64-gpu} natives) and, on
 * the host, the NVIDIA driver, CUDA 12 runtime libraries and cuDNN 9 on the library path.
 */
public enum Device {
  CPU,
  GPU,
  AUTO;

  /**
   * Resolves {@code requested} to the device actually used, makes it the device of every session
   * from {@link Sessions#open}, and logs it on {@code log}.
   *
   * @throws IllegalStateException for {@code GPU} when no GPU can run a kernel, saying why
   */
  public static Device select(Device requested, PrintStream log) {
    Device chosen;
    if (requested == CPU) {
      chosen = CPU;
      log.println("device: cpu (" + Sessions.threads() + " thread(s) per session)");
    } else {
      String problem = probeGpu();
      if (problem == null) {
        chosen = GPU;
        log.println("device: gpu:0 (CUDA; " + Sessions.threads() + " host thread(s) per session)");
      } else if (requested == GPU) {
        throw new IllegalStateException("--device gpu: no usable GPU: " + problem
            + ". A GPU run needs the -Pgpu build (TensorFlow's linux-x86_64-gpu natives), an NVIDIA"
            + " driver, CUDA 12 and cuDNN 9 on the library path; use --device cpu or auto otherwise.");
      } else {
        chosen = CPU;
        log.println("device: cpu (auto: no usable GPU: " + problem + ")");
      }
    }
    Sessions.useDevice(chosen);
    return chosen;
  }

  /** TensorFlow's placement errors end with the sentence that says why; keep that one. */
  static String lastSentence(String message) {
    String text = message.strip();
    int newline = text.indexOf('\n');
    if (newline > 0) {
      text = text.substring(0, newline).strip();
    }
    String[] sentences = text.split("(?<=\\.) ");
    return sentences[sentences.length - 1];
  }

  /** Null when a kernel placed on GPU:0 runs without soft placement; else why not. */
  private static String probeGpu() {
    ConfigProto strict = ConfigProto.newBuilder().setAllowSoftPlacement(false)
        .setGpuOptions(org.tensorflow.proto.GPUOptions.newBuilder().setAllowGrowth(true)).build();
    try (Graph g = new Graph(); Session s = new Session(g, strict)) {
      Ops tf = Ops.create(g).withDevice(
          DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      try (Result r = s.runner().fetch(tf.math.add(tf.constant(1.0f), tf.constant(1.0f))).run()) {
        return null;
      }
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      return lastSentence(String.valueOf(e.getMessage()));
    }
  }
}
