/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.cli;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The lines TensorFlow 2.18's natives printed at the start of a run on this machine kind. */
class TensorFlowLogTest {
  @Test
  void tensorFlowsStartUpLinesAreRecognised() {
    assertThat(TensorFlowLog.isTensorFlowLine("2026-12-03 15:07:42.503486: I tensorflow/core/util/port.cc:153]"
        + " oneDNN custom operations are on. You may see slightly different numerical results due to floating-point"
        + " round-off errors from different computation orders. To turn them off, set the environment variable"
        + " `TF_ENABLE_ONEDNN_OPTS=0`.")).isTrue();
    assertThat(TensorFlowLog.isTensorFlowLine("2026-12-03 15:07:43.727578: I"
        + " tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is optimized to use available"
        + " CPU instructions in performance-critical operations.")).isTrue();
    assertThat(TensorFlowLog.isTensorFlowLine("To enable the following instructions: AVX2 AVX512F AVX512_VNNI"
        + " AVX512_BF16 AVX_VNNI FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags."))
        .isTrue();
    assertThat(TensorFlowLog.isTensorFlowLine(
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR")).isTrue();
    assertThat(TensorFlowLog.isTensorFlowLine("I0000 00:00:1796310464.105849   25641"
        + " mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled")).isTrue();
  }

  @Test
  void errorsAndTheLibrarysOwnLinesPass() {
    assertThat(TensorFlowLog.isTensorFlowLine("2026-12-03 15:07:42.503486: E tensorflow/core/framework/op.cc:12]"
        + " something failed")).isFalse();
    assertThat(TensorFlowLog.isTensorFlowLine("E0000 00:00:1796310464.105849   25641 cuda_dnn.cc:8] cuDNN failed"))
        .isFalse();
    assertThat(TensorFlowLog.isTensorFlowLine("SpringMassExperiment: error: --seeds must be at least 1, was 0"))
        .isFalse();
    assertThat(TensorFlowLog.isTensorFlowLine("seed 0 (1/1) contrastive            epoch     2/2")).isFalse();
    assertThat(TensorFlowLog.isTensorFlowLine("")).isFalse();
  }
}
