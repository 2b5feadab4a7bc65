/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.concernet.processor.SystemModel.ProtocolModel;
import org.concernet.processor.SystemModel.SettingValue;

/**
 * Checks the protocol attributes of one {@code @DynamicalSystem} (and its autoencoder) for
 * {@link SystemValidator}: each value in its range, or a {@code ProtocolValue} / {@code
 * Autoencoder} error on the attribute; and collects the settings that differ from their defaults,
 * as the generated {@code Protocol.builder()} calls name them.
 */
final class ProtocolValidator {
  private final Elements elements;
  private final SystemValidator attributes;

  ProtocolValidator(Elements elements, SystemValidator attributes) {
    this.elements = elements;
    this.attributes = attributes;
  }

  ProtocolModel validate(TypeElement type, AnnotationMirror system, int dimension,
      boolean dimensionKnown, ValidationReport report) {
    ProtocolChecker c = new ProtocolChecker(type, system, report);
    c.integer("trajectories", v -> v >= 2, "at least 2 trajectories are needed for the contrastive loss");
    int points = c.integer("points", v -> v >= 2, "each trajectory needs at least 2 points");
    double startTime = c.real("startTime", Double::isFinite, "startTime must be finite");
    c.real("endTime", v -> Double.isFinite(v) && v > startTime, "endTime must be finite and greater than startTime (" + startTime + ")");
    c.real("noise", v -> Double.isFinite(v) && v >= 0, "noise is a standard deviation: write a finite value >= 0");
    c.integer("smoothingWindow", v -> v == 0 || v == 1 || v >= 5 && v % 2 == 1 && v <= points,
        "write 0 (chosen from the data), 1 (none) or an odd window of 5 to points (" + points + ") points");
    c.integer("evaluationTrajectories", v -> v >= 1, "write at least 1");
    c.integer("evaluationPoints", v -> v >= 2, "write at least 2");
    c.real("evaluationHorizon", v -> Double.isFinite(v) && v > 0, "write a finite horizon > 0");
    int r2Trajectories = c.integer("r2Trajectories", v -> v >= 1, "write at least 1");
    int latent = c.integer("latent", v -> v >= 0,
        "write the number of learned invariants, or 0 to estimate it from the data");
    if (r2Trajectories >= 1 && points >= 2 && latent >= 1) {
      long needed = r2PointsNeeded(latent);
      if ((long) r2Trajectories * points < needed) {
        report.error(Message.PROTOCOL_VALUE, type, system, attributes.value(system, "r2Trajectories"), "r2Trajectories",
            r2Trajectories, "R² fits a cubic in the " + latent + " learned output" + (latent == 1 ? "" : "s")
            + " with intercept, which needs at least " + needed + " points (r2Trajectories × points = "
            + (long) r2Trajectories * points + "); write at least " + ((needed + points - 1) / points));
      }
    }
    c.widths("hidden", "write one or more layer widths, each >= 1");
    c.integer("contrastiveEpochs", v -> v >= 0, "write a count >= 0");
    c.integer("contrastiveBatch", v -> v >= 2, "a contrastive batch needs at least 2 trajectories");
    c.integer("dynamicsEpochs", v -> v >= 0, "write a count >= 0");
    c.integer("dynamicsBatch", v -> v >= 1, "write at least 1");
    c.integer("shootingSteps", v -> v >= 1, "a shooting segment needs at least 1 observed step");
    c.integer("shootingSubsteps", v -> v >= 1, "write at least 1 RK4 step per observed step");
    c.real("unprojectedWeight", v -> Double.isFinite(v) && v >= 0,
        "write a finite weight >= 0 (0: the paper's projected loss alone)");
    c.real("learningRate", v -> Double.isFinite(v) && v > 0, "write a finite rate > 0");
    c.real("alignmentWeight", v -> Double.isFinite(v) && v >= 0, "write a finite weight >= 0 (0: the paper's loss)");
    c.real("alignmentStart", v -> v >= 0 && v < 1, "write a share of the contrastive epochs in [0, 1)");
    c.real("independenceWeight", v -> Double.isFinite(v) && v >= 0,
        "write a finite weight >= 0 (0: the paper's joint loss)");
    c.integer("deflationDegree", v -> v >= 0, "write a degree >= 0 (0: the paper's joint loss)");
    c.real("volumeWeight", v -> Double.isFinite(v) && v >= 0, "write a finite weight >= 0 (0: no volume barrier)");
    c.integer("levelSetNewton", v -> v >= 0, "write a count >= 0 (0: no level-set model)");
    c.real("hamiltonianWeight", v -> Double.isFinite(v) && v >= 0, "write a finite weight >= 0 (0: no Hamiltonian ending)");
    List<SettingValue> settings = changedSettings(system, "", Set.of("name", "stateSizes", "autoencoder"));

    AnnotationValue autoencoders = attributes.value(system, "autoencoder");
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> list = (List<? extends AnnotationValue>) autoencoders.getValue();
    if (list.size() > 1) {
      report.error(Message.AUTOENCODER, type, system, autoencoders,
          "declares " + list.size() + " autoencoders; declare at most one");
    } else if (list.size() == 1) {
      AnnotationMirror mirror = (AnnotationMirror) list.get(0).getValue();
      AnnotationValue latentValue = attributes.value(mirror, "latent");
      int aeLatent = (Integer) latentValue.getValue();
      boolean ok = true;
      if (aeLatent < 1 || (dimensionKnown && aeLatent >= dimension)) {
        report.error(Message.AUTOENCODER, type, mirror, latentValue,
            "latent = " + aeLatent + " is out of range: it must be at least 1 and smaller than the state dimension " + dimension);
        ok = false;
      }
      AnnotationValue hiddenValue = attributes.value(mirror, "hidden");
      List<Integer> aeHidden = ints(hiddenValue);
      if (aeHidden.isEmpty() || aeHidden.stream().anyMatch(w -> w < 1)) {
        report.error(Message.AUTOENCODER, type, mirror, hiddenValue,
            "hidden = " + aeHidden + " is out of range: write one or more layer widths, each >= 1");
        ok = false;
      }
      AnnotationValue epochsValue = attributes.value(mirror, "epochs");
      int epochs = (Integer) epochsValue.getValue();
      if (epochs < 0) {
        report.error(Message.AUTOENCODER, type, mirror, epochsValue, "epochs = " + epochs + " is out of range: write a count >= 0");
        ok = false;
      }
      AnnotationValue batchValue = attributes.value(mirror, "batch");
      int batch = (Integer) batchValue.getValue();
      if (batch < 1) {
        report.error(Message.AUTOENCODER, type, mirror, batchValue, "batch = " + batch + " is out of range: write at least 1");
        ok = false;
      }
      if (ok) {
        settings.add(new SettingValue("autoencoder", CodeBlock.of("$L", aeLatent)));
        settings.addAll(changedSettings(mirror, "autoencoder", Set.of("latent")));
      }
    }
    return new ProtocolModel(settings);
  }

