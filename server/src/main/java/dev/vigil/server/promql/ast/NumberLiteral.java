package dev.vigil.server.promql.ast;

import java.util.Objects;

/**
 * A number. {@code duration} marks a literal written as a duration ({@code 5m}, value in seconds),
 * which prints back as a duration.
 */
public record NumberLiteral(double value, boolean duration, PositionRange positionRange)
    implements Expr {

  public NumberLiteral {
    Objects.requireNonNull(positionRange, "positionRange");
  }

  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
