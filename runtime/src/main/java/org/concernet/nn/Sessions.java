/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;

/**
 * Session settings shared by every stage. Small graphs are overhead-bound: one session run costs
 * 54-74 µs with TensorFlow's default thread pools and 20-29 µs on the caller's thread (see
 * TFJAVA.md), so training loops run with {@link #CALLER_THREAD}.
 */
public final class Sessions {
  /** Run options that execute the graph on the calling thread (no inter-op pool hand-off). */
  public static final RunOptions CALLER_THREAD = RunOptions.newBuilder().setInterOpThreadPool(-1).build();

  private static volatile int threads = 1;
  private static volatile Device device = Device.CPU;

  private Sessions() {}

  /**
   * Threads per session for intra- and inter-op parallelism. Default 1: at the paper's sizes one
   * thread per session is fastest and results do not depend on thread scheduling.
   */
  public static void setThreads(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + count);
    }
    threads = count;
  }

  public static int threads() {
    return threads;
  }

  /** The device sessions run on; chosen once at start-up by {@link Device#select}. */
  public static Device device() {
    return device;
  }

  static void useDevice(Device chosen) {
    if (chosen == Device.AUTO) {
      throw new IllegalArgumentException("resolve AUTO with Device.select first");
    }
    device = chosen;
  }

  /** A session on {@code graph} with the configured threads and device. */
  public static Session open(Graph graph) {
    return new Session(graph, config(device));
  }

  static ConfigProto config(Device on) {
    ConfigProto.Builder config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(threads)
        .setAllowSoftPlacement(true);
    if (on == Device.CPU) {
      // hide any GPU so that TensorFlow's default placement cannot pick it
      config.putDeviceCount("GPU", 0);
    } else {
      config.setGpuOptions(org.tensorflow.proto.GPUOptions.newBuilder().setAllowGrowth(true));
    }
    return config.build();
  }
}
