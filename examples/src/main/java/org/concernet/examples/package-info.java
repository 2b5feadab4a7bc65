/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */

/**
 * The four systems of ConCerNet (ICML 2023) as annotated classes — {@link
 * org.concernet.examples.SpringMass}, {@link org.concernet.examples.ChemicalKinetics}, {@link
 * org.concernet.examples.Kepler} and {@link org.concernet.examples.HeatEquation} — each with the
 * paper's protocol as its annotation defaults. Compiling them generates {@code FooSystem} and
 * {@code FooExperiment}; run one with
 * {@code mvn -pl examples -am -Pexperiment package -DskipTests -Dexperiment=org.concernet.examples.KeplerExperiment}.
 */
package org.concernet.examples;
