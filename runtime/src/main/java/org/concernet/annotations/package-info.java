/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DSL: annotate a class with {@link org.concernet.annotations.DynamicalSystem}, its state
 * fields with {@link org.concernet.annotations.State}, and its equations with {@link
 * org.concernet.annotations.Derivative} and {@link org.concernet.annotations.Invariant}.
 */
package org.concernet.annotations;
