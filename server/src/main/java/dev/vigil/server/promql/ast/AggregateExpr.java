package dev.vigil.server.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation such as {@code sum by (job) (x)} or {@code topk(5, x)}. {@code param} is null for
 * operators without a parameter; {@code grouping} lists the {@code by} labels, or the {@code
 * without} labels when {@code without} is set.
 */
public record AggregateExpr(
    AggregateOp op,
    Expr expr,
    Expr param,
    List<String> grouping,
    boolean without,
    PositionRange positionRange)
    implements Expr {

  public AggregateExpr {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(expr, "expr");
    grouping = List.copyOf(grouping);
    Objects.requireNonNull(positionRange, "positionRange");
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
