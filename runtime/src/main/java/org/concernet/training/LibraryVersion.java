/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.training;

/** The library's version, from the jar manifest (or "development" when run from classes). */
public final class LibraryVersion {
  private LibraryVersion() {}

  public static String get() {
    String version = LibraryVersion.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
