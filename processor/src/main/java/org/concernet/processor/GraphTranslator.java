/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.concernet.processor.SystemModel.GraphForm;
import org.concernet.processor.SystemModel.GraphMethod;
import org.concernet.processor.SystemModel.GraphParameter;
import org.concernet.processor.SystemModel.Kind;

/**
 * Translates the bodies of {@code @Derivative} and {@code @Invariant} methods (and the helpers
 * they call) into graph-building Java, read through the compiler tree API.
 *
 * <p>Double-valued expressions become {@code GraphMath} calls on {@code Operand<T>}; integer and
 * boolean expressions (loop counters, indices, conditions), literals and compile-time constants
 * stay ordinary Java, evaluated while the graph is built. Anything else stops the translation of
 * that method with a note; nothing changes meaning silently.
 */
final class GraphTranslator {
  static final TypeVariableName T = TypeVariableName.get("T");
  static final TypeName OPERAND_T = ParameterizedTypeName.get(RuntimeNames.OPERAND, T);
  static final TypeName LIST_OF_OPERANDS =
      ParameterizedTypeName.get(ClassName.get(List.class), OPERAND_T);

  private static final Set<String> UNARY_MATH = Set.of("sqrt", "exp", "expm1", "log", "log1p",
      "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "abs", "cbrt",
      "signum");
  private static final Set<String> BINARY_MATH = Set.of("atan2", "pow", "hypot", "max", "min");

  /** Why a construct is outside the subset. */
  private static final class Unsupported extends RuntimeException {
    final Tree tree;
    final String construct;

    Unsupported(Tree tree, String construct) {
      super(construct, null, false, false);
      this.tree = tree;
      this.construct = construct;
    }
  }

  private record Expr(Kind kind, CodeBlock code, boolean intLiteral, CodeBlock bare) {
    Expr(Kind kind, CodeBlock code) {
      this(kind, code, false, code);
    }

    Expr(Kind kind, CodeBlock code, boolean intLiteral) {
      this(kind, code, intLiteral, code);
    }

    boolean isJava() {
      return kind == Kind.INT || kind == Kind.JAVA_DOUBLE || kind == Kind.BOOLEAN;
    }

    boolean isNumericJava() {
      return kind == Kind.INT || kind == Kind.JAVA_DOUBLE;
    }
  }

  private final Trees trees;
  private final TypeElement type;
  private final Map<String, Kind> fields = new HashMap<>();
  private final Map<String, VariableElement> constants = new HashMap<>();
  private final String generatedName;
  private final String g;
  private final Map<ExecutableElement, GraphMethod> done = new LinkedHashMap<>();
  private final Set<ExecutableElement> inProgress = new HashSet<>();
  private final Map<ExecutableElement, Unsupported> failed = new HashMap<>();
  private final Deque<Map<String, Kind>> scopes = new ArrayDeque<>();
  private CompilationUnitTree unit;

