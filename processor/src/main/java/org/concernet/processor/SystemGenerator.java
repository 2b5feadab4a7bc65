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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.concernet.processor.SystemModel.Derivative;
import org.concernet.processor.SystemModel.GraphMethod;
import org.concernet.processor.SystemModel.GraphParameter;
import org.concernet.processor.SystemModel.Invariant;
import org.concernet.processor.SystemModel.Parameter;
import org.concernet.processor.SystemModel.ProtocolModel;
import org.concernet.processor.SystemModel.State;

/** Writes {@code FooSystem}, the {@code SystemSpec} of a {@code @DynamicalSystem} class {@code Foo}. */
final class SystemGenerator {
  static final String PROCESSOR = "org.concernet.processor.DynamicalSystemProcessor";
  private static final TypeName MAP_OF_DOUBLES =
      ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class), ClassName.get(Double.class));
  private static final TypeName LIST_OF_STRINGS =
      ParameterizedTypeName.get(ClassName.get(List.class), ClassName.get(String.class));
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
        .addSuperinterface(RuntimeNames.SYSTEM_SPEC)
        .addJavadoc("The {@link $T} of {@link $T}, generated from its annotations: its metadata, its\n"
            + "equations as Java and as TensorFlow graph builders, and its experiment protocol.\n", RuntimeNames.SYSTEM_SPEC, user);

    type.addField(FieldSpec.builder(String.class, "NAME", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", model.name()).build());
    type.addField(FieldSpec.builder(int.class, "DIMENSION", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$L", model.dimension()).build());
    type.addField(FieldSpec.builder(LIST_OF_STRINGS, "STATE_NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(hasArrays ? CodeBlock.of("listStateNames()") : listOfStrings(model.states().stream().map(State::name).toList()))
        .build());
    type.addField(FieldSpec.builder(LIST_OF_STRINGS, "INVARIANT_NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(listOfStrings(model.invariants().stream().map(Invariant::name).toList())).build());
    model.graphForm().unavailableReason().ifPresent(reason -> type.addField(
        FieldSpec.builder(String.class, "GRAPH_FORM_UNAVAILABLE", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$S", reason).build()));
    type.addField(FieldSpec.builder(MAP_OF_DOUBLES, "parameters", Modifier.PRIVATE, Modifier.FINAL).build());

    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A system whose parameters have the defaults of a fresh {@code new $T()}.\n", user)
        .addStatement("this($T.of())", Map.class)
        .build());
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A system with the given parameter values; parameters not named keep their defaults.\n\n"
            + "@throws IllegalArgumentException if a name is not a {@code @Parameter} of {@link $T}\n", user)
        .addParameter(MAP_OF_DOUBLES, "parameters")
        .addStatement("$T values = defaults()", MAP_OF_DOUBLES)
        .beginControlFlow("for ($T.Entry<String, Double> entry : parameters.entrySet())", Map.class)
        .beginControlFlow("if (!values.containsKey(entry.getKey()))")
        .addStatement("throw new $T(\"unknown parameter \" + entry.getKey() + \" of \" + NAME + \"; its parameters are \" + values.keySet())",
            IllegalArgumentException.class)
        .endControlFlow()
        .beginControlFlow("if (entry.getValue() == null)")
        .addStatement("throw new $T(\"parameter \" + entry.getKey() + \" is null\")", IllegalArgumentException.class)
        .endControlFlow()
        .addStatement("values.put(entry.getKey(), entry.getValue())")
        .endControlFlow()
        .addStatement("this.parameters = $T.unmodifiableMap(values)", Collections.class)
        .build());

    MethodSpec.Builder defaults = MethodSpec.methodBuilder("defaults")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(MAP_OF_DOUBLES)
        .addStatement("$T values = new $T<>()", MAP_OF_DOUBLES, LinkedHashMap.class);
    if (!model.parameters().isEmpty()) {
      defaults.addStatement("$T system = new $T()", user, user);
      for (Parameter parameter : model.parameters()) {
        defaults.addStatement("values.put($S, system.$N)", parameter.name(), parameter.name());
      }
    }
    type.addMethod(defaults.addStatement("return values").build());

    type.addMethod(override("name", String.class).addStatement("return NAME").build());
    type.addMethod(override("dimension", int.class).addStatement("return DIMENSION").build());
    type.addMethod(override("stateNames", LIST_OF_STRINGS).addStatement("return STATE_NAMES").build());
    type.addMethod(override("invariantNames", LIST_OF_STRINGS).addStatement("return INVARIANT_NAMES").build());
    type.addMethod(override("parameters", MAP_OF_DOUBLES).addStatement("return parameters").build());
    type.addMethod(override("withParameters", self)
        .addParameter(MAP_OF_DOUBLES, "overrides")
        .addStatement("$T values = new $T<>(parameters)", MAP_OF_DOUBLES, LinkedHashMap.class)
        .beginControlFlow("for ($T.Entry<String, Double> entry : overrides.entrySet())", Map.class)
        .beginControlFlow("if (!values.containsKey(entry.getKey()))")
        .addStatement("throw new $T(\"unknown parameter \" + entry.getKey() + \" of \" + NAME + \"; its parameters are \" + values.keySet())",
            IllegalArgumentException.class)
        .endControlFlow()
        .addStatement("values.put(entry.getKey(), entry.getValue())")
        .endControlFlow()
        .addStatement("return new $T(values)", self)
        .build());
    type.addMethod(override("protocol", RuntimeNames.PROTOCOL).addStatement("return $L", protocol()).build());

    addJavaForms(type);
    addSamplers(type);

    type.addMethod(override("graphFormUnavailableReason", ParameterizedTypeName.get(Optional.class, String.class))
        .addStatement(graph ? CodeBlock.of("return $T.empty()", Optional.class)
            : CodeBlock.of("return $T.of(GRAPH_FORM_UNAVAILABLE)", Optional.class))
        .build());
    for (String form : List.of("derivative", "invariants")) {
      MethodSpec.Builder method = MethodSpec.methodBuilder(form)
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .addTypeVariable(T_NUMBER)
          .returns(OPERAND_T)
          .addParameter(RuntimeNames.OPS, "tf")
          .addParameter(OPERAND_T, "x");
      if (graph) {
        method.addStatement("return new Graph<>(tf, x, parameters).$N()",
            form.equals("derivative") ? "stackDerivatives" : "stackInvariants");
      } else {
        method.addStatement("throw new $T(GRAPH_FORM_UNAVAILABLE)", UnsupportedOperationException.class);
      }
      type.addMethod(method.build());
    }

    if (hasArrays) {
      MethodSpec.Builder names = MethodSpec.methodBuilder("listStateNames")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(LIST_OF_STRINGS)
          .addStatement("$T names = new $T<>(DIMENSION)", LIST_OF_STRINGS, ArrayList.class);
      for (State state : model.states()) {
        if (state.isArray()) {
          names.beginControlFlow("for (int i = 0; i < $L; i++)", state.size())
              .addStatement("names.add($S + i + \"]\")", state.name() + "[")
              .endControlFlow();
        } else {
          names.addStatement("names.add($S)", state.name());
        }
      }
      type.addMethod(names.addStatement("return $T.copyOf(names)", List.class).build());
      type.addMethod(MethodSpec.methodBuilder("checkLength")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(double[].class)
          .addParameter(double[].class, "values")
          .addParameter(int.class, "expected")
          .addParameter(String.class, "what")
          .beginControlFlow("if (values == null || values.length != expected)")
          .addStatement("throw new $T(what + \" must have \" + expected + \" values, found \" + (values == null ? \"null\" : values.length))",
              IllegalArgumentException.class)
          .endControlFlow()
          .addStatement("return values")
          .build());
    }
    if (graph) {
      type.addType(graphClass());
    }
    return JavaFile.builder(self.packageName(), type.build()).skipJavaLangImports(true).indent("  ").build();
  }

  private static MethodSpec.Builder override(String name, java.lang.reflect.Type returns) {
    return override(name, TypeName.get(returns));
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }

  private static CodeBlock listOfStrings(List<String> values) {
    return CodeBlock.of("$T.of($L)", List.class,
        CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ", "));
  }

  private static CodeBlock ints(List<Integer> values) {
    return CodeBlock.of("$T.of($L)", List.class, values.stream().map(String::valueOf).collect(Collectors.joining(", ")));
  }

  private CodeBlock protocol() {
    ProtocolModel p = model.protocol();
    CodeBlock autoencoder = p.autoencoder()
        .map(a -> CodeBlock.of("$T.of(new $T($L, $L, $L, $L))", Optional.class, RuntimeNames.AUTOENCODER_SPEC,
            a.latent(), ints(a.hidden()), a.epochs(), a.batch()))
        .orElse(CodeBlock.of("$T.empty()", Optional.class));
    return CodeBlock.builder()
        .add("new $T(\n", RuntimeNames.PROTOCOL)
        .add("$L, $L, $L, $L, $L,\n", p.trajectories(), p.points(), p.startTime(), p.endTime(), p.noise())
        .add("$L, $L, $L, $L,\n", p.evaluationTrajectories(), p.evaluationPoints(), p.evaluationHorizon(), p.r2Trajectories())
        .add("$L, $L, $T.$L,\n", p.latent(), ints(p.hidden()), RuntimeNames.ACTIVATION, p.activation())
        .add("$L, $L, $L, $L,\n", p.contrastiveEpochs(), p.contrastiveBatch(), p.dynamicsEpochs(), p.dynamicsBatch())
        .add("$T.DEFAULT_LEARNING_RATE,\n", RuntimeNames.PROTOCOL)
        .add("$L)", autoencoder)
        .build();
  }

  private void addJavaForms(TypeSpec.Builder type) {
    MethodSpec.Builder newSystem = MethodSpec.methodBuilder("newSystem")
        .addJavadoc("A fresh {@link $T} with this system's parameter values.\n", user)
        .addModifiers(Modifier.PRIVATE)
        .returns(user)
        .addStatement("$T system = new $T()", user, user);
    for (Parameter parameter : model.parameters()) {
      newSystem.addStatement("system.$N = parameters.get($S)", parameter.name(), parameter.name());
    }
    type.addMethod(newSystem.addStatement("return system").build());

    MethodSpec.Builder at = MethodSpec.methodBuilder("at")
        .addJavadoc("A fresh {@link $T} at state {@code x}.\n", user)
        .addModifiers(Modifier.PRIVATE)
        .returns(user)
        .addParameter(double[].class, "x")
        .beginControlFlow("if (x.length != DIMENSION)")
        .addStatement("throw new $T(NAME + \" has \" + DIMENSION + \" state coordinates, x has \" + x.length)",
            IllegalArgumentException.class)
        .endControlFlow()
        .addStatement("$T system = newSystem()", user);
    for (State state : model.states()) {
      if (state.isArray()) {
        at.addStatement("system.$N = $T.copyOfRange(x, $L, $L)", state.name(), Arrays.class, state.offset(),
            state.offset() + state.size());
      } else {
        at.addStatement("system.$N = x[$L]", state.name(), state.offset());
      }
    }
    type.addMethod(at.addStatement("return system").build());

    MethodSpec.Builder derivative = override("derivative", double[].class)
        .addParameter(double[].class, "x")
        .addStatement("$T system = at(x)", user);
    if (hasArrays) {
      derivative.addStatement("double[] derivative = new double[DIMENSION]");
      for (Derivative d : model.derivatives()) {
        State state = d.state();
        if (state.isArray()) {
          derivative.addStatement("$T.arraycopy(checkLength(system.$N(), $L, $S), 0, derivative, $L, $L)",
              System.class, d.method(), state.size(), d.method() + "() (the derivative of " + state.name() + ")",
              state.offset(), state.size());
        } else {
          derivative.addStatement("derivative[$L] = system.$N()", state.offset(), d.method());
        }
      }
      derivative.addStatement("return derivative");
    } else {
      derivative.addStatement("return new double[] {$L}", CodeBlock.join(model.derivatives().stream()
          .map(d -> CodeBlock.of("system.$N()", d.method())).toList(), ", "));
    }
    type.addMethod(derivative.build());

    MethodSpec.Builder invariants = override("invariants", double[].class)
        .addParameter(double[].class, "x")
        .addStatement("$T system = at(x)", user)
        .addStatement("return new double[] {$L}", CodeBlock.join(model.invariants().stream()
            .map(i -> CodeBlock.of("system.$N()", i.method())).toList(), ", "));
    type.addMethod(invariants.build());

    MethodSpec.Builder state = MethodSpec.methodBuilder("state")
        .addJavadoc("The state fields of {@code system}.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(double[].class)
        .addParameter(user, "system");
    if (hasArrays) {
      state.addStatement("double[] x = new double[DIMENSION]");
      for (State s : model.states()) {
        if (s.isArray()) {
          state.addStatement("$T.arraycopy(checkLength(system.$N, $L, $S), 0, x, $L, $L)", System.class, s.name(),
              s.size(), "state " + s.name(), s.offset(), s.size());
        } else {
          state.addStatement("x[$L] = system.$N", s.offset(), s.name());
        }
      }
      state.addStatement("return x");
    } else {
      state.addStatement("return new double[] {$L}", CodeBlock.join(model.states().stream()
          .map(s -> CodeBlock.of("system.$N", s.name())).toList(), ", "));
    }
    type.addMethod(state.build());
  }

  private void addSamplers(TypeSpec.Builder type) {
    MethodSpec.Builder initial = override("sampleInitialState", double[].class)
        .addParameter(RuntimeNames.RANDOM_GENERATOR, "rng");
    if (model.initialState().isPresent()) {
      initial.addStatement("$T system = newSystem()", user)
          .addStatement("system.$N(rng)", model.initialState().get())
          .addStatement("return state(system)");
    } else {
      initial.addStatement("double[] x = new double[DIMENSION]");
      for (State s : model.states()) {
        if (s.isArray()) {
          initial.beginControlFlow("for (int i = $L; i < $L; i++)", s.offset(), s.offset() + s.size())
              .addStatement("x[i] = rng.nextDouble($L, $L)", s.min(), s.max())
              .endControlFlow();
        } else {
          initial.addStatement("x[$L] = rng.nextDouble($L, $L)", s.offset(), s.min(), s.max());
        }
      }
      initial.addStatement("return x");
    }
    type.addMethod(initial.build());
    model.evaluationInitialState().ifPresent(method -> type.addMethod(
        override("sampleEvaluationState", double[].class)
            .addParameter(RuntimeNames.RANDOM_GENERATOR, "rng")
            .addStatement("$T system = newSystem()", user)
            .addStatement("system.$N(rng)", method)
            .addStatement("return state(system)")
            .build()));
  }

  private TypeSpec graphClass() {
    String g = model.graphForm().mathName();
    TypeSpec.Builder graph = TypeSpec.classBuilder("Graph")
        .addJavadoc("The equations of {@link $T} as TensorFlow graph builders, on a batch of states.\n", user)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addTypeVariable(T_NUMBER)
        .addField(ParameterizedTypeName.get(RuntimeNames.GRAPH_MATH, T), g, Modifier.PRIVATE, Modifier.FINAL);
    for (State state : model.states()) {
      graph.addField(state.isArray() ? LIST_OF_OPERANDS : OPERAND_T, state.name(), Modifier.PRIVATE, Modifier.FINAL);
    }
    for (Parameter parameter : model.parameters()) {
      graph.addField(OPERAND_T, parameter.name(), Modifier.PRIVATE, Modifier.FINAL);
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addParameter(RuntimeNames.OPS, "tf")
        .addParameter(OPERAND_T, "states")
        .addParameter(MAP_OF_DOUBLES, "parameters")
        .beginControlFlow("if (states.shape().numDimensions() != 2 || states.shape().get(1) != DIMENSION)")
        .addStatement("throw new $T(\"states must be shaped [batch, \" + DIMENSION + \"], found \" + states.shape())",
            IllegalArgumentException.class)
        .endControlFlow()
        .addStatement("this.$N = $T.of(tf, states)", g, RuntimeNames.GRAPH_MATH)
        .addStatement("$T columns = $N.columns(states)", LIST_OF_OPERANDS, g);
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

    MethodSpec.Builder derivatives = MethodSpec.methodBuilder("stackDerivatives").returns(OPERAND_T);
    if (hasArrays) {
      derivatives.addStatement("$T columns = new $T<>(DIMENSION)", LIST_OF_OPERANDS, ArrayList.class);
      for (Derivative d : model.derivatives()) {
        if (d.state().isArray()) {
          derivatives.addStatement("$T $N = $N()", LIST_OF_OPERANDS, d.method(), d.method())
              .beginControlFlow("if ($N.size() != $L)", d.method(), d.state().size())
              .addStatement("throw new $T($S + $N.size())", IllegalArgumentException.class,
                  d.method() + "() (the derivative of " + d.state().name() + ") must have " + d.state().size()
                      + " values, found ", d.method())
              .endControlFlow()
              .addStatement("columns.addAll($N)", d.method());
        } else {
          derivatives.addStatement("columns.add($N())", d.method());
        }
      }
      derivatives.addStatement("return $N.stack(columns)", g);
    } else {
      derivatives.addStatement("return $N.stack($T.of($L))", g, List.class, CodeBlock.join(model.derivatives().stream()
          .map(d -> CodeBlock.of("$N()", d.method())).toList(), ", "));
    }
    graph.addMethod(derivatives.build());
    MethodSpec.Builder invariants = MethodSpec.methodBuilder("stackInvariants").returns(OPERAND_T);
    if (model.invariants().isEmpty()) {
      invariants.addStatement("$T tf = $N.ops()", RuntimeNames.OPS, g)
          .addStatement("return tf.slice($N.stack($T.of($N.constant(0.0))), tf.constant(new long[] {0, 0}), tf.constant(new long[] {-1, 0}))",
              g, List.class, g);
    } else {
      invariants.addStatement("return $N.stack($T.of($L))", g, List.class, CodeBlock.join(model.invariants().stream()
          .map(i -> CodeBlock.of("$N()", i.method())).toList(), ", "));
    }
    graph.addMethod(invariants.build());

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
