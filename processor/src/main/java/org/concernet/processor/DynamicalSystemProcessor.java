/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import org.concernet.processor.SystemModel.GraphForm;

/**
 * Generates {@code FooSystem} and {@code FooExperiment} for every {@code @DynamicalSystem} class
 * {@code Foo}. Each class is validated on its own: its errors are all reported and stop its
 * generation only.
 */
@AutoService(Processor.class)
public final class DynamicalSystemProcessor extends AbstractProcessor {
  private static final List<String> MEMBER_ANNOTATIONS = List.of(RuntimeNames.STATE, RuntimeNames.PARAMETER,
      RuntimeNames.DERIVATIVE, RuntimeNames.INVARIANT, RuntimeNames.INITIAL_STATE, RuntimeNames.CANDIDATE_TERM);

  private Trees trees;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    try {
      trees = Trees.instance(processingEnv);
    } catch (RuntimeException e) {
      trees = null; // not javac: no graph forms, Java forms still work
    }
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(RuntimeNames.DYNAMICAL_SYSTEM, RuntimeNames.STATE, RuntimeNames.PARAMETER,
        RuntimeNames.DERIVATIVE, RuntimeNames.INVARIANT, RuntimeNames.INITIAL_STATE, RuntimeNames.CANDIDATE_TERM,
        RuntimeNames.MEASURED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      reportOutsideSystems(round);
    } catch (RuntimeException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          Message.INTERNAL.format("annotated members", e));
    }
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(RuntimeNames.DYNAMICAL_SYSTEM);
    if (annotation == null) {
      return false;
    }
    List<TypeElement> types = new ArrayList<>(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation)));
    types.sort(Comparator.comparing(t -> t.getQualifiedName().toString()));
    for (TypeElement type : types) {
      try {
        processSystem(type);
      } catch (RuntimeException | IOException | StackOverflowError e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            Message.INTERNAL.format(type.getQualifiedName(), e), type);
      }
    }
    return false;
  }

  private void processSystem(TypeElement type) throws IOException {
    ValidationReport report = new ValidationReport();
    Optional<SystemModel> validated =
        new SystemValidator(processingEnv.getElementUtils(), trees).validate(type, report);
    if (validated.isEmpty()) {
      report.printTo(processingEnv.getMessager());
      return;
    }
    SystemModel model = validated.get();
    if (model.measured().isPresent()) {  // states only: nothing to translate
      report.printTo(processingEnv.getMessager());
      new MeasuredSystemGenerator(model).generate().writeTo(processingEnv.getFiler());
      new ExperimentGenerator(model).generate().writeTo(processingEnv.getFiler());
      return;
    }
    List<ExecutableElement> roots = new ArrayList<>();
    model.derivatives().forEach(d -> roots.add(d.element()));
    model.invariants().forEach(i -> roots.add(i.element()));
    GraphForm form = trees == null
        ? GraphForm.unavailable("the compiler offers no tree API to read method bodies; "
            + model.systemClass().simpleName() + " will generate data in Java instead")
        : new GraphTranslator(trees, type, model).translate(roots, report);
    model = model.withGraphForm(form);
    report.printTo(processingEnv.getMessager());
    new SystemGenerator(model).generate().writeTo(processingEnv.getFiler());
    new ExperimentGenerator(model).generate().writeTo(processingEnv.getFiler());
  }

  private void reportOutsideSystems(RoundEnvironment round) {
    TypeElement measured = processingEnv.getElementUtils().getTypeElement(RuntimeNames.MEASURED);
    if (measured != null) {
      for (Element element : round.getElementsAnnotatedWith(measured)) {
        if (SystemValidator.mirror(element, RuntimeNames.DYNAMICAL_SYSTEM).isEmpty()) {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              Message.OUTSIDE_SYSTEM.format(measured.getSimpleName(), element.getSimpleName(), element.getSimpleName()),
              element);
        }
      }
    }
    for (String name : MEMBER_ANNOTATIONS) {
      TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
      if (annotation == null) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        Element enclosing = element.getEnclosingElement();
        if (SystemValidator.mirror(enclosing, RuntimeNames.DYNAMICAL_SYSTEM).isEmpty()) {
          processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
              Message.OUTSIDE_SYSTEM.format(annotation.getSimpleName(), element.getSimpleName(), enclosing.getSimpleName()),
              element);
        }
      }
    }
  }
}
