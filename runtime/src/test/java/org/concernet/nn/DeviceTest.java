/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.nn;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our build and test machines have no GPU: these tests pin the CPU fallback and the GPU error. */
class DeviceTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

  @AfterEach
  void backToCpu() {
    Device.select(Device.CPU, new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void cpuIsLoggedAndUsed() {
    assertThat(Device.select(Device.CPU, out)).isEqualTo(Device.CPU);
    assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("device: cpu");
    assertThat(Sessions.device()).isEqualTo(Device.CPU);
  }

  @Test
  void autoFallsBackToCpuWithOneLineWhenThereIsNoGpu() {
    assertThat(Device.select(Device.AUTO, out)).isEqualTo(Device.CPU);
    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(printed).startsWith("device: cpu (auto: no usable GPU: ");
    assertThat(printed.strip().lines().count()).isEqualTo(1);
  }

  @Test
  void gpuFailsWithAClearMessageWhenThereIsNoGpu() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Device.select(Device.GPU, out));
    assertThat(e).hasMessageThat().contains("--device gpu: no usable GPU");
    assertThat(e).hasMessageThat().contains("CUDA 12 and cuDNN 9");
  }

  @Test
  void theFallbackLineKeepsTensorFlowsReason() {
    assertThat(Device.lastSentence("Cannot assign a device for operation Add: {{node Add}} was explicitly assigned to"
        + " /device:GPU:0. Make sure the device specification refers to a valid device. The requested device"
        + " appears to be a GPU, but CUDA is not enabled."))
        .isEqualTo("The requested device appears to be a GPU, but CUDA is not enabled.");
  }
}