  GraphTranslator(Trees trees, TypeElement type, SystemModel model) {
    this.trees = trees;
    this.type = type;
    this.generatedName = model.systemClass().simpleName();
    for (SystemModel.State state : model.states()) {
      fields.put(state.name(), state.isArray() ? Kind.GRAPH_ARRAY : Kind.GRAPH);
    }
    for (SystemModel.Parameter parameter : model.parameters()) {
      fields.put(parameter.name(), Kind.GRAPH);
    }
    for (VariableElement field : ElementFilter.fieldsIn(SystemValidator.members(type))) {
      if (field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))
          && field.getConstantValue() != null) {
        constants.put(field.getSimpleName().toString(), field);
      }
    }
    this.g = mathName();
  }

  /** Translates the roots and their helpers; prints a note on each method that cannot be translated. */
  GraphForm translate(List<ExecutableElement> roots, ValidationReport report) {
    String reason = null;
    for (ExecutableElement root : roots) {
      try {
        method(root);
      } catch (Unsupported e) {
        // reported below, once per failing method
      }
    }
    for (ExecutableElement root : roots) {
      Unsupported u = failed.get(root);
      if (u != null) {
        Object[] args = {root.getSimpleName() + "()", u.construct, line(root, u.tree), generatedName};
        report.error(Message.NO_GRAPH_FORM, root, args);
        if (reason == null) {
          reason = Message.NO_GRAPH_FORM.text(args);
        }
      }
    }
    if (reason != null) {
      return GraphForm.unavailable(reason);
    }
    List<GraphMethod> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(SystemValidator.members(type))) {
      if (done.containsKey(method)) {
        methods.add(done.get(method));
      }
    }
    return new GraphForm(Optional.empty(), methods, g);
  }

  private long line(ExecutableElement method, Tree tree) {
    TreePath path = trees.getPath(method);
    CompilationUnitTree cu = path.getCompilationUnit();
    long position = trees.getSourcePositions().getStartPosition(cu, tree);
    return cu.getLineMap().getLineNumber(position);
  }

  private GraphMethod method(ExecutableElement method) {
    GraphMethod existing = done.get(method);
    if (existing != null) {
      return existing;
    }
    if (failed.containsKey(method)) {
      throw failed.get(method);
    }
    MethodTree tree = trees.getTree(method);
    if (tree == null || tree.getBody() == null) {
      throw new Unsupported(tree, "method " + method.getSimpleName() + "() without a visible body");
    }
    inProgress.add(method);
    Deque<Map<String, Kind>> savedScopes = new ArrayDeque<>(scopes);
    CompilationUnitTree savedUnit = unit;
    scopes.clear();
    unit = trees.getPath(method).getCompilationUnit();
    try {
      Kind returns = kindOf(method.getReturnType(), tree.getReturnType());
      if (returns == Kind.VOID || returns == Kind.JAVA_DOUBLE) {
        throw new Unsupported(tree, "a method returning " + method.getReturnType());
      }
      if (method.getModifiers().contains(Modifier.SYNCHRONIZED) || !method.getThrownTypes().isEmpty()) {
        throw new Unsupported(tree, "a synchronized or throwing method");
      }
      Map<String, Kind> parameters = new LinkedHashMap<>();
      List<GraphParameter> graphParameters = new ArrayList<>();
      for (VariableTree parameter : tree.getParameters()) {
        Kind kind = variableKind(parameter);
        parameters.put(parameter.getName().toString(), kind);
        graphParameters.add(new GraphParameter(parameter.getName().toString(), kind));
      }
      scopes.push(parameters);
      CodeBlock.Builder body = CodeBlock.builder();
      block(tree.getBody().getStatements(), body, returns);
      GraphMethod result = new GraphMethod(method, method.getSimpleName().toString(), returns,
          graphParameters, body.build());
      done.put(method, result);
      return result;
    } catch (Unsupported e) {
      failed.put(method, e);
      throw e;
    } catch (RuntimeException e) {
      // a translator bug must not fail the build: fall back to Java, and say so
      Unsupported unsupported = new Unsupported(tree, "a construct the translator failed on (" + e + ")");
      failed.put(method, unsupported);
      throw unsupported;
    } finally {
      inProgress.remove(method);
      scopes.clear();
      scopes.addAll(savedScopes);
      unit = savedUnit;
    }
  }

  private Kind kindOf(TypeMirror type, Tree where) {
    switch (type.getKind()) {
      case DOUBLE:
        return Kind.GRAPH;
      case INT:
        return Kind.INT;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case VOID:
        return Kind.VOID;
      case ARRAY:
        if (((ArrayType) type).getComponentType().getKind() == TypeKind.DOUBLE) {
          return Kind.GRAPH_ARRAY;
        }
        // fall through
      default:
        throw new Unsupported(where, "the type " + type);
    }
  }

  private Kind variableKind(VariableTree variable) {
    Tree type = variable.getType();
    if (type instanceof PrimitiveTypeTree primitive) {
      switch (primitive.getPrimitiveTypeKind()) {
        case DOUBLE:
          return Kind.GRAPH;
        case INT:
          return Kind.INT;
        case BOOLEAN:
          return Kind.BOOLEAN;
        default:
          break;
      }
    } else if (type instanceof ArrayTypeTree array && array.getType() instanceof PrimitiveTypeTree element
        && element.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
      return Kind.GRAPH_ARRAY;
    }
    throw new Unsupported(variable, "a variable of type " + type);
  }

  private static TypeName javaType(Kind kind) {
    return switch (kind) {
      case INT -> TypeName.INT;
      case BOOLEAN -> TypeName.BOOLEAN;
      case JAVA_DOUBLE -> TypeName.DOUBLE;
      case GRAPH -> OPERAND_T;
      case GRAPH_ARRAY -> LIST_OF_OPERANDS;
      case VOID -> TypeName.VOID;
    };
  }

  static TypeName graphType(Kind kind) {
    return javaType(kind);
  }

  // ---------------------------------------------------------------- statements

  private void block(List<? extends StatementTree> statements, CodeBlock.Builder out, Kind returns) {
    scopes.push(new HashMap<>());
    try {
      for (StatementTree statement : statements) {
        statement(statement, out, returns);
      }
    } finally {
      scopes.pop();
    }
  }

  private void body(StatementTree statement, CodeBlock.Builder out, Kind returns) {
    if (statement instanceof BlockTree block) {
      block(block.getStatements(), out, returns);
    } else {
      block(List.of(statement), out, returns);
    }
  }

  private void statement(StatementTree statement, CodeBlock.Builder out, Kind returns) {
    switch (statement.getKind()) {
      case BLOCK -> {
        out.add("{\n").indent();
        body(statement, out, returns);
        out.unindent().add("}\n");
      }
      case EMPTY_STATEMENT -> { }
      case VARIABLE -> out.addStatement(declaration((VariableTree) statement));
      case RETURN -> {
        ExpressionTree value = ((ReturnTree) statement).getExpression();
        out.addStatement("return $L", convert(expression(value), returns, value));
      }
      case EXPRESSION_STATEMENT -> out.addStatement(expressionStatement(((ExpressionStatementTree) statement).getExpression()));
      case IF -> ifStatement((IfTree) statement, out, returns, false);
      case FOR_LOOP -> {
        ForLoopTree loop = (ForLoopTree) statement;
        scopes.push(new HashMap<>());
        try {
          List<CodeBlock> init = new ArrayList<>();
          for (StatementTree s : loop.getInitializer()) {
            if (s instanceof VariableTree variable) {
              CodeBlock declaration = declaration(variable);
              if (init.isEmpty()) {
                init.add(declaration);
              } else if (variable.getInitializer() == null) {
                init.add(CodeBlock.of("$N", variable.getName().toString()));
              } else {
                init.add(CodeBlock.of("$N = $L", variable.getName().toString(),
                    convert(expression(variable.getInitializer()), variableKind(variable), variable)));
              }
            } else {
              init.add(expressionStatement(((ExpressionStatementTree) s).getExpression()));
            }
          }
          CodeBlock condition = loop.getCondition() == null ? CodeBlock.of("") : condition(loop.getCondition());
          List<CodeBlock> update = new ArrayList<>();
          for (ExpressionStatementTree s : loop.getUpdate()) {
            Expr e = expression(s.getExpression());
            if (!e.isJava()) {
              throw new Unsupported(s, "a loop update on double values");
            }
            update.add(e.code());
          }
          out.beginControlFlow("for ($L; $L; $L)", CodeBlock.join(init, ", "), condition, CodeBlock.join(update, ", "));
          body(loop.getStatement(), out, returns);
          out.endControlFlow();
        } finally {
          scopes.pop();
        }
      }
      case ENHANCED_FOR_LOOP -> {
        EnhancedForLoopTree loop = (EnhancedForLoopTree) statement;
        Expr array = expression(loop.getExpression());
        Kind element = variableKind(loop.getVariable());
        if (array.kind() != Kind.GRAPH_ARRAY || element != Kind.GRAPH) {
          throw new Unsupported(loop, "a for-each loop that is not over a double[]");
        }
        scopes.push(new HashMap<>(Map.of(loop.getVariable().getName().toString(), Kind.GRAPH)));
        try {
          out.beginControlFlow("for ($T $N : $L)", OPERAND_T, loop.getVariable().getName().toString(), array.code());
          body(loop.getStatement(), out, returns);
          out.endControlFlow();
        } finally {
          scopes.pop();
        }
      }
      case WHILE_LOOP -> {
        WhileLoopTree loop = (WhileLoopTree) statement;
        out.beginControlFlow("while ($L)", condition(loop.getCondition()));
        body(loop.getStatement(), out, returns);
        out.endControlFlow();
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree loop = (DoWhileLoopTree) statement;
        out.beginControlFlow("do");
        body(loop.getStatement(), out, returns);
        out.endControlFlow("while ($L)", condition(loop.getCondition()));
      }
      case BREAK, CONTINUE -> {
        if (statement.toString().trim().contains(" ")) {
          throw new Unsupported(statement, "a labelled " + statement.getKind().toString().toLowerCase());
        }
        out.addStatement(statement.getKind() == Tree.Kind.BREAK ? "break" : "continue");
      }
      default -> throw new Unsupported(statement, describe(statement));
    }
  }

  private void ifStatement(IfTree tree, CodeBlock.Builder out, Kind returns, boolean chained) {
    CodeBlock condition = condition(tree.getCondition());
    if (chained) {
      out.nextControlFlow("else if ($L)", condition);
    } else {
      out.beginControlFlow("if ($L)", condition);
    }
    body(tree.getThenStatement(), out, returns);
    StatementTree otherwise = tree.getElseStatement();
    if (otherwise instanceof IfTree elseIf) {
      ifStatement(elseIf, out, returns, true);
      return;
    }
    if (otherwise != null) {
      out.nextControlFlow("else");
      body(otherwise, out, returns);
    }
    out.endControlFlow();
  }

  private CodeBlock condition(ExpressionTree tree) {
    while (tree instanceof ParenthesizedTree parenthesized) {
      tree = parenthesized.getExpression();
    }
    Expr e = expression(tree);
    if (e.kind() != Kind.BOOLEAN) {
      throw new Unsupported(tree, "the condition " + snippet(tree));
    }
    return e.code();
  }

  private CodeBlock declaration(VariableTree variable) {
    Kind kind = variableKind(variable);
    String name = variable.getName().toString();
    CodeBlock result;
    if (variable.getInitializer() == null) {
      result = CodeBlock.of("$T $N", javaType(kind), name);
      scopes.peek().put(name, kind);
      return result;
    } else {
      Expr init = variable.getInitializer() instanceof NewArrayTree array && array.getType() == null
          ? arrayInitializer(array)
          : expression(variable.getInitializer());
      result = CodeBlock.of("$T $N = $L", javaType(kind), name, convert(init, kind, variable.getInitializer()));
    }
    scopes.peek().put(name, kind);
    return result;
  }

  private CodeBlock expressionStatement(ExpressionTree tree) {
    switch (tree.getKind()) {
      case ASSIGNMENT -> {
        AssignmentTree assignment = (AssignmentTree) tree;
        ExpressionTree target = assignment.getVariable();
        if (target instanceof IdentifierTree identifier && local(identifier.getName().toString()) != null) {
          Kind kind = local(identifier.getName().toString());
          return CodeBlock.of("$N = $L", identifier.getName().toString(),
              convert(expression(assignment.getExpression()), kind, assignment.getExpression()));
        }
        if (target instanceof ArrayAccessTree access) {
          Expr array = expression(access.getExpression());
          if (array.kind() == Kind.GRAPH_ARRAY && isLocalArray(access.getExpression())) {
            return CodeBlock.of("$L.set($L, $L)", array.code(), index(access.getIndex()),
                convert(expression(assignment.getExpression()), Kind.GRAPH, assignment.getExpression()));
          }
        }
        throw new Unsupported(tree, "the write to " + snippet(target) + " (a field or state)");
      }
      case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT -> {
        CompoundAssignmentTree assignment = (CompoundAssignmentTree) tree;
        ExpressionTree target = assignment.getVariable();
        String op = switch (tree.getKind()) {
          case PLUS_ASSIGNMENT -> "add";
          case MINUS_ASSIGNMENT -> "sub";
          case MULTIPLY_ASSIGNMENT -> "mul";
          default -> "div";
        };
        if (target instanceof IdentifierTree identifier && local(identifier.getName().toString()) == Kind.GRAPH) {
          String name = identifier.getName().toString();
          return CodeBlock.of("$N = $N.$N($N, $L)", name, g, op, name,
              convert(expression(assignment.getExpression()), Kind.GRAPH, assignment.getExpression()));
        }
        if (target instanceof ArrayAccessTree access) {
          Expr array = expression(access.getExpression());
          if (array.kind() == Kind.GRAPH_ARRAY && isLocalArray(access.getExpression())) {
            if (hasSideEffects(access.getIndex())) {
              throw new Unsupported(access.getIndex(), "an index with side effects in a compound assignment");
            }
            CodeBlock index = index(access.getIndex());
            return CodeBlock.of("$L.set($L, $N.$N($L.get($L), $L))", array.code(), index, g, op, array.code(), index,
                convert(expression(assignment.getExpression()), Kind.GRAPH, assignment.getExpression()));
          }
        }
        return javaOnly(tree);
      }
      case METHOD_INVOCATION -> throw new Unsupported(tree, "the call " + snippet(tree) + " whose result is discarded");
      default -> {
        return javaOnly(tree);
      }
    }
  }

  private CodeBlock javaOnly(ExpressionTree tree) {
    Expr e = expression(tree);
    if (!e.isJava()) {
      throw new Unsupported(tree, describe(tree));
    }
    return e.code();
  }

  private boolean isLocalArray(ExpressionTree tree) {
    return tree instanceof IdentifierTree identifier && local(identifier.getName().toString()) == Kind.GRAPH_ARRAY;
  }

  private static boolean hasSideEffects(Tree tree) {
    boolean[] found = {false};
    tree.accept(new TreeScanner<Void, Void>() {
      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> found[0] = true;
          default -> { }
        }
        return super.visitUnary(node, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        found[0] = true;
        return null;
      }
    }, null);
    return found[0];
  }

  // ---------------------------------------------------------------- expressions

  private Kind local(String name) {
    for (Map<String, Kind> scope : scopes) {
      Kind kind = scope.get(name);
      if (kind != null) {
        return kind;
      }
    }
    return null;
  }

  /** Converts {@code e} to a value of kind {@code target} (numeric promotion into the graph). */
  private CodeBlock convert(Expr e, Kind target, Tree where) {
    if (e.kind() == target) {
      return e.code();
    }
    if (target == Kind.GRAPH && e.isNumericJava()) {
      if (e.intLiteral()) {
        return CodeBlock.of("$N.constant($L.0)", g, e.bare());
      }
      return CodeBlock.of("$N.constant($L)", g, e.bare());
    }
    if (target == Kind.JAVA_DOUBLE && e.kind() == Kind.INT) {
      return e.code();
    }
    throw new Unsupported(where, "the conversion of " + snippet(where) + " to " + describeKind(target));
  }

  private CodeBlock index(ExpressionTree tree) {
    Expr e = expression(tree);
    if (e.kind() != Kind.INT) {
      throw new Unsupported(tree, "the index " + snippet(tree) + ", which is not an int");
    }
    return e.code();
  }

  private Expr expression(ExpressionTree tree) {
    switch (tree.getKind()) {
      case INT_LITERAL:
        return new Expr(Kind.INT, CodeBlock.of("$L", ((LiteralTree) tree).getValue()), true);
      case DOUBLE_LITERAL:
        return new Expr(Kind.JAVA_DOUBLE, CodeBlock.of("$L", doubleLiteral((Double) ((LiteralTree) tree).getValue())));
      case BOOLEAN_LITERAL:
        return new Expr(Kind.BOOLEAN, CodeBlock.of("$L", ((LiteralTree) tree).getValue()));
      case PARENTHESIZED: {
        Expr inner = expression(((ParenthesizedTree) tree).getExpression());
        return inner.isJava() ? new Expr(inner.kind(), CodeBlock.of("($L)", inner.code()), inner.intLiteral(), inner.bare()) : inner;
      }
      case IDENTIFIER:
        return name(tree, ((IdentifierTree) tree).getName().toString(), true);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) tree);
      case ARRAY_ACCESS: {
        ArrayAccessTree access = (ArrayAccessTree) tree;
        Expr array = expression(access.getExpression());
        if (array.kind() != Kind.GRAPH_ARRAY) {
          throw new Unsupported(tree, "the array access " + snippet(tree));
        }
        return new Expr(Kind.GRAPH, CodeBlock.of("$L.get($L)", array.code(), index(access.getIndex())));
      }
      case NEW_ARRAY:
        return newArray((NewArrayTree) tree);
      case METHOD_INVOCATION:
        return invocation((MethodInvocationTree) tree);
      case TYPE_CAST:
        return cast((TypeCastTree) tree);
      case CONDITIONAL_EXPRESSION:
        return conditional((ConditionalExpressionTree) tree);
      case UNARY_MINUS: case UNARY_PLUS: case LOGICAL_COMPLEMENT: case BITWISE_COMPLEMENT:
      case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
        return unary((UnaryTree) tree);
      case ASSIGNMENT: {
        AssignmentTree assignment = (AssignmentTree) tree;
        Expr value = expression(assignment.getExpression());
        if (assignment.getVariable() instanceof IdentifierTree identifier
            && local(identifier.getName().toString()) != null
            && local(identifier.getName().toString()) == value.kind() && value.isJava()) {
          return new Expr(value.kind(), CodeBlock.of("$N = $L", identifier.getName().toString(), value.code()));
        }
        throw new Unsupported(tree, "the assignment " + snippet(tree) + " inside an expression");
      }
      case PLUS_ASSIGNMENT: case MINUS_ASSIGNMENT: case MULTIPLY_ASSIGNMENT: case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT: case AND_ASSIGNMENT: case OR_ASSIGNMENT: case XOR_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT: case RIGHT_SHIFT_ASSIGNMENT: case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: {
        CompoundAssignmentTree assignment = (CompoundAssignmentTree) tree;
        if (assignment.getVariable() instanceof IdentifierTree identifier) {
          Kind kind = local(identifier.getName().toString());
          Expr value = expression(assignment.getExpression());
          if ((kind == Kind.INT || kind == Kind.BOOLEAN) && value.isJava()) {
            return new Expr(kind, CodeBlock.of("$N $L $L", identifier.getName().toString(),
                operator(tree.getKind()), value.code()));
          }
        }
        throw new Unsupported(tree, "the compound assignment " + snippet(tree));
      }
      default:
        if (tree instanceof BinaryTree binary) {
          return binary(binary);
        }
        throw new Unsupported(tree, describe(tree));
    }
  }

  private Expr name(Tree tree, String name, boolean allowLocal) {
    if (allowLocal) {
      Kind kind = local(name);
      if (kind != null) {
        return new Expr(kind, CodeBlock.of("$N", name));
      }
    }
    Kind field = fields.get(name);
    if (field != null) {
      return new Expr(field, CodeBlock.of("$N", name));
    }
    VariableElement constant = constants.get(name);
    if (constant != null) {
      Object value = constant.getConstantValue();
      if (value instanceof Integer) {
        return new Expr(Kind.INT, CodeBlock.of("$L", value), true);
      }
      if (value instanceof Double d) {
        return new Expr(Kind.JAVA_DOUBLE, CodeBlock.of("$L", doubleLiteral(d)));
      }
      if (value instanceof Boolean) {
        return new Expr(Kind.BOOLEAN, CodeBlock.of("$L", value));
      }
    }
    if ((name.equals("PI") || name.equals("E")) && staticallyImportedFromMath(name)) {
      return new Expr(Kind.JAVA_DOUBLE, CodeBlock.of("Math.$L", name));
    }
    throw new Unsupported(tree, "the field " + name + " (not a @State, a @Parameter or a static final constant)");
  }

  private Expr memberSelect(MemberSelectTree tree) {
    String member = tree.getIdentifier().toString();
    ExpressionTree receiver = tree.getExpression();
    if (receiver.getKind() == Tree.Kind.IDENTIFIER) {
      String owner = ((IdentifierTree) receiver).getName().toString();
      if (owner.equals("this")) {
        return name(tree, member, false);
      }
      if (owner.equals("Math") && local("Math") == null && (member.equals("PI") || member.equals("E"))) {
        return new Expr(Kind.JAVA_DOUBLE, CodeBlock.of("Math.$L", member));
      }
      if (owner.equals(type.getSimpleName().toString()) && constants.containsKey(member)) {
        return name(tree, member, false);
      }
    }
    if (member.equals("length")) {
      Expr array = expression(receiver);
      if (array.kind() == Kind.GRAPH_ARRAY) {
        return new Expr(Kind.INT, CodeBlock.of("$L.size()", array.code()));
      }
    }
    throw new Unsupported(tree, "the reference " + snippet(tree));
  }

  private Expr newArray(NewArrayTree tree) {
    if (tree.getType() instanceof PrimitiveTypeTree primitive && primitive.getPrimitiveTypeKind() == TypeKind.DOUBLE) {
      if (tree.getInitializers() != null) {
        return arrayInitializer(tree);
      }
      if (tree.getDimensions().size() == 1) {
        Expr size = expression(tree.getDimensions().get(0));
        if (size.kind() == Kind.INT) {
          return new Expr(Kind.GRAPH_ARRAY, CodeBlock.of("new $T<>($T.nCopies($L, $N.constant(0.0)))",
              ArrayList.class, Collections.class, size.code(), g));
        }
      }
    }
    throw new Unsupported(tree, "the array creation " + snippet(tree));
  }

  private Expr arrayInitializer(NewArrayTree tree) {
    List<CodeBlock> elements = new ArrayList<>();
    for (ExpressionTree element : tree.getInitializers()) {
      elements.add(convert(expression(element), Kind.GRAPH, element));
    }
    return new Expr(Kind.GRAPH_ARRAY, CodeBlock.of("new $T<>($T.of($L))", ArrayList.class, List.class,
        CodeBlock.join(elements, ", ")));
  }

  private Expr invocation(MethodInvocationTree tree) {
    ExpressionTree select = tree.getMethodSelect();
    String name;
    if (select instanceof IdentifierTree identifier) {
      name = identifier.getName().toString();
    } else if (select instanceof MemberSelectTree member
        && member.getExpression() instanceof IdentifierTree owner) {
      name = member.getIdentifier().toString();
      String ownerName = owner.getName().toString();
      if (ownerName.equals("Math") && local("Math") == null) {
        return math(tree, name);
      }
      if (!ownerName.equals("this") && !ownerName.equals(type.getSimpleName().toString())) {
        throw new Unsupported(tree, "the call " + snippet(tree) + ", which the translator cannot see into");
      }
    } else {
      throw new Unsupported(tree, "the call " + snippet(tree) + ", which the translator cannot see into");
    }
    List<ExecutableElement> candidates = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(SystemValidator.members(type))) {
      if (method.getSimpleName().contentEquals(name) && method.getParameters().size() == tree.getArguments().size()
          && !method.isVarArgs()) {
        candidates.add(method);
      }
    }
    if (candidates.isEmpty() && select instanceof IdentifierTree && staticallyImportedFromMath(name)) {
      return math(tree, name);
    }
    if (candidates.size() != 1) {
      throw new Unsupported(tree, candidates.isEmpty()
          ? "the call " + snippet(tree) + ", which the translator cannot see into"
          : "the call " + snippet(tree) + " to an overloaded method");
    }
    ExecutableElement callee = candidates.get(0);
    if (inProgress.contains(callee)) {
      throw new Unsupported(tree, "the recursive call " + snippet(tree));
    }
    GraphMethod translated;
    try {
      translated = method(callee);
    } catch (Unsupported e) {
      throw new Unsupported(tree, "the call " + snippet(tree) + " (" + name + "(): " + e.construct + ")");
    }
    List<CodeBlock> arguments = new ArrayList<>();
    for (int i = 0; i < tree.getArguments().size(); i++) {
      ExpressionTree argument = tree.getArguments().get(i);
      Kind kind = translated.parameters().get(i).kind();
      Expr value = expression(argument);
      if (kind == Kind.INT && value.kind() != Kind.INT) {
        throw new Unsupported(argument, "the argument " + snippet(argument));
      }
      arguments.add(convert(value, kind, argument));
    }
    return new Expr(translated.returns(), CodeBlock.of("$N($L)", name, CodeBlock.join(arguments, ", ")));
  }

  /** Whether {@code import static java.lang.Math.*} or {@code ….Math.name} makes {@code name} visible. */
  private boolean staticallyImportedFromMath(String name) {
    if (unit == null) {
      return false;
    }
    for (com.sun.source.tree.ImportTree in : unit.getImports()) {
      String imported = in.getQualifiedIdentifier().toString();
      if (in.isStatic() && (imported.equals("java.lang.Math.*") || imported.equals("java.lang.Math." + name))) {
        return true;
      }
    }
    return false;
  }

  private Expr math(MethodInvocationTree tree, String function) {
    boolean unary = UNARY_MATH.contains(function);
    boolean binary = BINARY_MATH.contains(function);
    int arity = tree.getArguments().size();
    if (!(unary && arity == 1) && !(binary && arity == 2)) {
      throw new Unsupported(tree, "the call " + snippet(tree) + " (not one of the supported Math functions)");
    }
    List<Expr> arguments = new ArrayList<>();
    for (ExpressionTree argument : tree.getArguments()) {
      arguments.add(expression(argument));
    }
    boolean java = arguments.stream().allMatch(Expr::isNumericJava);
    if (java) {
      boolean allInt = arguments.stream().allMatch(a -> a.kind() == Kind.INT);
      Kind kind = allInt && Set.of("abs", "max", "min").contains(function) ? Kind.INT : Kind.JAVA_DOUBLE;
      return new Expr(kind, CodeBlock.of("Math.$N($L)", function,
          CodeBlock.join(arguments.stream().map(Expr::code).toList(), ", ")));
    }
    List<CodeBlock> lifted = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      lifted.add(convert(arguments.get(i), Kind.GRAPH, tree.getArguments().get(i)));
    }
    return new Expr(Kind.GRAPH, CodeBlock.of("$N.$N($L)", g, function, CodeBlock.join(lifted, ", ")));
  }

  private Expr cast(TypeCastTree tree) {
    Expr operand = expression(tree.getExpression());
    if (tree.getType() instanceof PrimitiveTypeTree primitive) {
      TypeKind target = primitive.getPrimitiveTypeKind();
      if (target == TypeKind.DOUBLE) {
        if (operand.kind() == Kind.GRAPH) {
          return operand;
        }
        if (operand.isNumericJava()) {
          return new Expr(Kind.JAVA_DOUBLE, CodeBlock.of("(double) $L", operand.code()));
        }
      } else if (target == TypeKind.INT && operand.isNumericJava()) {
        return new Expr(Kind.INT, CodeBlock.of("(int) $L", operand.code()));
      }
    }
    throw new Unsupported(tree, "the cast " + snippet(tree));
  }

  private Expr conditional(ConditionalExpressionTree tree) {
    CodeBlock condition = condition(tree.getCondition());
    Expr yes = expression(tree.getTrueExpression());
    Expr no = expression(tree.getFalseExpression());
    Kind kind;
    if (yes.isJava() && no.isJava()) {
      if (yes.kind() == no.kind()) {
        kind = yes.kind();
      } else if (yes.isNumericJava() && no.isNumericJava()) {
        kind = Kind.JAVA_DOUBLE;
      } else {
        throw new Unsupported(tree, "the conditional " + snippet(tree));
      }
      return new Expr(kind, CodeBlock.of("$L ? $L : $L", condition, yes.code(), no.code()));
    }
    kind = yes.kind() == Kind.GRAPH_ARRAY || no.kind() == Kind.GRAPH_ARRAY ? Kind.GRAPH_ARRAY : Kind.GRAPH;
    return new Expr(kind, CodeBlock.of("$L ? $L : $L", condition,
        convert(yes, kind, tree.getTrueExpression()), convert(no, kind, tree.getFalseExpression())));
  }

  private Expr unary(UnaryTree tree) {
    Expr operand = expression(tree.getExpression());
    switch (tree.getKind()) {
      case UNARY_PLUS:
        return operand;
      case UNARY_MINUS:
        if (operand.kind() == Kind.GRAPH) {
          return new Expr(Kind.GRAPH, CodeBlock.of("$N.neg($L)", g, operand.code()));
        }
        if (operand.isNumericJava()) {
          boolean negative = operand.code().toString().startsWith("-");
          return new Expr(operand.kind(), CodeBlock.of(negative ? "-($L)" : "-$L", operand.code()));
        }
        break;
      case LOGICAL_COMPLEMENT:
        if (operand.kind() == Kind.BOOLEAN) {
          return new Expr(Kind.BOOLEAN, CodeBlock.of("!$L", operand.code()));
        }
        break;
      case BITWISE_COMPLEMENT:
        if (operand.kind() == Kind.INT) {
          return new Expr(Kind.INT, CodeBlock.of("~$L", operand.code()));
        }
        break;
      default:
        if (tree.getExpression() instanceof IdentifierTree identifier && local(identifier.getName().toString()) == Kind.INT) {
          boolean prefix = tree.getKind() == Tree.Kind.PREFIX_INCREMENT || tree.getKind() == Tree.Kind.PREFIX_DECREMENT;
          String op = tree.getKind() == Tree.Kind.PREFIX_INCREMENT || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT ? "++" : "--";
          return new Expr(Kind.INT, prefix ? CodeBlock.of("$L$N", op, identifier.getName().toString())
              : CodeBlock.of("$N$L", identifier.getName().toString(), op));
        }
    }
    throw new Unsupported(tree, "the operation " + snippet(tree) + " on a " + describeKind(operand.kind()));
  }

  private Expr binary(BinaryTree tree) {
    Expr left = expression(tree.getLeftOperand());
    Expr right = expression(tree.getRightOperand());
    Tree.Kind kind = tree.getKind();
    String op = operator(kind);
    if (left.isJava() && right.isJava()) {
      Kind result;
      switch (kind) {
        case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> {
          if (!left.isNumericJava() || !right.isNumericJava()) {
            throw new Unsupported(tree, "the operation " + snippet(tree));
          }
          result = left.kind() == Kind.INT && right.kind() == Kind.INT ? Kind.INT : Kind.JAVA_DOUBLE;
        }
        case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO,
            CONDITIONAL_AND, CONDITIONAL_OR -> result = Kind.BOOLEAN;
        case AND, OR, XOR -> result = left.kind() == Kind.BOOLEAN ? Kind.BOOLEAN : Kind.INT;
        case LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT -> result = Kind.INT;
        default -> throw new Unsupported(tree, describe(tree));
      }
      return new Expr(result, CodeBlock.of("$L $L $L", left.code(), op, right.code()));
    }
    String function = switch (kind) {
      case PLUS -> "add";
      case MINUS -> "sub";
      case MULTIPLY -> "mul";
      case DIVIDE -> "div";
      default -> null;
    };
    if (function == null) {
      String what = switch (kind) {
        case LESS_THAN, LESS_THAN_EQUAL, GREATER_THAN, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO ->
            "the comparison " + snippet(tree) + " (a condition that depends on a double state or parameter)";
        default -> "the operation " + snippet(tree) + " on double values";
      };
      throw new Unsupported(tree, what);
    }
    return new Expr(Kind.GRAPH, CodeBlock.of("$N.$N($L, $L)", g, function,
        convert(left, Kind.GRAPH, tree.getLeftOperand()), convert(right, Kind.GRAPH, tree.getRightOperand())));
  }

  private static String operator(Tree.Kind kind) {
    return switch (kind) {
      case PLUS, PLUS_ASSIGNMENT -> kind == Tree.Kind.PLUS ? "+" : "+=";
      case MINUS, MINUS_ASSIGNMENT -> kind == Tree.Kind.MINUS ? "-" : "-=";
      case MULTIPLY, MULTIPLY_ASSIGNMENT -> kind == Tree.Kind.MULTIPLY ? "*" : "*=";
      case DIVIDE, DIVIDE_ASSIGNMENT -> kind == Tree.Kind.DIVIDE ? "/" : "/=";
      case REMAINDER, REMAINDER_ASSIGNMENT -> kind == Tree.Kind.REMAINDER ? "%" : "%=";
      case LESS_THAN -> "<";
      case LESS_THAN_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      case GREATER_THAN_EQUAL -> ">=";
      case EQUAL_TO -> "==";
      case NOT_EQUAL_TO -> "!=";
      case CONDITIONAL_AND -> "&&";
      case CONDITIONAL_OR -> "||";
      case AND, AND_ASSIGNMENT -> kind == Tree.Kind.AND ? "&" : "&=";
      case OR, OR_ASSIGNMENT -> kind == Tree.Kind.OR ? "|" : "|=";
      case XOR, XOR_ASSIGNMENT -> kind == Tree.Kind.XOR ? "^" : "^=";
      case LEFT_SHIFT, LEFT_SHIFT_ASSIGNMENT -> kind == Tree.Kind.LEFT_SHIFT ? "<<" : "<<=";
      case RIGHT_SHIFT, RIGHT_SHIFT_ASSIGNMENT -> kind == Tree.Kind.RIGHT_SHIFT ? ">>" : ">>=";
      case UNSIGNED_RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> kind == Tree.Kind.UNSIGNED_RIGHT_SHIFT ? ">>>" : ">>>=";
      default -> kind.toString();
    };
  }

  private static String doubleLiteral(double value) {
    if (Double.isNaN(value)) {
      return "Double.NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return Double.toString(value);
  }

  private static String describeKind(Kind kind) {
    return switch (kind) {
      case INT -> "int";
      case BOOLEAN -> "boolean";
      case JAVA_DOUBLE, GRAPH -> "double";
      case GRAPH_ARRAY -> "double[]";
      case VOID -> "void";
    };
  }

  private static String describe(Tree tree) {
    String what = switch (tree.getKind()) {
      case NEW_CLASS -> "the object creation";
      case LAMBDA_EXPRESSION -> "the lambda";
      case MEMBER_REFERENCE -> "the method reference";
      case TRY -> "the try statement";
      case THROW -> "the throw statement";
      case SWITCH, SWITCH_EXPRESSION -> "the switch";
      case SYNCHRONIZED -> "the synchronized block";
      case LABELED_STATEMENT -> "the labelled statement";
      case STRING_LITERAL -> "the string";
      default -> "the construct";
    };
    return what + " " + snippet(tree);
  }

  private static String snippet(Tree tree) {
    String text = String.valueOf(tree).replaceAll("\\s+", " ").trim();
    return "`" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "`";
  }

  /** {@code g}, unless the user's class already uses that name. */
  private String mathName() {
    Set<String> used = new HashSet<>();
    SystemValidator.members(type).forEach(e -> used.add(e.getSimpleName().toString()));
    Tree tree = trees.getTree(type);
    if (tree != null) {
      tree.accept(new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
          used.add(node.getName().toString());
          return null;
        }

        @Override
        public Void visitVariable(VariableTree node, Void unused) {
          used.add(node.getName().toString());
          return super.visitVariable(node, unused);
        }
      }, null);
    }
    for (String candidate : List.of("g", "math", "graphMath")) {
      if (!used.contains(candidate)) {
        return candidate;
      }
    }
    String name = "graphMath";
    while (used.contains(name)) {
      name = name + "_";
    }
    return name;
  }
}
