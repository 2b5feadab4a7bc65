/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Checks one {@code @DynamicalSystem} class against every rule of docs/errors.md, collecting all
 * errors in a {@link ValidationReport}, and builds the parts of its {@link SystemModel} that do not
 * need the tree API.
 */
final class Validator {
  private final Elements elements;
  private final TypeElement type;
  private final ValidationReport report = new ValidationReport();
  private final java.util.function.Predicate<VariableElement> hasInitializer;

  // what validation found, for the model
  final List<SystemModel.State> states = new ArrayList<>();
  final List<String> parameters = new ArrayList<>();
  final List<SystemModel.Invariant> invariants = new ArrayList<>();
  final List<ExecutableElement> derivativeMethods = new ArrayList<>();
  final List<ExecutableElement> invariantMethods = new ArrayList<>();
  Optional<String> initialState = Optional.empty();
  Optional<String> evaluationState = Optional.empty();
  SystemModel.ProtocolModel protocol;
  String name;

  Validator(Elements elements, TypeElement type, java.util.function.Predicate<VariableElement> hasInitializer) {
    this.elements = elements;
    this.type = type;
    this.hasInitializer = hasInitializer;
  }

  ValidationReport report() {
    return report;
  }

  void validate() {
    checkClass();
    Map<String, VariableElement> stateFields = new LinkedHashMap<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (Annotations.mirror(field, Annotations.STATE).isPresent()) {
        checkState(field, stateFields);
      }
      if (Annotations.mirror(field, Annotations.PARAMETER).isPresent()) {
        checkParameter(field);
      }
    }
    if (stateFields.isEmpty()) {
      report.error(type, Message.NO_STATE, type.getSimpleName());
    }
    Map<String, ExecutableElement> derivatives = new LinkedHashMap<>();
    Set<String> invariantNames = new LinkedHashSet<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Annotations.mirror(method, Annotations.DERIVATIVE).ifPresent(m -> checkDerivative(method, m, stateFields, derivatives));
      Annotations.mirror(method, Annotations.INVARIANT).ifPresent(m -> checkInvariant(method, m, invariantNames));
      Annotations.mirror(method, Annotations.INITIAL_STATE).ifPresent(m -> checkInitialState(method, m));
    }
    for (Map.Entry<String, VariableElement> state : stateFields.entrySet()) {
      ExecutableElement derivative = derivatives.get(state.getKey());
      boolean array = state.getValue().asType().getKind() == TypeKind.ARRAY;
      if (derivative == null) {
        String field = state.getKey();
        report.error(state.getValue(), Message.MISSING_DERIVATIVE, field, field, array ? "double[]" : "double",
            Character.toUpperCase(field.charAt(0)) + field.substring(1));
        continue;
      }
      AnnotationMirror mirror = Annotations.mirror(state.getValue(), Annotations.STATE).orElseThrow();
      int size = ((Number) Annotations.value(elements, mirror, "size").getValue()).intValue();
      double min = ((Number) Annotations.value(elements, mirror, "min").getValue()).doubleValue();
      double max = ((Number) Annotations.value(elements, mirror, "max").getValue()).doubleValue();
      states.add(new SystemModel.State(state.getKey(), array, size, derivative.getSimpleName().toString(), min, max));
      derivativeMethods.add(derivative);
    }
    checkProtocol();
  }

  private void checkClass() {
    AnnotationMirror mirror = Annotations.mirror(type, Annotations.DYNAMICAL_SYSTEM).orElseThrow();
    String declared = (String) Annotations.value(elements, mirror, "name").getValue();
    name = declared.isEmpty() ? type.getSimpleName().toString() : declared;
    if (type.getKind() != ElementKind.CLASS) {
      report.error(type, Message.NOT_A_CLASS, type.getKind().name().toLowerCase().replace('_', ' '), type.getSimpleName());
      return;
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.error(type, Message.ABSTRACT_CLASS, type.getSimpleName());
    }
    if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
        || type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
      report.error(type, Message.INNER_CLASS, type.getSimpleName());
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.error(type, Message.GENERIC_CLASS, type.getSimpleName());
    }
    for (Element enclosing = type; enclosing instanceof TypeElement t; enclosing = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        report.error(type, Message.PRIVATE_CLASS, t.getSimpleName(), type.getSimpleName() + "System");
        break;
      }
    }
    boolean noArg = false;
    boolean anyConstructor = false;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      anyConstructor = true;
      if (constructor.getParameters().isEmpty() && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
        noArg = true;
      }
    }
    if (anyConstructor && !noArg) {
      report.error(type, Message.NO_CONSTRUCTOR, type.getSimpleName());
    }
  }

  private void checkMemberAccess(Element member, String what) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.STATIC)) {
      report.error(member, Message.MEMBER_ACCESS, what, member.getSimpleName(),
          modifiers.contains(Modifier.PRIVATE) ? "private" : "static", type.getSimpleName() + "System");
    }
  }

  private void checkState(VariableElement field, Map<String, VariableElement> stateFields) {
    String fieldName = field.getSimpleName().toString();
    AnnotationMirror mirror = Annotations.mirror(field, Annotations.STATE).orElseThrow();
    TypeMirror t = field.asType();
    boolean scalar = t.getKind() == TypeKind.DOUBLE;
    boolean array = t.getKind() == TypeKind.ARRAY
        && ((javax.lang.model.type.ArrayType) t).getComponentType().getKind() == TypeKind.DOUBLE;
    if (!scalar && !array) {
      report.error(field, Message.STATE_TYPE, fieldName, t);
      return;
    }
    checkMemberAccess(field, "@State field");
    if (field.getModifiers().contains(Modifier.FINAL)) {
      report.error(field, Message.FINAL_STATE, fieldName);
    }
    int size = ((Number) Annotations.value(elements, mirror, "size").getValue()).intValue();
    AnnotationValue sizeValue = Annotations.explicit(mirror, "size");
    if (array && size < 1) {
      report.error(field, mirror, sizeValue, Message.STATE_SIZE, sizeValue == null
          ? "@State double[] " + fieldName + " has no size; write @State(size = n) with the array's length n ≥ 1"
          : "@State(size = " + size + ") on '" + fieldName + "'; an array state needs size ≥ 1");
    }
    if (scalar && size != 0) {
      report.error(field, mirror, sizeValue, Message.STATE_SIZE,
          "@State(size = " + size + ") on the scalar field '" + fieldName + "'; size is only for double[] states, remove it");
    }
    double min = ((Number) Annotations.value(elements, mirror, "min").getValue()).doubleValue();
    double max = ((Number) Annotations.value(elements, mirror, "max").getValue()).doubleValue();
    if (!(min < max)) {
      AnnotationValue where = Annotations.explicit(mirror, "max") != null ? Annotations.explicit(mirror, "max")
          : Annotations.explicit(mirror, "min");
      report.error(field, mirror, where, Message.STATE_RANGE, fieldName, min, max);
    }
    stateFields.put(fieldName, field);
  }

  private void checkParameter(VariableElement field) {
    String fieldName = field.getSimpleName().toString();
    if (field.asType().getKind() != TypeKind.DOUBLE) {
      report.error(field, Message.PARAMETER_FIELD, fieldName, "is " + field.asType());
      return;
    }
    if (field.getModifiers().contains(Modifier.FINAL)) {
      report.error(field, Message.PARAMETER_FIELD, fieldName, "is final, so it cannot be overridden at run time");
      return;
    }
    if (field.getModifiers().contains(Modifier.PRIVATE) || field.getModifiers().contains(Modifier.STATIC)) {
      checkMemberAccess(field, "@Parameter field");
      return;
    }
    if (!hasInitializer.test(field)) {
      report.error(field, Message.PARAMETER_FIELD, fieldName, "has no initializer, so it has no default value");
      return;
    }
    parameters.add(fieldName);
  }

  private void checkNoArgMethod(ExecutableElement method, String annotation) {
    checkMemberAccess(method, annotation + " method");
    if (!method.getParameters().isEmpty()) {
      report.error(method, Message.METHOD_PARAMETERS, annotation, method.getSimpleName(), method.getParameters().size());
    }
  }

  private void checkDerivative(ExecutableElement method, AnnotationMirror mirror,
      Map<String, VariableElement> stateFields, Map<String, ExecutableElement> derivatives) {
    String state = (String) Annotations.value(elements, mirror, "value").getValue();
    AnnotationValue value = Annotations.explicit(mirror, "value");
    checkNoArgMethod(method, "@Derivative");
    VariableElement field = stateFields.get(state);
    if (field == null) {
      String hint = stateFields.isEmpty() ? "" : "; did you mean one of " + stateFields.keySet() + "?";
      report.error(method, mirror, value, Message.UNKNOWN_STATE, state, type.getSimpleName(), hint);
      return;
    }
    if (derivatives.containsKey(state)) {
      report.error(method, mirror, value, Message.DUPLICATE_DERIVATIVE, state, derivatives.get(state).getSimpleName());
      return;
    }
    boolean array = field.asType().getKind() == TypeKind.ARRAY;
    String expected = array ? "double[]" : "double";
    if (!method.getReturnType().toString().equals(expected)) {
      report.error(method, Message.RETURN_TYPE, "@Derivative(\"" + state + "\")", method.getSimpleName(),
          method.getReturnType(), expected + " (the type of the state '" + state + "')");
    }
    derivatives.put(state, method);
  }

  private void checkInvariant(ExecutableElement method, AnnotationMirror mirror, Set<String> names) {
    checkNoArgMethod(method, "@Invariant");
    if (method.getReturnType().getKind() != TypeKind.DOUBLE) {
      report.error(method, Message.RETURN_TYPE, "@Invariant", method.getSimpleName(), method.getReturnType(), "double");
    }
    String declared = (String) Annotations.value(elements, mirror, "name").getValue();
    String invariantName = declared.isEmpty() ? method.getSimpleName().toString() : declared;
    if (!names.add(invariantName)) {
      report.error(method, mirror, Annotations.explicit(mirror, "name"), Message.DUPLICATE_INVARIANT, invariantName);
      return;
    }
    invariants.add(new SystemModel.Invariant(invariantName, method.getSimpleName().toString()));
    invariantMethods.add(method);
  }

  private void checkInitialState(ExecutableElement method, AnnotationMirror mirror) {
    boolean evaluation = (Boolean) Annotations.value(elements, mirror, "evaluation").getValue();
    checkMemberAccess(method, "@InitialState method");
    boolean signature = method.getReturnType().getKind() == TypeKind.VOID
        && method.getParameters().size() == 1
        && method.getParameters().get(0).asType().toString().equals("java.util.random.RandomGenerator");
    if (!signature) {
      report.error(method, Message.INITIAL_STATE_SIGNATURE, method.getSimpleName() + method.getParameters().toString()
          .replace('[', '(').replace(']', ')'), method.getSimpleName());
      return;
    }
    Optional<String> existing = evaluation ? evaluationState : initialState;
    if (existing.isPresent()) {
      report.error(method, Message.DUPLICATE_INITIAL_STATE, evaluation ? "(evaluation = true)" : "",
          method.getSimpleName(), evaluation ? "evaluation rollouts" : "training", existing.get());
      return;
    }
    if (evaluation) {
      evaluationState = Optional.of(method.getSimpleName().toString());
    } else {
      initialState = Optional.of(method.getSimpleName().toString());
    }
  }

  private void checkProtocol() {
    AnnotationMirror mirror = Annotations.mirror(type, Annotations.DYNAMICAL_SYSTEM).orElseThrow();
    int trajectories = atLeast(mirror, "trajectories", 2, "needs at least 2 trajectories: contrastive learning compares trajectories");
    int points = atLeast(mirror, "points", 2, "needs at least 2 points per trajectory");
    double start = number(mirror, "startTime");
    double end = number(mirror, "endTime");
    if (!(end > start)) {
      report.error(type, mirror, Annotations.explicit(mirror, "endTime") != null ? Annotations.explicit(mirror, "endTime")
          : Annotations.explicit(mirror, "startTime"), Message.ATTRIBUTE_RANGE, "endTime", end,
          "must be after startTime (" + start + ")");
    }
    double noise = number(mirror, "noise");
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      report.error(type, mirror, Annotations.explicit(mirror, "noise"), Message.ATTRIBUTE_RANGE, "noise", noise,
          "must be finite and at least 0 (it is the standard deviation of the observation noise)");
    }
    int evaluationTrajectories = atLeast(mirror, "evaluationTrajectories", 1, "needs at least 1 rollout to evaluate");
    int evaluationPoints = atLeast(mirror, "evaluationPoints", 2, "needs at least 2 time points");
    double horizon = number(mirror, "evaluationHorizon");
    if (!(horizon > 0)) {
      report.error(type, mirror, Annotations.explicit(mirror, "evaluationHorizon"), Message.ATTRIBUTE_RANGE,
          "evaluationHorizon", horizon, "must be positive");
    }
    int r2 = atLeast(mirror, "r2Trajectories", 1, "needs at least 1 fresh trajectory for R²");
    int latent = atLeast(mirror, "latent", 1, "needs at least 1 learned conserved quantity");
    List<Integer> hidden = widths(mirror, "hidden");
    String activation = Annotations.value(elements, mirror, "activation").getValue().toString();
    int contrastiveEpochs = atLeast(mirror, "contrastiveEpochs", 0, "cannot be negative");
    int contrastiveBatch = atLeast(mirror, "contrastiveBatch", 2, "needs at least 2 trajectories per batch");
    int dynamicsEpochs = atLeast(mirror, "dynamicsEpochs", 0, "cannot be negative");
    int dynamicsBatch = atLeast(mirror, "dynamicsBatch", 1, "needs at least 1 point per batch");
    Optional<SystemModel.AutoencoderModel> autoencoder = autoencoder(mirror);
    protocol = new SystemModel.ProtocolModel(trajectories, points, start, end, noise, evaluationTrajectories,
        evaluationPoints, horizon, r2, latent, hidden, activation, contrastiveEpochs, contrastiveBatch,
        dynamicsEpochs, dynamicsBatch, autoencoder);
  }

  @SuppressWarnings("unchecked")
  private List<Integer> widths(AnnotationMirror mirror, String attribute) {
    List<Integer> widths = new ArrayList<>();
    for (AnnotationValue v : (List<? extends AnnotationValue>) Annotations.value(elements, mirror, attribute).getValue()) {
      int width = ((Number) v.getValue()).intValue();
      if (width < 1) {
        report.error(type, mirror, v, Message.ATTRIBUTE_RANGE, attribute, width, "is not a layer width; widths are at least 1");
      }
      widths.add(width);
    }
    if (widths.isEmpty()) {
      report.error(type, mirror, Annotations.explicit(mirror, attribute), Message.ATTRIBUTE_RANGE, attribute, "{}",
          "needs at least one hidden layer, e.g. {100, 100}");
    }
    return widths;
  }

  @SuppressWarnings("unchecked")
  private Optional<SystemModel.AutoencoderModel> autoencoder(AnnotationMirror mirror) {
    List<? extends AnnotationValue> values =
        (List<? extends AnnotationValue>) Annotations.value(elements, mirror, "autoencoder").getValue();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      report.error(type, mirror, Annotations.explicit(mirror, "autoencoder"), Message.AUTOENCODER,
          "@DynamicalSystem declares " + values.size() + " autoencoders; declare at most one");
      return Optional.empty();
    }
    AnnotationMirror ae = (AnnotationMirror) values.get(0).getValue();
    int latent = ((Number) Annotations.value(elements, ae, "latent").getValue()).intValue();
    int dimension = states.stream().mapToInt(s -> s.array() ? Math.max(s.size(), 0) : 1).sum();
    if (latent < 1 || (dimension > 0 && latent >= dimension)) {
      report.error(type, ae, Annotations.explicit(ae, "latent"), Message.AUTOENCODER,
          "@Autoencoder(latent = " + latent + ") must be at least 1 and below the state dimension " + dimension);
    }
    int epochs = ((Number) Annotations.value(elements, ae, "epochs").getValue()).intValue();
    int batch = ((Number) Annotations.value(elements, ae, "batch").getValue()).intValue();
    if (epochs < 0 || batch < 1) {
      report.error(type, ae, Annotations.explicit(ae, epochs < 0 ? "epochs" : "batch"), Message.AUTOENCODER,
          "@Autoencoder needs epochs ≥ 0 and batch ≥ 1, found epochs = " + epochs + ", batch = " + batch);
    }
    return Optional.of(new SystemModel.AutoencoderModel(latent, widths(ae, "hidden"), epochs, batch));
  }

  private int atLeast(AnnotationMirror mirror, String attribute, int minimum, String why) {
    int value = ((Number) Annotations.value(elements, mirror, attribute).getValue()).intValue();
    if (value < minimum) {
      report.error(type, mirror, Annotations.explicit(mirror, attribute), Message.ATTRIBUTE_RANGE, attribute, value,
          "is below " + minimum + ": it " + why);
    }
    return value;
  }

  private double number(AnnotationMirror mirror, String attribute) {
    return ((Number) Annotations.value(elements, mirror, attribute).getValue()).doubleValue();
  }
}
