/*
 * Copyright 2026 The concernet-java Authors. Licensed under the Apache License, Version 2.0.
 */
package org.concernet.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ArrayAccessTree;
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
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Translates the bodies of a system's derivative and invariant methods (and the helpers they
 * call) into graph code over {@code GraphMath}, read through the compiler tree API.
 *
 * <p>The subset: double and int literals; {@code @State} and {@code @Parameter} fields (also as
 * {@code this.x}); compile-time constants; local {@code double}, {@code int}, {@code long},
 * {@code boolean} and {@code double[]} variables; {@code + - * /} and unary minus on doubles;
 * {@code Math} functions; calls to helper methods of the class that are translatable themselves
 * (not recursive, not overloaded); array indexing, {@code .length} and {@code new double[n]}.
 * Integer and boolean expressions, loops, {@code if} and {@code ?:} on them stay Java in the
 * generated code, so they run while the graph is built (staging) — that is how stencils over
 * {@code double[]} states translate. Anything else — a condition on a double value, a call the
 * translator cannot see, a field write, a {@code throw} — makes the whole system fall back to its
 * Java form, with a note naming the construct and its line.
 */
final class Translator {
  static final ClassName OPERAND = ClassName.get("org.tensorflow", "Operand");
  static final TypeVariableName T = TypeVariableName.get("T");
  private static final ClassName LIST = ClassName.get(List.class);

  /** What a Java expression is in the graph code. */
  enum Kind {
    DOUBLE, INT, BOOLEAN, DOUBLE_ARRAY;

    static Optional<Kind> of(TypeMirror type) {
      switch (type.getKind()) {
        case DOUBLE:
        case FLOAT:
          return Optional.of(DOUBLE);
        case INT:
        case LONG:
        case SHORT:
        case BYTE:
        case CHAR:
          return Optional.of(INT);
        case BOOLEAN:
          return Optional.of(BOOLEAN);
        case ARRAY:
          TypeMirror component = ((javax.lang.model.type.ArrayType) type).getComponentType();
          return component.getKind() == TypeKind.DOUBLE ? Optional.of(DOUBLE_ARRAY) : Optional.empty();
        default:
          return Optional.empty();
      }
    }
  }

  /** An expression of the generated code and its kind. */
  record Expr(Kind kind, String code) {}

  /** A construct outside the subset, and the tree where it was found. */
  static final class Untranslatable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Tree tree;

