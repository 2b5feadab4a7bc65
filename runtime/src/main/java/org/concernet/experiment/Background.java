/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.experiment;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What the experiment's background threads share: how they are made, and how their failures come back. */
final class Background {
  private Background() {}

  /** Daemon threads named {@code name-1}, {@code name-2}, …: a run that fails is not kept alive by them. */
  static ThreadFactory daemons(String name) {
    AtomicInteger number = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + number.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The failure of a background task as the caller throws it: unchecked ones as they were. */
  static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(cause.getMessage(), cause);
  }
}
