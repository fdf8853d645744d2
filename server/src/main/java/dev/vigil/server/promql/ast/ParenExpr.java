package dev.vigil.server.promql.ast;

import java.util.Objects;

/** An expression in parentheses; kept so that printing preserves the grouping. */
public record ParenExpr(Expr expr, PositionRange positionRange) implements Expr {

  public ParenExpr {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(positionRange, "positionRange");
  }

  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
