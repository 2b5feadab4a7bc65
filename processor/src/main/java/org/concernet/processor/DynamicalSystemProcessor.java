/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;

/**
 * Generates {@code <Name>System} and {@code <Name>Experiment} for every {@code @DynamicalSystem}
 * class: validate (every error reported, on its element) → model → generate. A class with errors
 * generates nothing; the others still do. No exception leaves {@link #process}.
 */
@AutoService(Processor.class)
public final class DynamicalSystemProcessor extends AbstractProcessor {
  private Trees trees;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Annotations.DYNAMICAL_SYSTEM, Annotations.STATE, Annotations.PARAMETER,
        Annotations.DERIVATIVE, Annotations.INVARIANT, Annotations.INITIAL_STATE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
    super.init(env);
    try {
      trees = Trees.instance(env);
    } catch (RuntimeException e) {
      trees = null; // not javac: no tree API, so no graph translation (a note says so per system)
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement systemAnnotation = processingEnv.getElementUtils().getTypeElement(Annotations.DYNAMICAL_SYSTEM);
    if (systemAnnotation == null) {
      return false;
    }
    List<TypeElement> systems = new ArrayList<>();
    for (Element element : round.getElementsAnnotatedWith(systemAnnotation)) {
      if (element instanceof TypeElement t) {
        systems.add(t);
      }
    }
    systems.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    for (TypeElement system : systems) {
      try {
        processSystem(system);
      } catch (RuntimeException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.INTERNAL.format(system.getQualifiedName(), e), system);
      }
    }
    reportOrphans(round);
    return false;
  }

  private void processSystem(TypeElement type) {
    Validator validator = new Validator(processingEnv.getElementUtils(), type, this::hasInitializer);
    validator.validate();
    if (!validator.report().isClean()) {
      validator.report().printTo(processingEnv.getMessager());
      return;
    }
    SystemModel.GraphForm graph = translate(type, validator);
    PackageElement pkg = processingEnv.getElementUtils().getPackageOf(type);
    List<String> className = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      className.add(0, t.getSimpleName().toString());
    }
    SystemModel model = new SystemModel(type, pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString(),
        className, validator.name, validator.states, validator.parameters, validator.invariants,
        validator.initialState, validator.evaluationState, validator.protocol, graph);
    write(SystemWriter.write(model), model.simpleName() + "System", type);
    write(ExperimentWriter.write(model), model.simpleName() + "Experiment", type);
  }

  private SystemModel.GraphForm translate(TypeElement type, Validator validator) {
    String systemClass = type.getSimpleName() + "System";
    if (trees == null) {
      String reason = "this compiler offers no tree API to read method bodies";
      processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE,
          Message.NO_GRAPH_FORM.code() + " " + type.getSimpleName() + ": " + reason + "; " + systemClass
              + " will generate data in Java instead of in the graph", type);
      return new SystemModel.GraphForm(List.of(), Optional.of(reason));
    }
    java.util.Set<String> states = new java.util.LinkedHashSet<>();
    java.util.Set<String> arrays = new java.util.LinkedHashSet<>();
    for (SystemModel.State s : validator.states) {
      states.add(s.field());
      if (s.array()) {
        arrays.add(s.field());
      }
    }
    Translator translator = new Translator(trees, type, states, arrays, new java.util.LinkedHashSet<>(validator.parameters));
    List<ExecutableElement> roots = new ArrayList<>(validator.derivativeMethods);
    roots.addAll(validator.invariantMethods);
    Translator.Result result = translator.translate(roots);
    if (result.failure().isPresent()) {
      Translator.Failure f = result.failure().get();
      String message = Message.NO_GRAPH_FORM.format(f.method().getSimpleName() + "()", f.construct(), f.line(), systemClass);
      processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, message, f.method());
      String reason = message.substring(Message.NO_GRAPH_FORM.code().length() + 1);
      return new SystemModel.GraphForm(List.of(), Optional.of(reason));
    }
    return new SystemModel.GraphForm(result.methods(), Optional.empty());
  }

  private boolean hasInitializer(VariableElement field) {
    if (trees == null) {
      return true;
    }
    if (trees.getTree(field) instanceof VariableTree tree) {
      return tree.getInitializer() != null;
    }
    return true;
  }

  /** DSL annotations on members of classes that are not systems. */
  private void reportOrphans(RoundEnvironment round) {
    for (String annotation : List.of(Annotations.STATE, Annotations.PARAMETER, Annotations.DERIVATIVE,
        Annotations.INVARIANT, Annotations.INITIAL_STATE)) {
      TypeElement a = processingEnv.getElementUtils().getTypeElement(annotation);
      if (a == null) {
        continue;
      }
      for (Element member : round.getElementsAnnotatedWith(a)) {
        Element owner = member.getEnclosingElement();
        if (owner.getKind().isClass() || owner.getKind().isInterface() || owner.getKind() == ElementKind.ENUM) {
          if (Annotations.mirror(owner, Annotations.DYNAMICAL_SYSTEM).isEmpty()) {
            String simple = a.getSimpleName().toString();
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                Message.ORPHAN.format(simple, owner.getSimpleName(), simple), member);
          }
        }
      }
    }
  }

  private void write(JavaFile file, String name, TypeElement type) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL.format(type.getQualifiedName(), "cannot write " + name + ": " + e.getMessage()), type);
    }
  }
}