    Untranslatable(String construct, Tree tree) {
      super(construct, null, false, false);
      this.tree = tree;
    }
  }

  /** The result: methods translated, or the first construct that is not, with method and line. */
  record Result(List<SystemModel.GraphMethod> methods, Optional<Failure> failure) {}

  record Failure(ExecutableElement method, String construct, long line) {}

  private final Trees trees;
  private final TypeElement type;
  private final Set<String> stateFields;
  private final Set<String> arrayStates;
  private final Set<String> parameterFields;
  private final String math;

  private final Map<String, List<ExecutableElement>> methods = new HashMap<>();
  private final Map<String, SystemModel.GraphMethod> translated = new LinkedHashMap<>();
  private final Map<String, Set<String>> calls = new HashMap<>();
  private final Deque<String> pending = new ArrayDeque<>();

  // per method being translated
  private Deque<Map<String, Kind>> scopes;
  private Set<String> callees;
  private Kind returnKind;

  Translator(Trees trees, TypeElement type, Set<String> stateFields, Set<String> arrayStates,
      Set<String> parameterFields) {
    this.trees = trees;
    this.type = type;
    this.stateFields = stateFields;
    this.arrayStates = arrayStates;
    this.parameterFields = parameterFields;
    for (Element e : type.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD) {
        methods.computeIfAbsent(e.getSimpleName().toString(), k -> new ArrayList<>()).add((ExecutableElement) e);
      }
    }
    boolean gTaken = stateFields.contains("g") || parameterFields.contains("g") || methods.containsKey("g");
    this.math = gTaken ? "math" : "g";
  }

  /** The name of the GraphMath field in the generated Graph class. */
  String mathName() {
    return math;
  }

  /** Translates the given root methods and every helper they reach. */
  Result translate(List<ExecutableElement> roots) {
    for (ExecutableElement root : roots) {
      pending.add(root.getSimpleName().toString());
    }
    while (!pending.isEmpty()) {
      String name = pending.poll();
      if (translated.containsKey(name)) {
        continue;
      }
      ExecutableElement method = methods.get(name).get(0);
      try {
        translated.put(name, translateMethod(method));
      } catch (Untranslatable e) {
        return new Result(List.of(), Optional.of(new Failure(method, e.getMessage(), line(method, e.tree))));
      }
    }
    for (String name : translated.keySet()) {
      String cycle = cycleFrom(name, new ArrayList<>());
      if (cycle != null) {
        ExecutableElement method = methods.get(name).get(0);
        return new Result(List.of(), Optional.of(new Failure(method,
            "a recursive call (" + cycle + ") that staging cannot unroll", line(method, trees.getTree(method)))));
      }
    }
    return new Result(List.copyOf(translated.values()), Optional.empty());
  }

  private String cycleFrom(String name, List<String> path) {
    if (path.contains(name)) {
      List<String> loop = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      loop.add(name);
      return String.join("() → ", loop) + "()";
    }
    path.add(name);
    for (String callee : calls.getOrDefault(name, Set.of())) {
      String cycle = cycleFrom(callee, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    return null;
  }

  private long line(ExecutableElement method, Tree tree) {
    TreePath path = trees.getPath(method);
    if (path == null || tree == null) {
      return -1;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    long position = trees.getSourcePositions().getStartPosition(unit, tree);
    return position < 0 ? -1 : unit.getLineMap().getLineNumber(position);
  }

  private SystemModel.GraphMethod translateMethod(ExecutableElement method) throws Untranslatable {
    MethodTree tree = trees.getTree(method);
    if (tree == null || tree.getBody() == null) {
      throw new Untranslatable("a method without a readable body (" + method.getSimpleName() + ")", tree);
    }
    String name = method.getSimpleName().toString();
    returnKind = Kind.of(method.getReturnType()).orElseThrow(() ->
        new Untranslatable("a helper returning " + method.getReturnType(), tree.getReturnType()));
    if (returnKind == Kind.BOOLEAN) {
      throw new Untranslatable("a helper returning boolean", tree.getReturnType());
    }
    scopes = new ArrayDeque<>();
    scopes.push(new HashMap<>());
    callees = new LinkedHashSet<>();
    List<SystemModel.Param> params = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      Kind kind = Kind.of(p.asType()).orElseThrow(() ->
          new Untranslatable("a parameter of type " + p.asType(), trees.getTree(method)));
      declare(p.getSimpleName().toString(), kind);
      params.add(new SystemModel.Param(local(p.getSimpleName().toString()), kind.name()));
    }
    CodeBlock.Builder body = CodeBlock.builder();
    for (StatementTree statement : tree.getBody().getStatements()) {
      statement(statement, body);
    }
    calls.put(name, callees);
    String returns = switch (returnKind) {
      case DOUBLE -> "double";
      case DOUBLE_ARRAY -> "double[]";
      default -> "int";
    };
    return new SystemModel.GraphMethod(name, returns, params, body.build());
  }

  // ---------------------------------------------------------------- statements

  private void statement(StatementTree s, CodeBlock.Builder out) throws Untranslatable {
    switch (s.getKind()) {
      case BLOCK -> {
        out.add("{\n").indent();
        scopes.push(new HashMap<>());
        for (StatementTree inner : ((BlockTree) s).getStatements()) {
          statement(inner, out);
        }
        scopes.pop();
        out.unindent().add("}\n");
      }
      case VARIABLE -> out.addStatement(declaration((VariableTree) s));
      case EXPRESSION_STATEMENT -> out.addStatement("$L", sideEffect(((ExpressionStatementTree) s).getExpression()));
      case RETURN -> {
        ExpressionTree value = ((ReturnTree) s).getExpression();
        Expr e = expression(value);
        out.addStatement("return $L", coerce(e, returnKind, value));
      }
      case IF -> ifStatement((IfTree) s, out, false);
      case FOR_LOOP -> forLoop((ForLoopTree) s, out);
      case ENHANCED_FOR_LOOP -> {
        EnhancedForLoopTree loop = (EnhancedForLoopTree) s;
        Expr array = expression(loop.getExpression());
        if (array.kind() != Kind.DOUBLE_ARRAY) {
          throw new Untranslatable("a for-each loop over " + loop.getExpression(), loop);
        }
        scopes.push(new HashMap<>());
        String variable = loop.getVariable().getName().toString();
        declare(variable, Kind.DOUBLE);
        out.beginControlFlow("for ($T<$T> $L : $L)", OPERAND, T, local(variable), array.code());
        statement(loop.getStatement(), out);
        out.endControlFlow();
        scopes.pop();
      }
      case WHILE_LOOP -> {
        WhileLoopTree loop = (WhileLoopTree) s;
        out.beginControlFlow("while ($L)", condition(loop.getCondition()));
        statement(loop.getStatement(), out);
        out.endControlFlow();
      }
      case DO_WHILE_LOOP -> {
        DoWhileLoopTree loop = (DoWhileLoopTree) s;
        out.beginControlFlow("do");
        statement(loop.getStatement(), out);
        out.endControlFlow("while ($L)", condition(loop.getCondition()));
      }
      case BREAK -> {
        if (((com.sun.source.tree.BreakTree) s).getLabel() != null) {
          throw new Untranslatable("a labelled break", s);
        }
        out.addStatement("break");
      }
      case CONTINUE -> {
        if (((com.sun.source.tree.ContinueTree) s).getLabel() != null) {
          throw new Untranslatable("a labelled continue", s);
        }
        out.addStatement("continue");
      }
      case EMPTY_STATEMENT -> { }
      default -> throw new Untranslatable("a " + describe(s.getKind()) + " statement", s);
    }
  }

  private void ifStatement(IfTree s, CodeBlock.Builder out, boolean elseIf) throws Untranslatable {
    String condition = condition(s.getCondition());
    if (elseIf) {
      out.nextControlFlow("else if ($L)", condition);
    } else {
      out.beginControlFlow("if ($L)", condition);
    }
    branch(s.getThenStatement(), out);
    StatementTree otherwise = s.getElseStatement();
    if (otherwise instanceof IfTree nested) {
      ifStatement(nested, out, true);
      return;
    }
    if (otherwise != null) {
      out.nextControlFlow("else");
      branch(otherwise, out);
    }
    out.endControlFlow();
  }

  /** A branch or loop body: a block's statements without an extra pair of braces. */
  private void branch(StatementTree s, CodeBlock.Builder out) throws Untranslatable {
    scopes.push(new HashMap<>());
    if (s instanceof BlockTree block) {
      for (StatementTree inner : block.getStatements()) {
        statement(inner, out);
      }
    } else {
      statement(s, out);
    }
    scopes.pop();
  }

  private void forLoop(ForLoopTree loop, CodeBlock.Builder out) throws Untranslatable {
    scopes.push(new HashMap<>());
    List<String> init = new ArrayList<>();
    String declaredType = null;
    for (StatementTree s : loop.getInitializer()) {
      if (s instanceof VariableTree v) {
        Kind kind = declaredKind(v);
        if (kind != Kind.INT) {
          throw new Untranslatable("a for loop whose variable '" + v.getName() + "' is not an integer", v);
        }
        String text = local(declare(v.getName().toString(), kind)) + " = " + coerce(expression(v.getInitializer()), Kind.INT, v);
        declaredType = v.getType().toString();
        init.add(init.isEmpty() ? declaredType + " " + text : text);
      } else if (s instanceof ExpressionStatementTree e) {
        init.add(sideEffect(e.getExpression()));
      } else {
        throw new Untranslatable("a for-loop initializer " + s, s);
      }
    }
    String condition = loop.getCondition() == null ? "" : condition(loop.getCondition());
    List<String> update = new ArrayList<>();
    for (ExpressionStatementTree u : loop.getUpdate()) {
      update.add(sideEffect(u.getExpression()));
    }
    out.beginControlFlow("for ($L; $L; $L)", String.join(", ", init), condition, String.join(", ", update));
    branch(loop.getStatement(), out);
    out.endControlFlow();
    scopes.pop();
  }

  private CodeBlock declaration(VariableTree v) throws Untranslatable {
    Kind kind = declaredKind(v);
    String name = local(declare(v.getName().toString(), kind));
    String typeText = switch (kind) {
      case DOUBLE -> null;
      case DOUBLE_ARRAY -> null;
      case INT -> v.getType().toString();
      case BOOLEAN -> "boolean";
    };
    if (v.getInitializer() == null) {
      return switch (kind) {
        case DOUBLE -> CodeBlock.of("$T<$T> $L", OPERAND, T, name);
        case DOUBLE_ARRAY -> CodeBlock.of("$T<$T<$T>> $L", LIST, OPERAND, T, name);
        default -> CodeBlock.of("$L $L", typeText, name);
      };
    }
    String value = coerce(expression(v.getInitializer()), kind, v.getInitializer());
    return switch (kind) {
      case DOUBLE -> CodeBlock.of("$T<$T> $L = $L", OPERAND, T, name, value);
      case DOUBLE_ARRAY -> CodeBlock.of("$T<$T<$T>> $L = $L", LIST, OPERAND, T, name, value);
      default -> CodeBlock.of("$L $L = $L", typeText, name, value);
    };
  }

  private Kind declaredKind(VariableTree v) throws Untranslatable {
    String text = v.getType() == null ? "var" : v.getType().toString();
    return switch (text) {
      case "double", "float" -> Kind.DOUBLE;
      case "int", "long", "short", "byte" -> Kind.INT;
      case "boolean" -> Kind.BOOLEAN;
      case "double[]" -> Kind.DOUBLE_ARRAY;
      default -> throw new Untranslatable("a local variable of type " + text, v);
    };
  }

  private String condition(ExpressionTree tree) throws Untranslatable {
    Expr e = expression(unparen(tree));
    if (e.kind() != Kind.BOOLEAN) {
      throw new Untranslatable("a condition of kind " + e.kind(), tree);
    }
    return e.code();
  }

  /** An expression used as a statement: assignment, compound assignment, ++/--, a call. */
  private String sideEffect(ExpressionTree tree) throws Untranslatable {
    switch (tree.getKind()) {
      case ASSIGNMENT:
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
      case METHOD_INVOCATION:
        return expression(tree).code();
      default:
        throw new Untranslatable("the expression statement " + tree, tree);
    }
  }

  // ---------------------------------------------------------------- expressions

  private Expr expression(ExpressionTree tree) throws Untranslatable {
    switch (tree.getKind()) {
      case INT_LITERAL:
      case LONG_LITERAL:
        return new Expr(Kind.INT, tree.toString());
      case DOUBLE_LITERAL:
      case FLOAT_LITERAL:
        return new Expr(Kind.DOUBLE, math + ".constant(" + ((Number) ((LiteralTree) tree).getValue()).doubleValue() + ")");
      case BOOLEAN_LITERAL:
        return new Expr(Kind.BOOLEAN, tree.toString());
      case PARENTHESIZED: {
        Expr inner = expression(((ParenthesizedTree) tree).getExpression());
        return inner.kind() == Kind.INT || inner.kind() == Kind.BOOLEAN
            ? new Expr(inner.kind(), "(" + inner.code() + ")") : inner;
      }
      case IDENTIFIER:
        return name(((IdentifierTree) tree).getName().toString(), tree);
      case MEMBER_SELECT:
        return memberSelect((MemberSelectTree) tree);
      case ARRAY_ACCESS: {
        ArrayAccessTree access = (ArrayAccessTree) tree;
        Expr array = expression(access.getExpression());
        Expr index = expression(access.getIndex());
        if (array.kind() != Kind.DOUBLE_ARRAY || index.kind() != Kind.INT) {
          throw new Untranslatable("indexing " + access.getExpression() + " with " + access.getIndex(), tree);
        }
        return new Expr(Kind.DOUBLE, array.code() + ".get(" + index.code() + ")");
      }
      case NEW_ARRAY:
        return newArray((NewArrayTree) tree);
      case UNARY_MINUS:
      case UNARY_PLUS: {
        Expr operand = expression(((UnaryTree) tree).getExpression());
        boolean minus = tree.getKind() == Tree.Kind.UNARY_MINUS;
        if (operand.kind() == Kind.DOUBLE) {
          return minus ? new Expr(Kind.DOUBLE, math + ".neg(" + operand.code() + ")") : operand;
        }
        if (operand.kind() == Kind.INT) {
          return new Expr(Kind.INT, (minus ? "-" : "+") + operand.code());
        }
        throw new Untranslatable("a sign on " + ((UnaryTree) tree).getExpression(), tree);
      }
      case LOGICAL_COMPLEMENT: {
        Expr operand = expression(((UnaryTree) tree).getExpression());
        requireKind(operand, Kind.BOOLEAN, tree);
        return new Expr(Kind.BOOLEAN, "!" + operand.code());
      }
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT: {
        ExpressionTree target = ((UnaryTree) tree).getExpression();
        Expr operand = expression(target);
        if (operand.kind() != Kind.INT || !(target instanceof IdentifierTree) || !isLocal(target.toString())) {
          throw new Untranslatable("++/-- on " + target + " (only integer locals can count)", tree);
        }
        String op = tree.getKind() == Tree.Kind.PREFIX_INCREMENT || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT ? "++" : "--";
        boolean prefix = tree.getKind() == Tree.Kind.PREFIX_INCREMENT || tree.getKind() == Tree.Kind.PREFIX_DECREMENT;
        return new Expr(Kind.INT, prefix ? op + operand.code() : operand.code() + op);
      }
      case PLUS:
      case MINUS:
      case MULTIPLY:
      case DIVIDE:
      case REMAINDER:
      case LEFT_SHIFT:
      case RIGHT_SHIFT:
      case UNSIGNED_RIGHT_SHIFT:
      case AND:
      case OR:
      case XOR:
      case LESS_THAN:
      case GREATER_THAN:
      case LESS_THAN_EQUAL:
      case GREATER_THAN_EQUAL:
      case EQUAL_TO:
      case NOT_EQUAL_TO:
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        return binary((BinaryTree) tree);
      case CONDITIONAL_EXPRESSION: {
        ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
        String condition = condition(c.getCondition());
        Expr yes = expression(c.getTrueExpression());
        Expr no = expression(c.getFalseExpression());
        Kind kind = yes.kind() == no.kind() ? yes.kind()
            : (isNumber(yes) && isNumber(no) ? Kind.DOUBLE : null);
        if (kind == null) {
          throw new Untranslatable("a conditional mixing " + yes.kind() + " and " + no.kind(), tree);
        }
        return new Expr(kind, "(" + condition + " ? " + coerce(yes, kind, tree) + " : " + coerce(no, kind, tree) + ")");
      }
      case TYPE_CAST: {
        TypeCastTree cast = (TypeCastTree) tree;
        Expr value = expression(cast.getExpression());
        String target = cast.getType().toString();
        if (target.equals("double") || target.equals("float")) {
          return new Expr(Kind.DOUBLE, coerce(value, Kind.DOUBLE, tree));
        }
        if ((target.equals("int") || target.equals("long")) && value.kind() == Kind.INT) {
          return new Expr(Kind.INT, "(" + target + ") " + value.code());
        }
        throw new Untranslatable("a cast to " + target + " of " + cast.getExpression(), tree);
      }
      case ASSIGNMENT:
        return assignment((AssignmentTree) tree);
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
        return compoundAssignment((CompoundAssignmentTree) tree);
      case METHOD_INVOCATION:
        return invocation((MethodInvocationTree) tree);
      default:
        throw new Untranslatable("the expression '" + tree + "' (" + describe(tree.getKind()) + ")", tree);
    }
  }

  private Expr binary(BinaryTree tree) throws Untranslatable {
    Expr left = expression(tree.getLeftOperand());
    Expr right = expression(tree.getRightOperand());
    String javaOp = switch (tree.getKind()) {
      case PLUS -> "+";
      case MINUS -> "-";
      case MULTIPLY -> "*";
      case DIVIDE -> "/";
      case REMAINDER -> "%";
      case LEFT_SHIFT -> "<<";
      case RIGHT_SHIFT -> ">>";
      case UNSIGNED_RIGHT_SHIFT -> ">>>";
      case AND -> "&";
      case OR -> "|";
      case XOR -> "^";
      case LESS_THAN -> "<";
      case GREATER_THAN -> ">";
      case LESS_THAN_EQUAL -> "<=";
      case GREATER_THAN_EQUAL -> ">=";
      case EQUAL_TO -> "==";
      case NOT_EQUAL_TO -> "!=";
      case CONDITIONAL_AND -> "&&";
      case CONDITIONAL_OR -> "||";
      default -> throw new Untranslatable("the operator " + tree.getKind(), tree);
    };
    boolean arithmetic = "+-*/".contains(javaOp);
    if (left.kind() == Kind.INT && right.kind() == Kind.INT) {
      boolean comparison = List.of("<", ">", "<=", ">=", "==", "!=").contains(javaOp);
      return new Expr(comparison ? Kind.BOOLEAN : Kind.INT, left.code() + " " + javaOp + " " + right.code());
    }
    if (left.kind() == Kind.BOOLEAN && right.kind() == Kind.BOOLEAN
        && List.of("&&", "||", "==", "!=", "&", "|", "^").contains(javaOp)) {
      return new Expr(Kind.BOOLEAN, left.code() + " " + javaOp + " " + right.code());
    }
    if (arithmetic && isNumber(left) && isNumber(right)) {
      String op = switch (javaOp) {
        case "+" -> "add";
        case "-" -> "sub";
        case "*" -> "mul";
        default -> "div";
      };
      return new Expr(Kind.DOUBLE, math + "." + op + "(" + coerce(left, Kind.DOUBLE, tree) + ", "
          + coerce(right, Kind.DOUBLE, tree) + ")");
    }
    if (isNumber(left) && isNumber(right)) {
      throw new Untranslatable("'" + javaOp + "' on double values (" + tree
          + ") — control flow or arithmetic the graph cannot stage", tree);
    }
    throw new Untranslatable("'" + javaOp + "' on " + left.kind() + " and " + right.kind(), tree);
  }

  private Expr assignment(AssignmentTree tree) throws Untranslatable {
    ExpressionTree target = unparen(tree.getVariable());
    Expr value = expression(tree.getExpression());
    if (target instanceof ArrayAccessTree access) {
      Expr array = expression(access.getExpression());
      Expr index = expression(access.getIndex());
      requireKind(array, Kind.DOUBLE_ARRAY, target);
      requireKind(index, Kind.INT, access.getIndex());
      return new Expr(Kind.DOUBLE, array.code() + ".set(" + index.code() + ", " + coerce(value, Kind.DOUBLE, tree) + ")");
    }
    if (target instanceof IdentifierTree id && isLocal(id.getName().toString())) {
      Kind kind = lookup(id.getName().toString());
      return new Expr(kind, local(id.getName().toString()) + " = " + coerce(value, kind, tree));
    }
    throw new Untranslatable("an assignment to the field '" + target + "'", tree);
  }

  private Expr compoundAssignment(CompoundAssignmentTree tree) throws Untranslatable {
    ExpressionTree target = unparen(tree.getVariable());
    Expr value = expression(tree.getExpression());
    String javaOp = switch (tree.getKind()) {
      case PLUS_ASSIGNMENT -> "+";
      case MINUS_ASSIGNMENT -> "-";
      case MULTIPLY_ASSIGNMENT -> "*";
      case DIVIDE_ASSIGNMENT -> "/";
      default -> "%";
    };
    String op = switch (javaOp) {
      case "+" -> "add";
      case "-" -> "sub";
      case "*" -> "mul";
      case "/" -> "div";
      default -> null;
    };
    if (target instanceof ArrayAccessTree access) {
      if (hasSideEffects(access.getIndex()) || op == null) {
        throw new Untranslatable("a compound assignment to " + target, tree);
      }
      Expr array = expression(access.getExpression());
      Expr index = expression(access.getIndex());
      requireKind(array, Kind.DOUBLE_ARRAY, target);
      requireKind(index, Kind.INT, access.getIndex());
      return new Expr(Kind.DOUBLE, array.code() + ".set(" + index.code() + ", " + math + "." + op + "("
          + array.code() + ".get(" + index.code() + "), " + coerce(value, Kind.DOUBLE, tree) + "))");
    }
    if (target instanceof IdentifierTree id && isLocal(id.getName().toString())) {
      String name = local(id.getName().toString());
      Kind kind = lookup(id.getName().toString());
      if (kind == Kind.INT && value.kind() == Kind.INT) {
        return new Expr(Kind.INT, name + " " + javaOp + "= " + value.code());
      }
      if (kind == Kind.DOUBLE && op != null) {
        return new Expr(Kind.DOUBLE, name + " = " + math + "." + op + "(" + name + ", " + coerce(value, Kind.DOUBLE, tree) + ")");
      }
    }
    throw new Untranslatable("the compound assignment " + tree, tree);
  }

  private static boolean hasSideEffects(ExpressionTree tree) {
    boolean[] found = {false};
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitUnary(UnaryTree node, Void p) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> found[0] = true;
          default -> { }
        }
        return super.visitUnary(node, p);
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void p) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void p) {
        found[0] = true;
        return null;
      }
    }.scan(tree, null);
    return found[0];
  }

  private Expr newArray(NewArrayTree tree) throws Untranslatable {
    if (tree.getType() == null && tree.getInitializers() == null || tree.getType() != null && !tree.getType().toString().equals("double")) {
      throw new Untranslatable("an array of " + tree.getType(), tree);
    }
    if (tree.getInitializers() != null) {
      List<String> values = new ArrayList<>();
      for (ExpressionTree e : tree.getInitializers()) {
        values.add(coerce(expression(e), Kind.DOUBLE, e));
      }
      return new Expr(Kind.DOUBLE_ARRAY, math + ".list(java.util.List.of(" + String.join(", ", values) + "))");
    }
    if (tree.getDimensions().size() != 1) {
      throw new Untranslatable("a multi-dimensional array", tree);
    }
    Expr size = expression(tree.getDimensions().get(0));
    requireKind(size, Kind.INT, tree);
    return new Expr(Kind.DOUBLE_ARRAY, math + ".zeros(" + size.code() + ")");
  }

  private Expr memberSelect(MemberSelectTree tree) throws Untranslatable {
    String member = tree.getIdentifier().toString();
    ExpressionTree owner = tree.getExpression();
    if (owner.toString().equals("this")) {
      return field(member, tree);
    }
    if (member.equals("length")) {
      Expr array = expression(owner);
      if (array.kind() == Kind.DOUBLE_ARRAY) {
        return new Expr(Kind.INT, array.code() + ".size()");
      }
    }
    if (isMath(owner)) {
      if (member.equals("PI") || member.equals("E")) {
        return new Expr(Kind.DOUBLE, math + ".constant(Math." + member + ")");
      }
    }
    if (owner.toString().equals(type.getSimpleName().toString()) || owner.toString().equals(type.getQualifiedName().toString())) {
      return field(member, tree);
    }
    throw new Untranslatable("the member '" + tree + "'", tree);
  }

  private static boolean isMath(ExpressionTree owner) {
    String text = owner.toString();
    return text.equals("Math") || text.equals("java.lang.Math") || text.equals("StrictMath")
        || text.equals("java.lang.StrictMath");
  }

  private static final Set<String> DOUBLE_FUNCTIONS = Set.of("sqrt", "exp", "expm1", "log", "log1p", "log10",
      "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "cbrt", "signum");
  private static final Set<String> BINARY_FUNCTIONS = Set.of("atan2", "pow", "hypot");
  private static final Set<String> NUMBER_FUNCTIONS = Set.of("abs", "max", "min");

  private Expr invocation(MethodInvocationTree tree) throws Untranslatable {
    ExpressionTree select = tree.getMethodSelect();
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : tree.getArguments()) {
      args.add(expression(a));
    }
    if (select instanceof MemberSelectTree member && isMath(member.getExpression())) {
      String function = member.getIdentifier().toString();
      int arity = DOUBLE_FUNCTIONS.contains(function) ? 1 : BINARY_FUNCTIONS.contains(function) ? 2
          : function.equals("abs") ? 1 : NUMBER_FUNCTIONS.contains(function) ? 2 : -1;
      if (arity < 0 || args.size() != arity) {
        throw new Untranslatable("Math." + function + " with " + args.size() + " argument(s)", tree);
      }
      boolean allInt = args.stream().allMatch(a -> a.kind() == Kind.INT);
      if (NUMBER_FUNCTIONS.contains(function) && allInt) {
        List<String> codes = new ArrayList<>();
        args.forEach(a -> codes.add(a.code()));
        return new Expr(Kind.INT, "Math." + function + "(" + String.join(", ", codes) + ")");
      }
      List<String> codes = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        codes.add(coerce(args.get(i), Kind.DOUBLE, tree.getArguments().get(i)));
      }
      return new Expr(Kind.DOUBLE, math + "." + function + "(" + String.join(", ", codes) + ")");
    }
    String name;
    if (select instanceof IdentifierTree id) {
      name = id.getName().toString();
    } else if (select instanceof MemberSelectTree member && (member.getExpression().toString().equals("this")
        || member.getExpression().toString().equals(type.getSimpleName().toString()))) {
      name = member.getIdentifier().toString();
    } else {
      throw new Untranslatable("a call to " + select + "()", tree);
    }
    List<ExecutableElement> candidates = methods.get(name);
    if (candidates == null) {
      throw new Untranslatable("a call to " + name + "(), which is not a method of " + type.getSimpleName(), tree);
    }
    if (candidates.size() > 1) {
      throw new Untranslatable("a call to the overloaded helper " + name + "()", tree);
    }
    ExecutableElement helper = candidates.get(0);
    if (!helper.getTypeParameters().isEmpty()) {
      throw new Untranslatable("a call to the generic helper " + name + "()", tree);
    }
    if (helper.getParameters().size() != args.size()) {
      throw new Untranslatable("a call to " + name + "() with " + args.size() + " argument(s)", tree);
    }
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      VariableElement p = helper.getParameters().get(i);
      ExpressionTree argTree = tree.getArguments().get(i);
      Kind kind = Kind.of(p.asType()).orElseThrow(() ->
          new Untranslatable("a call to " + name + "() with a parameter of type " + p.asType(), argTree));
      codes.add(coerce(args.get(i), kind, argTree));
    }
    Kind result = Kind.of(helper.getReturnType()).orElseThrow(() ->
        new Untranslatable("a call to " + name + "() returning " + helper.getReturnType(), tree));
    callees.add(name);
    pending.add(name);
    return new Expr(result, name + "(" + String.join(", ", codes) + ")");
  }

  private Expr name(String name, Tree tree) throws Untranslatable {
    if (isLocal(name)) {
      return new Expr(lookup(name), local(name));
    }
    return field(name, tree);
  }

  private Expr field(String name, Tree tree) throws Untranslatable {
    if (stateFields.contains(name)) {
      return new Expr(arrayStates.contains(name) ? Kind.DOUBLE_ARRAY : Kind.DOUBLE, name);
    }
    if (parameterFields.contains(name)) {
      return new Expr(Kind.DOUBLE, name);
    }
    for (Element e : type.getEnclosedElements()) {
      if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals(name)) {
        VariableElement field = (VariableElement) e;
        Object constant = field.getConstantValue();
        if (constant instanceof Number number && field.getModifiers().contains(Modifier.STATIC)) {
          Optional<Kind> kind = Kind.of(field.asType());
          if (kind.isPresent() && kind.get() == Kind.DOUBLE) {
            return new Expr(Kind.DOUBLE, math + ".constant(" + number.doubleValue() + ")");
          }
          if (kind.isPresent() && kind.get() == Kind.INT) {
            return new Expr(Kind.INT, number instanceof Long ? number + "L" : number.toString());
          }
        }
        throw new Untranslatable("the field '" + name + "', which is neither @State, @Parameter nor a constant", tree);
      }
    }
    throw new Untranslatable("the name '" + name + "'", tree);
  }

  // ---------------------------------------------------------------- helpers

  private String coerce(Expr e, Kind kind, Tree where) throws Untranslatable {
    if (e.kind() == kind) {
      return e.code();
    }
    if (kind == Kind.DOUBLE && e.kind() == Kind.INT) {
      return math + ".constant(" + e.code() + ")";
    }
    throw new Untranslatable("a " + e.kind().name().toLowerCase() + " value where a "
        + kind.name().toLowerCase().replace('_', ' ') + " is needed", where);
  }

  private static boolean isNumber(Expr e) {
    return e.kind() == Kind.DOUBLE || e.kind() == Kind.INT;
  }

  private static void requireKind(Expr e, Kind kind, Tree where) throws Untranslatable {
    if (e.kind() != kind) {
      throw new Untranslatable("a " + e.kind() + " value where " + kind + " is needed", where);
    }
  }

  private static ExpressionTree unparen(ExpressionTree tree) {
    while (tree instanceof ParenthesizedTree p) {
      tree = p.getExpression();
    }
    return tree;
  }

  private String declare(String name, Kind kind) {
    scopes.peek().put(name, kind);
    return name;
  }

  private boolean isLocal(String name) {
    for (Map<String, Kind> scope : scopes) {
      if (scope.containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  private Kind lookup(String name) {
    for (Map<String, Kind> scope : scopes) {
      Kind kind = scope.get(name);
      if (kind != null) {
        return kind;
      }
    }
    throw new IllegalStateException(name);
  }

  /** A local's name in the generated code: the user's, unless it is the GraphMath field's. */
  private String local(String name) {
    return name.equals(math) ? name + "_" : name;
  }

  private static String describe(Tree.Kind kind) {
    return kind.name().toLowerCase().replace('_', ' ');
  }
}
