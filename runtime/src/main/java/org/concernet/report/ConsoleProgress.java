/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.report;

import java.io.PrintStream;
import java.util.Locale;
import org.concernet.training.ProgressListener;

/**
 * Prints training progress: stage, seed, epoch, loss and the time left. On a terminal one line is
 * redrawn in place; otherwise (CI, logs, pipes) a plain line is printed at most every few seconds
 * and at the end of each stage.
 */
public final class ConsoleProgress implements ProgressListener {
  private final PrintStream out;
  private final boolean terminal;
  private final long intervalNanos;
  private String seedLabel = "";
  private String stage;
  private long stageStart;
  /** The epoch of the stage's first report since it (re)started: the clock starts there. */
  private int firstEpoch;
  private long lastPrint;
  private boolean lineOpen;

  private final java.util.function.LongSupplier clock;

  public ConsoleProgress(PrintStream out, boolean terminal, double intervalSeconds) {
    this(out, terminal, intervalSeconds, System::nanoTime);
  }

  /** As the public constructor, reading the time in nanoseconds from {@code clock}. */
  ConsoleProgress(PrintStream out, boolean terminal, double intervalSeconds, java.util.function.LongSupplier clock) {
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
    this.clock = clock;
  }

  /** Progress on standard output, redrawn in place when it is a terminal. */
  public static ConsoleProgress standardOutput() {
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return new ConsoleProgress(System.out, terminal, terminal ? 0.2 : 10.0);
  }

  /** Labels the lines that follow with the seed being run. */
  public void seed(long seed, int index, int count) {
    seedLabel = String.format(Locale.ROOT, "seed %d (%d/%d) ", seed, index + 1, count);
  }

  @Override
  public void epoch(String stageName, int epoch, int epochs, double loss) {
    long now = clock.getAsLong();
    if (!stageName.equals(stage)) {
      stage = stageName;
      stageStart = now;
      lastPrint = now;
      firstEpoch = epoch;
    }
    boolean last = epoch >= epochs;
    if (!last && now - lastPrint < intervalNanos) {
      return;
    }
    lastPrint = now;
    double elapsed = (now - stageStart) / 1e9;
    // the time left from the epochs timed since the first report: a stage resumed from a checkpoint,
    // or continued after another stage (a branch) ran in between, starts the count again
    int timed = epoch - firstEpoch;
    double left = timed > 0 ? elapsed * (epochs - epoch) / timed : 0;
    String line = String.format(Locale.ROOT, "%s%-22s epoch %5d/%-5d loss %.4e  %s",
        seedLabel, stageName, epoch, epochs, loss, last ? (firstEpoch <= 1 ? String.format(Locale.ROOT, "done in %.1f s", elapsed)
            : String.format(Locale.ROOT, "done, %.1f s since epoch %d", elapsed, firstEpoch))
            : String.format(Locale.ROOT, "%.0f s left", left));
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      lineOpen = !last;
      if (last) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Prints a message on its own line (after any line being redrawn). */
  public void message(String text) {
    if (lineOpen) {
      out.println();
      lineOpen = false;
    }
    out.println(text);
  }
}
