package dev.vigil.server.promql.ast;

import java.time.Duration;
import java.util.Objects;

/**
 * A range vector selector such as {@code x[5m]}. The selector's offset, {@code @} and range
 * modifier apply to the whole range. {@code rangeExpr} is set instead of {@code range} when the
 * range is a duration expression.
 */
public record MatrixSelector(
    VectorSelector selector, Duration range, DurationExpr rangeExpr, PositionRange positionRange)
    implements Expr {

  public MatrixSelector {
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(positionRange, "positionRange");
  }

  public MatrixSelector withSelector(VectorSelector s, PositionRange r) {
    return new MatrixSelector(s, range, rangeExpr, r);
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
