/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * The problems found in one {@code @DynamicalSystem} class, each attached to its element and,
 * where it is one, to the annotation value, so an IDE underlines the exact token. Validation keeps
 * going after a problem so the user sees all of them at once.
 */
final class ValidationReport {
  private record Item(Message message, String text, Element element, AnnotationMirror annotation,
      AnnotationValue value) {}

  private final List<Item> items = new ArrayList<>();

  void error(Message message, Element element, Object... args) {
    items.add(new Item(message, message.format(args), element, null, null));
  }

  void error(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
      Object... args) {
    items.add(new Item(message, message.format(args), element, annotation, value));
  }

  boolean isClean() {
    return items.stream().noneMatch(item -> item.message.kind() == javax.tools.Diagnostic.Kind.ERROR);
  }

  void printTo(Messager messager) {
    for (Item item : items) {
      if (item.value != null) {
        messager.printMessage(item.message.kind(), item.text, item.element, item.annotation, item.value);
      } else if (item.annotation != null) {
        messager.printMessage(item.message.kind(), item.text, item.element, item.annotation);
      } else {
        messager.printMessage(item.message.kind(), item.text, item.element);
      }
    }
  }
}
