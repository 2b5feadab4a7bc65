/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that readers only ever see a complete one: the bytes go to a temporary file in
 * the same folder, which is then moved into place (atomically where the file system can).
 *
 * <p>Temporary files and folders are created like any other file of the process, so the results
 * get the permissions the user's umask gives (JDK's {@code Files.createTempFile} would make every
 * result {@code rw-------}).
 */
public final class AtomicFiles {
  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  public static void write(Path target, byte[] content) {
    try {
      Path folder = target.toAbsolutePath().getParent();
      Files.createDirectories(folder);
      Path temporary = temporarySibling(target, false);
      try {
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
          out.write(content);
        }
        try {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  public static void write(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Creates a new, empty, hidden file or folder beside {@code target} (named after it, unique in
   * this process and among processes), with the default permissions; the caller fills it and
   * moves it into place.
   */
  public static Path temporarySibling(Path target, boolean folder) throws IOException {
    Path absolute = target.toAbsolutePath();
    while (true) {
      Path candidate = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid()
          + "-" + COUNTER.incrementAndGet());
      try {
        return folder ? Files.createDirectory(candidate) : Files.createFile(candidate);
      } catch (FileAlreadyExistsException e) {
        // left by another process with the same pid: take the next name
      }
    }
  }
}
