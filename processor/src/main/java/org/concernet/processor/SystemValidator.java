/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.concernet.processor.SystemModel.CandidateTerm;
import org.concernet.processor.SystemModel.Derivative;
import org.concernet.processor.SystemModel.GraphForm;
import org.concernet.processor.SystemModel.Invariant;
import org.concernet.processor.SystemModel.Parameter;
import org.concernet.processor.SystemModel.ProtocolModel;
import org.concernet.processor.SystemModel.State;

/**
 * Reads one {@code @DynamicalSystem} class through its annotation mirrors, reports everything
 * wrong with it, and builds its {@link SystemModel} when nothing is.
 */
final class SystemValidator {
  private final Elements elements;
  private final Trees trees; // null when the compiler offers no tree API

  SystemValidator(Elements elements, Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  Optional<SystemModel> validate(TypeElement type, ValidationReport report) {
    AnnotationMirror system = mirror(type, RuntimeNames.DYNAMICAL_SYSTEM).orElseThrow();
    Optional<AnnotationMirror> measuredMirror = mirror(type, RuntimeNames.MEASURED);
    boolean measured = measuredMirror.isPresent();
    String typeName = type.getSimpleName().toString();
    validateKind(type, report);

    List<State> states = new ArrayList<>();
    List<Parameter> parameters = new ArrayList<>();
    List<? extends Element> members = members(type);
    Map<String, AnnotationMirror> resized = stateSizes(type, system, report);
    int offset = 0;
    Map<String, VariableElement> annotatedFields = new LinkedHashMap<>();
    for (VariableElement field : ElementFilter.fieldsIn(members)) {
      Optional<AnnotationMirror> state = mirror(field, RuntimeNames.STATE);
      Optional<AnnotationMirror> parameter = mirror(field, RuntimeNames.PARAMETER);
      VariableElement hidden = annotatedFields.get(field.getSimpleName().toString());
      if (hidden != null) {
        report.error(Message.HIDDEN_FIELD, field, field.getSimpleName(), enclosingName(field), enclosingName(hidden),
            enclosingName(hidden));
        continue;
      }
      if (state.isPresent() || parameter.isPresent()) {
        annotatedFields.put(field.getSimpleName().toString(), field);
      }
      if (state.isPresent() && parameter.isPresent()) {
        report.error(Message.CONFLICTING_ROLES, field, "field", field.getSimpleName(), "both @State and @Parameter");
        continue;
      }
      if (state.isPresent()) {
        Optional<State> validated = validateState(field, state.get(), offset, resized.remove(field.getSimpleName().toString()),
            type, report);
        if (validated.isPresent() && measured && validated.get().isArray()) {
          report.error(Message.MEASURED_STATE, field, field.getSimpleName(), typeName);
        } else if (validated.isPresent()) {
          states.add(validated.get());
          offset += validated.get().width();
        }
      } else if (parameter.isPresent() && measured) {
        report.error(Message.MEASURED_EQUATIONS, field, typeName, "@Parameter field", field.getSimpleName(),
            "the @Parameter field");
      } else if (parameter.isPresent()) {
        validateParameter(field, report).ifPresent(parameters::add);
      }
    }
    resized.forEach((name, mirror) -> report.error(Message.STATE_SIZES, type, mirror, value(mirror, "state"),
        "names \"" + name + "\", which is no @State double[] field of " + type.getSimpleName() + " or the classes it extends"));
    Map<String, State> statesByName = new LinkedHashMap<>();
    states.forEach(s -> statesByName.put(s.name(), s));
    // states that failed validation still count as known names, so no second error follows
    List<String> allStateNames = ElementFilter.fieldsIn(members).stream()
        .filter(f -> mirror(f, RuntimeNames.STATE).isPresent())
        .map(f -> f.getSimpleName().toString())
        .collect(Collectors.toList());

    Map<String, Derivative> derivatives = new LinkedHashMap<>();
    Map<String, String> derivativeMethods = new LinkedHashMap<>();
    List<Invariant> invariants = new ArrayList<>();
    Map<String, String> invariantMethods = new LinkedHashMap<>();
    List<CandidateTerm> candidateTerms = new ArrayList<>();
    Map<String, String> candidateMethods = new LinkedHashMap<>();
    String initialState = null;
    String evaluationInitialState = null;
    for (ExecutableElement method : ElementFilter.methodsIn(members)) {
      Optional<AnnotationMirror> derivative = mirror(method, RuntimeNames.DERIVATIVE);
      Optional<AnnotationMirror> invariant = mirror(method, RuntimeNames.INVARIANT);
      Optional<AnnotationMirror> initial = mirror(method, RuntimeNames.INITIAL_STATE);
      Optional<AnnotationMirror> candidate = mirror(method, RuntimeNames.CANDIDATE_TERM);
      List<String> roles = new ArrayList<>();
      derivative.ifPresent(m -> roles.add("@Derivative"));
      invariant.ifPresent(m -> roles.add("@Invariant"));
      initial.ifPresent(m -> roles.add("@InitialState"));
      candidate.ifPresent(m -> roles.add("@CandidateTerm"));
      if (roles.size() > 1) {
        report.error(Message.CONFLICTING_ROLES, method, "method", method.getSimpleName() + "()",
            String.join(" and ", roles));
        continue;
      }
      String methodName = method.getSimpleName().toString();
      if (measured && !roles.isEmpty()) {
        report.error(Message.MEASURED_EQUATIONS, method, typeName, roles.get(0) + " method", methodName + "()",
            "the method's " + roles.get(0));
        continue;
      }
      if (derivative.isPresent()) {
        AnnotationMirror mirror = derivative.get();
        AnnotationValue value = value(mirror, "value");
        String target = (String) value.getValue();
        boolean ok = validateMember(method, "Derivative", report) & validateNoParameters(method, "Derivative", report);
        State state = statesByName.get(target);
        if (!allStateNames.contains(target)) {
          report.error(Message.UNKNOWN_DERIVATIVE_TARGET, method, mirror, value, target, methodName + "()",
              allStateNames.isEmpty() ? "none" : String.join(", ", allStateNames), didYouMean(target, allStateNames));
          ok = false;
        } else if (derivativeMethods.containsKey(target)) {
          report.error(Message.DUPLICATE_DERIVATIVE, method, mirror, value, target, methodName + "()",
              target, derivativeMethods.get(target));
          ok = false;
        } else {
          derivativeMethods.put(target, methodName);
        }
        if (state != null) {
          String expected = state.isArray() ? "double[]" : "double";
          if (!method.getReturnType().toString().equals(expected)) {
            report.error(Message.RETURN_TYPE, method, "Derivative", methodName + "()",
                method.getReturnType(), expected + " (the type of state " + target + ")");
            ok = false;
          }
          if (ok) {
            derivatives.put(target, new Derivative(method, methodName, state));
          }
        }
      } else if (invariant.isPresent()) {
        namedValue(method, invariant.get(), "Invariant", Message.INVARIANT_NAME, Message.DUPLICATE_INVARIANT,
            invariantMethods, report).ifPresent(name -> invariants.add(new Invariant(method, methodName, name)));
      } else if (candidate.isPresent()) {
        namedValue(method, candidate.get(), "CandidateTerm", Message.CANDIDATE_TERM_NAME,
            Message.DUPLICATE_CANDIDATE_TERM, candidateMethods, report)
            .ifPresent(name -> candidateTerms.add(new CandidateTerm(method, methodName, name)));
      } else if (initial.isPresent()) {
        AnnotationMirror mirror = initial.get();
        boolean evaluation = (Boolean) value(mirror, "evaluation").getValue();
        boolean ok = validateMember(method, "InitialState", report);
        boolean signature = method.getReturnType().getKind() == TypeKind.VOID
            && method.getParameters().size() == 1
            && method.getParameters().get(0).asType().toString().equals("java.util.random.RandomGenerator");
        if (!signature) {
          report.error(Message.INITIAL_STATE_SIGNATURE, method, methodName,
              method.getReturnType() + " " + methodName + "(" + method.getParameters().stream()
                  .map(p -> p.asType().toString()).collect(Collectors.joining(", ")) + ")",
              methodName);
          ok = false;
        }
        String existing = evaluation ? evaluationInitialState : initialState;
        if (existing != null) {
          report.error(Message.DUPLICATE_INITIAL_STATE, method, evaluation, methodName + "()",
              existing, evaluation ? "evaluation" : "training");
        } else if (ok) {
          if (evaluation) {
            evaluationInitialState = methodName;
          } else {
            initialState = methodName;
          }
        }
      }
    }

    if (allStateNames.isEmpty()) {
      report.error(Message.NO_STATE, type, type.getSimpleName());
    }
    for (State state : states) {
      if (!measured && !derivativeMethods.containsKey(state.name())) {
        String capitalised = Character.toUpperCase(state.name().charAt(0)) + state.name().substring(1);
        report.error(Message.MISSING_DERIVATIVE, state.element(), state.name(), state.name(), capitalised, typeName);
      }
    }
    Optional<SystemModel.Measured> measuredModel = measuredMirror.map(m -> measured(type, m, report));
    int dimension = states.stream().mapToInt(State::width).sum();
    ProtocolModel protocol = new ProtocolValidator(elements, this)
        .validate(type, system, dimension, states.size() == allStateNames.size(), report);

    if (!report.isClean()) {
      return Optional.empty();
    }
    String name = (String) value(system, "name").getValue();
    List<Derivative> ordered = measured ? List.of()
        : states.stream().map(s -> derivatives.get(s.name())).collect(Collectors.toList());
    return Optional.of(new SystemModel(type, ClassName.get(type), name.isBlank() ? type.getSimpleName().toString() : name.strip(),
        states, parameters, ordered, invariants, candidateTerms, Optional.ofNullable(initialState),
        Optional.ofNullable(evaluationInitialState), protocol, GraphForm.unavailable("not translated"), measuredModel));
  }

  /** The {@code @Measured} attributes, with an error on an energy form that is none. */
  private SystemModel.Measured measured(TypeElement type, AnnotationMirror mirror, ValidationReport report) {
    Map<? extends ExecutableElement, ? extends AnnotationValue> values = elements.getElementValuesWithDefaults(mirror);
    Map<String, AnnotationValue> byName = new LinkedHashMap<>();
    values.forEach((k, v) -> byName.put(k.getSimpleName().toString(), v));
    String energyForm = (String) byName.get("energyForm").getValue();
    if (!Set.of("", "pendulum", "spring").contains(energyForm)) {
      report.error(Message.MEASURED_ENERGY_FORM, type, mirror, value(mirror, "energyForm"), energyForm,
          type.getSimpleName());
    }
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> columns = (List<? extends AnnotationValue>) byName.get("columns").getValue();
    return new SystemModel.Measured((String) byName.get("data").getValue(),
        columns.stream().map(v -> (String) v.getValue()).toList(), (String) byName.get("time").getValue(),
        (String) byName.get("trial").getValue(), energyForm);
  }

  /**
   * The members of {@code type} and of the classes it extends, superclass members first: a system
   * that extends another system's class inherits its states, parameters and equations. A method
   * the subclass overrides (same name and parameter types, neither private nor static) is left
   * out, so a subclass may replace, say, the {@code @InitialState} sampler and keep the rest.
   */
  static List<Element> members(TypeElement type) {
    java.util.Deque<TypeElement> chain = new java.util.ArrayDeque<>();
    for (TypeElement t = type; t != null; ) {
      chain.addFirst(t);
      TypeMirror superclass = t.getSuperclass();
      TypeElement next = superclass.getKind() == TypeKind.DECLARED
          ? (TypeElement) ((javax.lang.model.type.DeclaredType) superclass).asElement() : null;
      t = next == null || next.getQualifiedName().contentEquals("java.lang.Object") ? null : next;
    }
    java.util.Set<String> overridden = new java.util.HashSet<>();
    List<List<Element>> levels = new ArrayList<>();
    java.util.Iterator<TypeElement> derivedFirst = chain.descendingIterator();
    while (derivedFirst.hasNext()) {
      List<Element> level = new ArrayList<>();
      for (Element e : derivedFirst.next().getEnclosedElements()) {
        if (e instanceof ExecutableElement m && e.getKind() == ElementKind.METHOD
            && !m.getModifiers().contains(Modifier.PRIVATE)
            && !m.getModifiers().contains(Modifier.STATIC)) {
          String signature = m.getSimpleName() + m.getParameters().stream()
              .map(p -> p.asType().toString()).collect(Collectors.joining(",", "(", ")"));
          if (!overridden.add(signature)) {
            continue; // a subclass overrides it
          }
        }
        level.add(e);
      }
      levels.add(0, level);
    }
    List<Element> members = new ArrayList<>();
    levels.forEach(members::addAll);
    return members;
  }

  /** The {@code @StateSize} entries of {@code stateSizes} by state name; reports sizes below 1 and repeated names. */
  private Map<String, AnnotationMirror> stateSizes(TypeElement type, AnnotationMirror system, ValidationReport report) {
    Map<String, AnnotationMirror> sizes = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> list = (List<? extends AnnotationValue>) value(system, "stateSizes").getValue();
    for (AnnotationValue entry : list) {
      AnnotationMirror mirror = (AnnotationMirror) entry.getValue();
      String state = (String) value(mirror, "state").getValue();
      AnnotationValue size = value(mirror, "size");
      if ((Integer) size.getValue() < 1) {
        report.error(Message.STATE_SIZES, type, mirror, size,
            "size = " + size.getValue() + " for \"" + state + "\" is out of range: write at least 1");
      } else if (sizes.containsKey(state)) {
        report.error(Message.STATE_SIZES, type, mirror, value(mirror, "state"),
            "names \"" + state + "\" twice; give each array state one size");
      } else {
        sizes.put(state, mirror);
      }
    }
    return sizes;
  }

  private void validateKind(TypeElement type, ValidationReport report) {
    String kind = null;
    switch (type.getKind()) {
      case INTERFACE -> kind = "an interface";
      case ENUM -> kind = "an enum";
      case RECORD -> kind = "a record";
      case ANNOTATION_TYPE -> kind = "an annotation type";
      default -> {
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
          kind = "abstract";
        } else if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
          kind = "an inner (non-static) class";
        } else if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
          kind = "a local class";
        }
      }
    }
    if (kind != null) {
      report.error(Message.SYSTEM_KIND, type, type.getSimpleName(), kind);
      return;
    }
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        report.error(Message.UNREACHABLE, type, "class", e.getSimpleName(), type.getSimpleName() + "System");
        return;
      }
    }
    boolean constructor = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    if (!constructor) {
      report.error(Message.NO_CONSTRUCTOR, type, type.getSimpleName(), type.getSimpleName() + "System",
          type.getSimpleName());
    }
  }

  private Optional<State> validateState(VariableElement field, AnnotationMirror mirror, int offset,
      AnnotationMirror resize, TypeElement system, ValidationReport report) {
    String name = field.getSimpleName().toString();
    boolean ok = validateMember(field, "State", report);
    if (field.getModifiers().contains(Modifier.FINAL)) {
      report.error(Message.FINAL_STATE, field, name);
      ok = false;
    }
    TypeMirror type = field.asType();
    boolean scalar = type.getKind() == TypeKind.DOUBLE;
    boolean array = type.getKind() == TypeKind.ARRAY
        && ((ArrayType) type).getComponentType().getKind() == TypeKind.DOUBLE;
    AnnotationValue sizeValue = value(mirror, "size");
    int size = (Integer) sizeValue.getValue();
    if (!scalar && !array) {
      report.error(Message.STATE_TYPE, field, name, type);
      ok = false;
    } else if (scalar && size != 0) {
      report.error(Message.STATE_SIZE_ON_SCALAR, field, mirror, sizeValue, name, size);
      ok = false;
    } else if (array && size < 1) {
      report.error(Message.STATE_SIZE_MISSING, field, mirror, sizeValue, name, size);
      ok = false;
    }
    if (resize != null) {
      if (array) {
        size = (Integer) value(resize, "size").getValue();
      } else {
        report.error(Message.STATE_SIZES, system, resize, value(resize, "state"),
            "names \"" + name + "\", a scalar @State; only double[] states have a size");
        ok = false;
      }
    }
    AnnotationValue minValue = value(mirror, "min");
    double min = (Double) minValue.getValue();
    double max = (Double) value(mirror, "max").getValue();
    if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
      report.error(Message.STATE_RANGE, field, mirror, minValue, name, min, max);
      ok = false;
    }
    return ok ? Optional.of(new State(field, name, array ? size : 0, min, max, offset)) : Optional.empty();
  }

  private Optional<Parameter> validateParameter(VariableElement field, ValidationReport report) {
    String name = field.getSimpleName().toString();
    boolean ok = true;
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Message.UNREACHABLE, field, "@Parameter field", name, enclosingName(field) + "System");
      ok = false;
    }
    String problem = null;
    if (field.asType().getKind() != TypeKind.DOUBLE) {
      problem = "of type " + field.asType();
    } else if (field.getModifiers().contains(Modifier.FINAL)) {
      problem = "final";
    } else if (field.getModifiers().contains(Modifier.STATIC)) {
      problem = "static";
    } else if (trees != null) {
      Tree tree = trees.getTree(field);
      if (tree instanceof VariableTree variable && variable.getInitializer() == null) {
        problem = "without an initializer";
      }
    }
    if (problem != null) {
      report.error(Message.PARAMETER_TYPE, field, name, problem);
      ok = false;
    }
    return ok ? Optional.of(new Parameter(field, name)) : Optional.empty();
  }

  private boolean validateMember(Element member, String annotation, ValidationReport report) {
    String name = member.getSimpleName() + (member.getKind() == ElementKind.METHOD ? "()" : "");
    boolean ok = true;
    if (member.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(Message.UNREACHABLE, member, "@" + annotation + " " + (member.getKind() == ElementKind.METHOD ? "method" : "field"),
          name, enclosingName(member) + "System");
      ok = false;
    }
    if (member.getModifiers().contains(Modifier.STATIC)) {
      report.error(Message.STATIC_MEMBER, member, annotation, name);
      ok = false;
    }
    return ok;
  }

  /**
   * The reported name of a no-argument {@code double} method annotated {@code @role(name = …)}
   * ({@code @Invariant}, {@code @CandidateTerm}): the name, or the method's when empty; empty after
   * reporting a bad signature, a blank name or a name already in {@code taken} (name → method).
   */
  private Optional<String> namedValue(ExecutableElement method, AnnotationMirror mirror, String role,
      Message blank, Message duplicate, Map<String, String> taken, ValidationReport report) {
    String methodName = method.getSimpleName().toString();
    AnnotationValue value = value(mirror, "name");
    String name = (String) value.getValue();
    boolean ok = validateMember(method, role, report) & validateNoParameters(method, role, report);
    if (method.getReturnType().getKind() != TypeKind.DOUBLE) {
      report.error(Message.RETURN_TYPE, method, role, methodName + "()", method.getReturnType(), "double");
      ok = false;
    }
    if (!name.isEmpty() && name.isBlank()) {
      report.error(blank, method, mirror, value, name, methodName + "()");
      ok = false;
    }
    String reported = name.isEmpty() ? methodName : name.strip();
    if (taken.containsKey(reported)) {
      report.error(duplicate, method, methodName + "()", reported, taken.get(reported));
      ok = false;
    } else {
      taken.put(reported, methodName);
    }
    return ok ? Optional.of(reported) : Optional.empty();
  }

  private boolean validateNoParameters(ExecutableElement method, String annotation, ValidationReport report) {
    if (!method.getParameters().isEmpty()) {
      report.error(Message.METHOD_PARAMETERS, method, annotation, method.getSimpleName() + "()", method.getParameters().size());
      return false;
    }
    return true;
  }

  /** MapStruct-style hint: the closest name within two edits, if any. */
  static String didYouMean(String found, List<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = editDistance(found, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : ". Did you mean \"" + best + "\"?";
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String enclosingName(Element member) {
    return member.getEnclosingElement().getSimpleName().toString();
  }

  static Optional<AnnotationMirror> mirror(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotation)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  AnnotationValue value(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry
        : elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    throw new IllegalStateException("no attribute " + name + " on " + mirror);
  }
}
