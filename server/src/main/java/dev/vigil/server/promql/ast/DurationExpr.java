package dev.vigil.server.promql.ast;

import java.util.Objects;

/**
 * Arithmetic on durations inside ranges, steps and offsets (Prometheus 3.x duration expressions),
 * e.g. the {@code 5m + 1m} in {@code x[5m + 1m]}, {@code step()}, {@code min_of(a, b)}. Operands
 * are {@link NumberLiteral}s (seconds) or other duration expressions.
 *
 * <p>Shapes: binary ops have both operands; unary minus/plus has only {@code rhs}; {@code step()}
 * and {@code range()} have none; {@code min_of}/{@code max_of} have both. {@code wrapped} records
 * parentheses so that printing reproduces them (a parenthesised literal becomes a unary plus around
 * it, as in Prometheus).
 */
public record DurationExpr(Op op, Expr lhs, Expr rhs, boolean wrapped, PositionRange positionRange)
    implements Expr {

  /** Duration operators and functions. */
  public enum Op {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%"),
    POW("^"),
    STEP("step"),
    RANGE("range"),
    MIN_OF("min_of"),
    MAX_OF("max_of");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public DurationExpr {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(positionRange, "positionRange");
  }

  public DurationExpr withWrapped(boolean w, PositionRange range) {
    return new DurationExpr(op, lhs, rhs, w, range);
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
