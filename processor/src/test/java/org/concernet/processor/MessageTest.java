/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The message catalogue and its documentation agree. */
class MessageTest {
  @Test
  void everyCodeIsDocumented() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "errors.md"));
    for (Message message : Message.values()) {
      assertThat(docs).contains("`" + message.code() + "`");
    }
  }

  @Test
  void atLeastFifteenErrorRules() {
    Set<String> errorCodes = Arrays.stream(Message.values())
        .filter(m -> m.kind() == javax.tools.Diagnostic.Kind.ERROR && m != Message.INTERNAL)
        .map(Message::code)
        .collect(Collectors.toSet());
    assertThat(errorCodes.size()).isAtLeast(15);
  }

  @Test
  void messagesCarryTheirTag() {
    assertThat(Message.STATE_TYPE.format("angle", "int")).startsWith("[Concernet/StateType] @State field angle has type int");
  }
}
