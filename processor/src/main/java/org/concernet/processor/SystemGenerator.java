/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import static org.concernet.processor.GraphTranslator.LIST_OF_OPERANDS;
import static org.concernet.processor.GraphTranslator.OPERAND_T;
import static org.concernet.processor.GraphTranslator.T;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.concernet.processor.SystemModel.Derivative;
import org.concernet.processor.SystemModel.GraphMethod;
import org.concernet.processor.SystemModel.GraphParameter;
import org.concernet.processor.SystemModel.CandidateTerm;
import org.concernet.processor.SystemModel.Invariant;
import org.concernet.processor.SystemModel.Parameter;
import org.concernet.processor.SystemModel.SettingValue;
import org.concernet.processor.SystemModel.State;

/**
 * Writes {@code FooSystem}, the {@code SystemSpec} of a {@code @DynamicalSystem} class {@code Foo}:
 * a subclass of the runtime's {@code DeclaredSystem<Foo>} holding only what is specific to
 * {@code Foo} (its names, state fields and ranges, parameters, equations in Java and graph form,
 * and protocol); the shared plumbing lives in the runtime.
 */
final class SystemGenerator {
  static final String PROCESSOR = "org.concernet.processor.DynamicalSystemProcessor";
  private static final TypeName MAP_OF_DOUBLES =
      ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class), ClassName.get(Double.class));
  private static final TypeVariableName T_NUMBER = TypeVariableName.get("T", RuntimeNames.TNUMBER);

  private final SystemModel model;
  private final ClassName user;
  private final boolean hasArrays;

  SystemGenerator(SystemModel model) {
    this.model = model;
    this.user = model.userClass();
    this.hasArrays = model.states().stream().anyMatch(State::isArray);
  }

  static AnnotationSpec generated() {
    return AnnotationSpec.builder(RuntimeNames.GENERATED).addMember("value", "$S", PROCESSOR).build();
  }

  JavaFile generate() {
    ClassName self = model.systemClass();
    boolean graph = model.graphForm().unavailableReason().isEmpty();
    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addOriginatingElement(model.element())
        .addAnnotation(generated())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeNames.DECLARED_SYSTEM, user))
        .addJavadoc("The {@link $T} of {@link $T}, generated from its annotations: its names, its\n"
            + "equations as Java and as TensorFlow graph builders, and its experiment protocol.\n", RuntimeNames.SYSTEM_SPEC, user);

    model.graphForm().unavailableReason().ifPresent(reason -> type.addField(
        FieldSpec.builder(String.class, "GRAPH_FORM_UNAVAILABLE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", reason).build()));

    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A system whose parameters have the defaults of a fresh {@code new $T()}.\n", user)
        .addStatement("this($T.of())", Map.class)
        .build());
    CodeBlock states = CodeBlock.join(model.states().stream().map(s -> s.isArray()
        ? CodeBlock.of("$T.array($S, $L, $L, $L)", RuntimeNames.STATE_FIELD, s.name(), s.size(), s.min(), s.max())
        : CodeBlock.of("$T.scalar($S, $L, $L)", RuntimeNames.STATE_FIELD, s.name(), s.min(), s.max())).toList(), ",\n");
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A system with the given parameter values; parameters not named keep their defaults.\n\n"
            + "@throws IllegalArgumentException if a name is not a {@code @Parameter} of {@link $T}\n", user)
        .addParameter(MAP_OF_DOUBLES, "parameters")
        .addStatement("super($S,\n$T.of($>\n$L$<),\n$L,\n$L,\nparameters)", model.name(), List.class, states,
            listOfStrings(model.invariants().stream().map(Invariant::name).toList()),
            model.parameters().isEmpty() ? CodeBlock.of("$T.of()", Map.class) : CodeBlock.of("defaults()"))
        .build());

    if (!model.parameters().isEmpty()) {
      MethodSpec.Builder defaults = MethodSpec.methodBuilder("defaults")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(MAP_OF_DOUBLES)
          .addStatement("$T system = new $T()", user, user)
          .addStatement("$T values = new $T<>()", MAP_OF_DOUBLES, LinkedHashMap.class);
      for (Parameter parameter : model.parameters()) {
        defaults.addStatement("values.put($S, system.$N)", parameter.name(), parameter.name());
      }
      type.addMethod(defaults.addStatement("return values").build());
    }

    type.addMethod(override("protocol", RuntimeNames.PROTOCOL).addStatement("return $L", protocol()).build());
    type.addMethod(MethodSpec.methodBuilder("withValues")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(self)
        .addParameter(MAP_OF_DOUBLES, "parameters")
        .addStatement("return new $T(parameters)", self)
        .build());

    addJavaForms(type);
    addSamplers(type);

    if (graph) {
      type.addMethod(MethodSpec.methodBuilder("graph")
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PROTECTED)
          .addTypeVariable(T_NUMBER)
          .returns(ParameterizedTypeName.get(RuntimeNames.GRAPH_EQUATIONS, T))
          .addParameter(ParameterizedTypeName.get(RuntimeNames.GRAPH_MATH, T), "math")
          .addParameter(LIST_OF_OPERANDS, "columns")
          .addStatement("return new Graph<>(math, columns, parameters())")
          .build());
      type.addType(graphClass());
    } else {
      type.addMethod(override("graphFormUnavailableReason", ParameterizedTypeName.get(Optional.class, String.class))
          .addStatement("return $T.of(GRAPH_FORM_UNAVAILABLE)", Optional.class)
          .build());
    }
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  private static MethodSpec.Builder override(String name, java.lang.reflect.Type returns) {
    return override(name, TypeName.get(returns));
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }

  private static MethodSpec.Builder hook(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PROTECTED).returns(returns);
  }

  private static CodeBlock listOfStrings(List<String> values) {
    return CodeBlock.of("$T.of($L)", List.class,
        CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", "));
  }

  /** {@code Protocol.builder()} with each setting the annotation changes, by name. */
  private CodeBlock protocol() {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.builder()$>", RuntimeNames.PROTOCOL);
    for (SettingValue setting : model.protocol().settings()) {
      code.add("\n.$N($L)", setting.name(), setting.value());
    }
    return code.add("\n.build()$<").build();
  }

  private void addJavaForms(TypeSpec.Builder type) {
    MethodSpec.Builder newSystem = hook("newSystem", user);
    if (model.parameters().isEmpty()) {
      newSystem.addStatement("return new $T()", user);
    } else {
      newSystem.addStatement("$T system = new $T()", user, user);
      for (Parameter parameter : model.parameters()) {
        newSystem.addStatement("system.$N = parameters().get($S)", parameter.name(), parameter.name());
      }
      newSystem.addStatement("return system");
    }
    type.addMethod(newSystem.build());

    MethodSpec.Builder setState = hook("setState", TypeName.VOID)
        .addParameter(user, "system")
        .addParameter(double[].class, "x");
    for (State state : model.states()) {
      if (state.isArray()) {
        setState.addStatement("system.$N = $T.copyOfRange(x, $L, $L)", state.name(), Arrays.class, state.offset(),
            state.offset() + state.size());
      } else {
        setState.addStatement("system.$N = x[$L]", state.name(), state.offset());
      }
    }
    type.addMethod(setState.build());

    type.addMethod(vector("stateOf", model.states().stream()
        .map(s -> new Slot(CodeBlock.of("system.$N", s.name()), s, "state " + s.name())).toList()));
    type.addMethod(vector("derivativeOf", model.derivatives().stream()
        .map(d -> new Slot(CodeBlock.of("system.$N()", d.method()), d.state(),
            d.method() + "() (the derivative of " + d.state().name() + ")")).toList()));
    type.addMethod(hook("invariantsOf", TypeName.get(double[].class))
        .addParameter(user, "system")
        .addStatement("return new double[] {$L}", CodeBlock.join(model.invariants().stream()
            .map(i -> CodeBlock.of("system.$N()", i.method())).toList(), ", "))
        .build());
    if (!model.candidateTerms().isEmpty()) {
      type.addMethod(override("candidateTermNames", ParameterizedTypeName.get(List.class, String.class))
          .addStatement("return $L", listOfStrings(model.candidateTerms().stream().map(CandidateTerm::name).toList()))
          .build());
      type.addMethod(hook("candidateTermsOf", TypeName.get(double[].class))
          .addParameter(user, "system")
          .addStatement("return new double[] {$L}", CodeBlock.join(model.candidateTerms().stream()
              .map(c -> CodeBlock.of("system.$N()", c.method())).toList(), ", "))
          .build());
    }
  }

  /** One value of a state vector: its Java expression, the state whose coordinates it fills, and its name in messages. */
  private record Slot(CodeBlock value, State state, String what) {}

  private MethodSpec vector(String name, List<Slot> slots) {
    MethodSpec.Builder method = hook(name, TypeName.get(double[].class)).addParameter(user, "system");
    if (!hasArrays) {
      return method.addStatement("return new double[] {$L}", CodeBlock.join(slots.stream().map(Slot::value).toList(), ", "))
          .build();
    }
    method.addStatement("double[] x = new double[$L]", model.dimension());
    for (Slot slot : slots) {
      State state = slot.state();
      if (state.isArray()) {
        method.addStatement("$T.arraycopy(checkLength($L, $L, $S), 0, x, $L, $L)", System.class, slot.value(),
            state.size(), slot.what(), state.offset(), state.size());
      } else {
        method.addStatement("x[$L] = $L", state.offset(), slot.value());
      }
    }
    return method.addStatement("return x").build();
  }

  private void addSamplers(TypeSpec.Builder type) {
    model.initialState().ifPresent(method -> type.addMethod(override("sampleInitialState", double[].class)
        .addParameter(RuntimeNames.RANDOM_GENERATOR, "rng")
        .addStatement("return sampled(system -> system.$N(rng))", method)
        .build()));
    model.evaluationInitialState().ifPresent(method -> type.addMethod(override("sampleEvaluationState", double[].class)
        .addParameter(RuntimeNames.RANDOM_GENERATOR, "rng")
        .addStatement("return sampled(system -> system.$N(rng))", method)
        .build()));
  }

  private TypeSpec graphClass() {
    String g = model.graphForm().mathName();
    TypeSpec.Builder graph = TypeSpec.classBuilder("Graph")
        .addJavadoc("The equations of {@link $T} as TensorFlow graph builders, on a batch of states.\n", user)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addTypeVariable(T_NUMBER)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeNames.GRAPH_EQUATIONS, T))
        .addField(ParameterizedTypeName.get(RuntimeNames.GRAPH_MATH, T), g, Modifier.PRIVATE, Modifier.FINAL);
    for (State state : model.states()) {
      graph.addField(state.isArray() ? LIST_OF_OPERANDS : OPERAND_T, state.name(), Modifier.PRIVATE, Modifier.FINAL);
    }
    for (Parameter parameter : model.parameters()) {
      graph.addField(OPERAND_T, parameter.name(), Modifier.PRIVATE, Modifier.FINAL);
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addParameter(ParameterizedTypeName.get(RuntimeNames.GRAPH_MATH, T), g)
        .addParameter(LIST_OF_OPERANDS, "columns")
        .addParameter(MAP_OF_DOUBLES, "parameters")
        .addStatement("this.$N = $N", g, g);
    for (State state : model.states()) {
      if (state.isArray()) {
        constructor.addStatement("this.$N = $T.copyOf(columns.subList($L, $L))", state.name(), List.class,
            state.offset(), state.offset() + state.size());
      } else {
        constructor.addStatement("this.$N = columns.get($L)", state.name(), state.offset());
      }
    }
    for (Parameter parameter : model.parameters()) {
      constructor.addStatement("this.$N = $N.constant(parameters.get($S))", parameter.name(), g, parameter.name());
    }
    graph.addMethod(constructor.build());

    MethodSpec.Builder derivatives = MethodSpec.methodBuilder("derivatives")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(LIST_OF_OPERANDS);
    if (hasArrays) {
      derivatives.addStatement("$T columns = new $T<>($L)", LIST_OF_OPERANDS, ArrayList.class, model.dimension());
      for (Derivative d : model.derivatives()) {
        if (d.state().isArray()) {
          derivatives.addStatement("columns.addAll(checkSize($N(), $L, $S))", d.method(), d.state().size(),
              d.method() + "() (the derivative of " + d.state().name() + ")");
        } else {
          derivatives.addStatement("columns.add($N())", d.method());
        }
      }
      derivatives.addStatement("return columns");
    } else {
      derivatives.addStatement("return $T.of($L)", List.class, CodeBlock.join(model.derivatives().stream()
          .map(d -> CodeBlock.of("$N()", d.method())).toList(), ", "));
    }
    graph.addMethod(derivatives.build());
    graph.addMethod(MethodSpec.methodBuilder("invariants")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(LIST_OF_OPERANDS)
        .addStatement("return $T.of($L)", List.class, CodeBlock.join(model.invariants().stream()
            .map(i -> CodeBlock.of("$N()", i.method())).toList(), ", "))
        .build());

    for (GraphMethod method : model.graphForm().methods()) {
      MethodSpec.Builder builder = MethodSpec.methodBuilder(method.name())
          .addJavadoc("Translated from {@link $T#$N($L)}.\n", user, method.name(), method.parameters().stream()
              .map(p -> switch (p.kind()) {
                case INT -> "int";
                case BOOLEAN -> "boolean";
                case GRAPH_ARRAY -> "double[]";
                default -> "double";
              })
              .collect(Collectors.joining(", ")))
          .returns(GraphTranslator.graphType(method.returns()));
      for (GraphParameter parameter : method.parameters()) {
        builder.addParameter(GraphTranslator.graphType(parameter.kind()), parameter.name());
      }
      graph.addMethod(builder.addCode(method.body()).build());
    }
    return graph.build();
  }
}
