package dev.vigil.server.promql.ast;

import java.util.Objects;

/**
 * A binary operation. {@code matching} is null unless both sides are instant vectors; {@code
 * returnBool} is the {@code bool} modifier of comparisons.
 */
public record BinaryExpr(
    BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool) implements Expr {

  public BinaryExpr {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(lhs, "lhs");
    Objects.requireNonNull(rhs, "rhs");
  }

  /**
   * Scalar when both sides are scalars, otherwise an instant vector. Walks the left spine in a
   * loop: generated queries can chain thousands of operands.
   */
  @Override
  public ValueType type() {
    Expr e = this;
    while (e instanceof BinaryExpr b) {
      if (b.rhs.type() != ValueType.SCALAR) {
        return ValueType.VECTOR;
      }
      e = b.lhs;
    }
    return e.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
  }

  /**
   * From the start of the left operand to the end of the right one (left spine walked in a loop).
   */
  @Override
  public PositionRange positionRange() {
    Expr e = lhs;
    while (e instanceof BinaryExpr b) {
      e = b.lhs;
    }
    return new PositionRange(e.positionRange().start(), rhs.positionRange().end());
  }

  @Override
  public String toString() {
    return Printer.print(this);
  }
}
