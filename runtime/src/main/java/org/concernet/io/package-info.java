/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Files written so that a reader never sees half of one, with the permissions any other file of
 * the user's would get ({@link org.concernet.io.AtomicFiles}). The lowest layer: it knows nothing
 * of the method.
 *
 * <p>Must not depend on: {@code org.concernet.nn}, {@code org.concernet.data}, {@code
 * org.concernet.training}, {@code org.concernet.results}, {@code org.concernet.report}, {@code
 * org.concernet.experiment}, {@code org.concernet.cli}.
 */
package org.concernet.io;
