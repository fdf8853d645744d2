package dev.vigil.server.promql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * A subquery such as {@code rate(x[5m])[1h:1m]}. A zero {@code step} without {@code stepExpr} means
 * "the default evaluation interval" ({@code [1h:]}). Offsets and {@code @} work as on selectors.
 */
public record SubqueryExpr(
    Expr expr,
    Duration range,
    DurationExpr rangeExpr,
    Duration step,
    DurationExpr stepExpr,
    Duration offset,
    DurationExpr offsetExpr,
    AtModifier at,
    PositionRange positionRange)
    implements Expr {

  public SubqueryExpr {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(positionRange, "positionRange");
  }

  public boolean hasOffset() {
    return !offset.isZero() || offsetExpr != null;
  }

  public SubqueryExpr withOffset(Duration o, DurationExpr oExpr, PositionRange r) {
    return new SubqueryExpr(expr, range, rangeExpr, step, stepExpr, o, oExpr, at, r);
  }

  public SubqueryExpr withAt(AtModifier a, PositionRange r) {
    return new SubqueryExpr(expr, range, rangeExpr, step, stepExpr, offset, offsetExpr, a, r);
  }

  public SubqueryExpr withExpr(Expr e) {
    return new SubqueryExpr(
        e, range, rangeExpr, step, stepExpr, offset, offsetExpr, at, positionRange);
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
