/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * concernet-runtime's version, as Maven built it ({@code version.properties}, filtered at build
 * time), so runs from a jar, from {@code target/classes} or from an IDE all record the same version
 * in {@code --version}, results.json and every model's provenance.
 */
public final class LibraryVersion {
  private static final String VERSION = read();

  private LibraryVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String read() {
    try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing beside " + LibraryVersion.class.getName()
            + ": the runtime was not built by Maven");
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      if (version == null || version.startsWith("${")) {
        throw new IllegalStateException("version.properties was not filtered by Maven: version = " + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties: " + e.getMessage(), e);
    }
  }
}
