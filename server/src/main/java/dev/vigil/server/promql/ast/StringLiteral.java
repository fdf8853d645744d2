package dev.vigil.server.promql.ast;

import java.util.Objects;

/** A string literal, already unquoted. */
public record StringLiteral(String value, PositionRange positionRange) implements Expr {

  public StringLiteral {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(positionRange, "positionRange");
  }

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
