/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The annotation processor: {@code @DynamicalSystem} classes are read through their annotation
 * mirrors ({@link org.concernet.processor.SystemValidator}), every problem goes into a
 * {@link org.concernet.processor.ValidationReport} with a stable code from
 * {@link org.concernet.processor.Message}, a clean class becomes an immutable
 * {@link org.concernet.processor.SystemModel}, its method bodies are translated to graph code by
 * {@link org.concernet.processor.GraphTranslator}, and the generators write {@code FooSystem} and
 * {@code FooExperiment} from the model alone. Depends on neither TensorFlow nor the runtime.
 */
package org.concernet.processor;