  /**
   * The attributes of {@code mirror} whose values differ from their defaults, in declaration order,
   * except {@code skip}; named as the builder names them ({@code prefix} + capitalised attribute).
   */
  private List<SettingValue> changedSettings(AnnotationMirror mirror, String prefix, Set<String> skip) {
    Map<? extends ExecutableElement, ? extends AnnotationValue> values = elements.getElementValuesWithDefaults(mirror);
    List<SettingValue> settings = new ArrayList<>();
    for (ExecutableElement attribute : ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements())) {
      String name = attribute.getSimpleName().toString();
      AnnotationValue value = values.get(attribute);
      AnnotationValue defaultValue = attribute.getDefaultValue();
      if (skip.contains(name) || value == null
          || (defaultValue != null && plain(value).equals(plain(defaultValue)))) {
        continue;
      }
      String builderName = prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
      settings.add(new SettingValue(builderName, literal(value)));
    }
    return settings;
  }

  /** An attribute value as a comparable Java object: enum constants by name, arrays as lists. */
  private static Object plain(AnnotationValue value) {
    Object v = value.getValue();
    if (v instanceof List<?> list) {
      return list.stream().map(e -> plain((AnnotationValue) e)).toList();
    }
    if (v instanceof VariableElement constant) {
      return constant.getSimpleName().toString();
    }
    return v;
  }

  /** An attribute value as Java source: numbers as literals, enum constants qualified, int[] as List.of. */
  private static CodeBlock literal(AnnotationValue value) {
    Object v = value.getValue();
    if (v instanceof List<?> list) {
      return CodeBlock.of("$T.of($L)", List.class,
          CodeBlock.join(list.stream().map(e -> literal((AnnotationValue) e)).toList(), ", "));
    }
    if (v instanceof VariableElement constant) {
      return CodeBlock.of("$T.$N", ClassName.get((TypeElement) constant.getEnclosingElement()), constant.getSimpleName().toString());
    }
    return CodeBlock.of("$L", v);
  }

  private final class ProtocolChecker {
    private final TypeElement type;
    private final AnnotationMirror mirror;
    private final ValidationReport report;

    ProtocolChecker(TypeElement type, AnnotationMirror mirror, ValidationReport report) {
      this.type = type;
      this.mirror = mirror;
      this.report = report;
    }

    int integer(String name, java.util.function.IntPredicate valid, String hint) {
      AnnotationValue value = attributes.value(mirror, name);
      int v = (Integer) value.getValue();
      if (!valid.test(v)) {
        report.error(Message.PROTOCOL_VALUE, type, mirror, value, name, v, hint);
      }
      return v;
    }

    double real(String name, java.util.function.DoublePredicate valid, String hint) {
      AnnotationValue value = attributes.value(mirror, name);
      double v = (Double) value.getValue();
      if (!valid.test(v)) {
        report.error(Message.PROTOCOL_VALUE, type, mirror, value, name, v, hint);
      }
      return v;
    }

    List<Integer> widths(String name, String hint) {
      AnnotationValue value = attributes.value(mirror, name);
      List<Integer> widths = ints(value);
      if (widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
        report.error(Message.PROTOCOL_VALUE, type, mirror, value, name, widths, hint);
      }
      return widths;
    }
  }

  /**
   * Points the R² figures need: the cubic fit (org.concernet.eval.RSquared.cubic) has one term per
   * monomial of degree 1-3 in m outputs, C(m + 3, 3) − 1, plus an intercept and one more point.
   */
  static long r2PointsNeeded(int m) {
    return (long) (m + 1) * (m + 2) * (m + 3) / 6 + 1;
  }

  private static List<Integer> ints(AnnotationValue value) {
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> list = (List<? extends AnnotationValue>) value.getValue();
    return list.stream().map(v -> (Integer) v.getValue()).collect(Collectors.toList());
  }
}
