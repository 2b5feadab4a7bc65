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
  /** The interval of plain (not redrawn) progress lines. */
  static final double PLAIN_INTERVAL_SECONDS = 10.0;

  private final PrintStream out;
  private final boolean terminal;
  private final long intervalNanos;
  private String seedLabel = "";
  /** With several seeds at once, what labels a message of this one ("seed N: "); else empty. */
  private final boolean concurrent;
  private String messageLabel = "";
  private String stage;
  private long stageStart;
  /** The epoch of the stage's first report since it (re)started: the clock starts there. */
  private int firstEpoch;
  /** The epoch reported last: a stage whose epochs start again is timed again. */
  private int lastEpoch;
  private long lastPrint;
  private boolean lineOpen;

  private final java.util.function.LongSupplier clock;

  public ConsoleProgress(PrintStream out, boolean terminal, double intervalSeconds) {
    this(out, terminal, intervalSeconds, System::nanoTime);
  }

  private ConsoleProgress(PrintStream out, double intervalSeconds, java.util.function.LongSupplier clock,
      boolean concurrent) {
    this.out = out;
    this.terminal = false;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
    this.clock = clock;
    this.concurrent = concurrent;
  }

  /** As the public constructor, reading the time in nanoseconds from {@code clock}. */
  ConsoleProgress(PrintStream out, boolean terminal, double intervalSeconds, java.util.function.LongSupplier clock) {
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
    this.clock = clock;
    this.concurrent = false;
  }

  /** Progress on standard output, redrawn in place when it is a terminal. */
  public static ConsoleProgress standardOutput() {
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return new ConsoleProgress(System.out, terminal, terminal ? 0.2 : PLAIN_INTERVAL_SECONDS);
  }

  /**
   * Progress for one of several seeds running at once, on the same output: plain lines (a line
   * redrawn in place cannot show two seeds), at most every 10 s or this progress's interval if
   * longer, each printed whole; a message that does not name its seed gets "seed N: " in front.
   */
  public ConsoleProgress concurrent() {
    return new ConsoleProgress(out, Math.max(intervalNanos / 1e9, PLAIN_INTERVAL_SECONDS), clock, true);
  }

  /** Labels the lines that follow with the seed being run. */
  public void seed(long seed, int index, int count) {
    seedLabel = String.format(Locale.ROOT, "seed %d (%d/%d) ", seed, index + 1, count);
    messageLabel = concurrent ? "seed " + seed + ": " : "";
  }

  @Override
  public void epoch(String stageName, int epoch, int epochs, double loss) {
    long now = clock.getAsLong();
    if (!stageName.equals(stage) || epoch <= lastEpoch) {  // a new stage, or the same one run again
      stage = stageName;
      stageStart = now;
      lastPrint = now;
      firstEpoch = epoch;
    }
    lastEpoch = epoch;
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
    out.println(text.startsWith(messageLabel) ? text : messageLabel + text);
  }
}
