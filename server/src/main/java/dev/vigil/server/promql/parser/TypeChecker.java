package dev.vigil.server.promql.parser;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import dev.vigil.server.promql.ast.AggregateExpr;
import dev.vigil.server.promql.ast.BinaryExpr;
import dev.vigil.server.promql.ast.Call;
import dev.vigil.server.promql.ast.Expr;
import dev.vigil.server.promql.ast.Function;
import dev.vigil.server.promql.ast.MatrixSelector;
import dev.vigil.server.promql.ast.ParenExpr;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.ast.SubqueryExpr;
import dev.vigil.server.promql.ast.UnaryExpr;
import dev.vigil.server.promql.ast.ValueType;
import dev.vigil.server.promql.ast.VectorMatching;
import dev.vigil.server.promql.ast.VectorSelector;
import dev.vigil.server.promql.lexer.GoText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Checks types and the rules the grammar cannot express, in Prometheus's order (children first,
 * then the node), and returns the tree with binary matching normalised: no matching between a
 * scalar and anything, and set operators always many-to-many.
 */
final class TypeChecker {

  private final TokenStream ts;

  TypeChecker(TokenStream ts) {
    this.ts = ts;
  }

  Expr check(Expr e) {
    return check(e, false);
  }

  /**
   * {@code infoLabels}: the selector is the second argument of {@code info()}, which may match all.
   */
  private Expr check(Expr e, boolean infoLabels) {
    if (e instanceof AggregateExpr a) {
      return aggregate(a);
    }
    if (e instanceof BinaryExpr b) {
      return binary(b);
    }
    if (e instanceof Call c) {
      return call(c);
    }
    if (e instanceof ParenExpr p) {
      return new ParenExpr(check(p.expr()), p.positionRange());
    }
    if (e instanceof UnaryExpr u) {
      Expr inner = check(u.expr());
      ValueType t = inner.type();
      if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
        throw ts.error(
            u.positionRange(),
            "unary expression only allowed on expressions of type scalar or instant vector, got "
                + GoText.quote(t.documentedName()));
      }
      return new UnaryExpr(u.negative(), inner, u.start());
    }
    if (e instanceof SubqueryExpr s) {
      Expr inner = check(s.expr());
      if (inner.type() != ValueType.VECTOR) {
        throw ts.error(
            s.positionRange(),
            "subquery is only allowed on instant vector, got "
                + inner.type().internalName()
                + " instead");
      }
      return s.withExpr(inner);
    }
    if (e instanceof MatrixSelector m) {
      selector(m.selector(), false);
      return m;
    }
    if (e instanceof VectorSelector v) {
      selector(v, infoLabels);
      return v;
    }
    return e;
  }

  private Expr aggregate(AggregateExpr a) {
    Expr expr = expectType(a.expr(), ValueType.VECTOR, "aggregation expression");
    Expr param = a.param();
    if (param != null) {
      param = expectType(param, a.op().paramType(), "aggregation parameter");
    }
    return new AggregateExpr(a.op(), expr, param, a.grouping(), a.without(), a.positionRange());
  }

  private Expr expectType(Expr e, ValueType want, String context) {
    Expr checked = check(e);
    if (checked.type() != want) {
      throw typeError(e.positionRange(), want, context, checked.type());
    }
    return checked;
  }

  private ParseException typeError(PositionRange r, ValueType want, String context, ValueType got) {
    return ts.error(
        r,
        "expected type "
            + want.documentedName()
            + " in "
            + context
            + ", got "
            + got.documentedName());
  }

  /**
   * Checks a chain {@code a + b + c ...} along its left spine without recursing on it, so long
   * generated chains do not exhaust the stack; the order is still left operand, right operand,
   * operator, innermost first.
   */
  private Expr binary(BinaryExpr top) {
    Deque<BinaryExpr> spine = new ArrayDeque<>();
    Expr e = top;
    while (e instanceof BinaryExpr b) {
      spine.push(b);
      e = b.lhs();
    }
    Expr lhs = check(e);
    while (!spine.isEmpty()) {
      BinaryExpr b = spine.pop();
      lhs = binary(b, lhs, check(b.rhs()));
    }
    return lhs;
  }

  private Expr binary(BinaryExpr b, Expr lhs, Expr rhs) {
    ValueType lt = lhs.type();
    ValueType rt = rhs.type();
    VectorMatching vm = b.matching();
    if (b.returnBool() && !b.op().isComparison()) {
      throw ts.error(operatorRange(b), "bool modifier can only be used on comparison operators");
    }
    if (b.op().isComparison()
        && !b.returnBool()
        && lt == ValueType.SCALAR
        && rt == ValueType.SCALAR) {
      throw ts.error(operatorRange(b), "comparisons between scalars must use BOOL modifier");
    }
    if (b.op().isSetOperator() && vm.cardinality() == VectorMatching.Cardinality.ONE_TO_ONE) {
      vm = vm.withCardinality(VectorMatching.Cardinality.MANY_TO_MANY);
    }
    if (vm.on()) {
      for (String l : vm.matchingLabels()) {
        if (vm.include().contains(l)) {
          throw ts.error(
              operatorRange(b),
              "label " + GoText.quote(l) + " must not occur in ON and GROUP clause at once");
        }
      }
    }
    if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
      throw ts.error(
          lhs.positionRange(),
          "binary expression must contain only scalar and instant vector types");
    }
    if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
      throw ts.error(
          rhs.positionRange(),
          "binary expression must contain only scalar and instant vector types");
    }
    if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
      if (!vm.matchingLabels().isEmpty()) {
        throw ts.error(b.positionRange(), "vector matching only allowed between instant vectors");
      }
      if (vm.hasFill()) {
        throw ts.error(
            b.positionRange(), "filling in missing series only allowed between instant vectors");
      }
      vm = null;
    } else if (b.op().isSetOperator()) {
      if (vm.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY
          || vm.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE) {
        throw ts.error(
            b.positionRange(),
            "no grouping allowed for " + GoText.quote(b.op().symbol()) + " operation");
      }
      if (vm.hasFill()) {
        throw ts.error(
            b.positionRange(), "filling in missing series not allowed for set operators");
      }
    }
    if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && b.op().isSetOperator()) {
      throw ts.error(
          b.positionRange(),
          "set operator "
              + GoText.quote(b.op().symbol())
              + " not allowed in binary scalar expression");
    }
    return new BinaryExpr(b.op(), lhs, rhs, vm, b.returnBool());
  }

  /** The operator between the operands, for error positions: the first non-space after the LHS. */
  private PositionRange operatorRange(BinaryExpr b) {
    String q = ts.query();
    int start = b.lhs().positionRange().end();
    while (start < q.length() && isSpace(q.charAt(start))) {
      start++;
    }
    int end = b.rhs().positionRange().start() - 1;
    while (end > start && isSpace(q.charAt(end))) {
      end--;
    }
    return new PositionRange(start, end);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private Expr call(Call c) {
    Function fn = c.function();
    int n = c.args().size();
    if (fn.variadic() == 0) {
      if (n != fn.argTypes().size()) {
        throw arity(c, "", fn.argTypes().size());
      }
    } else if (n < fn.minArgs()) {
      throw arity(c, "at least ", fn.minArgs());
    } else if (fn.maxArgs() >= 0 && n > fn.maxArgs()) {
      throw arity(c, "at most ", fn.maxArgs());
    }
    boolean infoLabels = false;
    if (fn.name().equals("info") && n > 1) {
      Expr labels = c.args().get(1);
      if (labels.type() != ValueType.VECTOR) {
        throw typeError(
            c.positionRange(), ValueType.VECTOR, "call to function \"info\"", labels.type());
      }
      if (!(labels instanceof VectorSelector vs)) {
        throw ts.error(labels.positionRange(), "expected label selectors only");
      }
      if (!vs.name().isEmpty()) {
        throw ts.error(
            labels.positionRange(), "expected label selectors only, got vector selector instead");
      }
      infoLabels = true;
    }
    List<Expr> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Expr arg = c.args().get(i);
      if (i >= fn.argTypes().size() && fn.variadic() == 0) {
        args.add(arg);
        continue;
      }
      Expr checked = check(arg, infoLabels && i == 1);
      ValueType want = fn.argType(i);
      if (checked.type() != want) {
        throw typeError(
            arg.positionRange(),
            want,
            "call to function " + GoText.quote(fn.name()),
            checked.type());
      }
      args.add(checked);
    }
    return new Call(fn, args, c.positionRange());
  }

  private ParseException arity(Call c, String bound, int count) {
    return ts.error(
        c.positionRange(),
        "expected "
            + bound
            + count
            + " argument(s) in call to "
            + GoText.quote(c.function().name())
            + ", got "
            + c.args().size());
  }

  private void selector(VectorSelector v, boolean mayMatchEverything) {
    if (!v.name().isEmpty()) {
      List<LabelMatcher> ms = v.matchers();
      for (LabelMatcher m : ms.subList(0, ms.size() - 1)) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          throw ts.error(
              v.positionRange(),
              "metric name must not be set twice: "
                  + GoText.quote(v.name())
                  + " or "
                  + GoText.quote(m.value()));
        }
      }
      return;
    }
    if (!mayMatchEverything && v.matchers().stream().allMatch(LabelMatcher::matchesEmpty)) {
      throw ts.error(
          v.positionRange(), "vector selector must contain at least one non-empty matcher");
    }
  }
}
