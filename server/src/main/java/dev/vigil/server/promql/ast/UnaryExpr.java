package dev.vigil.server.promql.ast;

import java.util.Objects;

/**
 * Unary plus or minus on a scalar or instant vector. Minus on a number literal never appears here:
 * the parser folds it into the literal, as Prometheus does.
 */
public record UnaryExpr(boolean negative, Expr expr, int start) implements Expr {

  public UnaryExpr {
    Objects.requireNonNull(expr, "expr");
  }

  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public PositionRange positionRange() {
    return new PositionRange(start, expr.positionRange().end());
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
