package dev.vigil.server.promql.ast;

/**
 * The binary operators, one row each: spelling, precedence (higher binds tighter) and kind. All are
 * left-associative except {@code ^}.
 */
public enum BinaryOp {
  OR("or", 1, Kind.SET),
  AND("and", 2, Kind.SET),
  UNLESS("unless", 2, Kind.SET),
  EQL("==", 3, Kind.COMPARISON),
  NEQ("!=", 3, Kind.COMPARISON),
  GTR(">", 3, Kind.COMPARISON),
  LSS("<", 3, Kind.COMPARISON),
  GTE(">=", 3, Kind.COMPARISON),
  LTE("<=", 3, Kind.COMPARISON),
  /** Histogram trim: drops observations above the scalar (Prometheus 3.x). */
  TRIM_UPPER("</", 3, Kind.TRIM),
  /** Histogram trim: drops observations below the scalar (Prometheus 3.x). */
  TRIM_LOWER(">/", 3, Kind.TRIM),
  ADD("+", 4, Kind.ARITHMETIC),
  SUB("-", 4, Kind.ARITHMETIC),
  MUL("*", 5, Kind.ARITHMETIC),
  DIV("/", 5, Kind.ARITHMETIC),
  MOD("%", 5, Kind.ARITHMETIC),
  ATAN2("atan2", 5, Kind.ARITHMETIC),
  POW("^", 6, Kind.ARITHMETIC);

  /** What an operator does with its operands. */
  public enum Kind {
    ARITHMETIC,
    COMPARISON,
    SET,
    TRIM
  }

  /** The precedence of unary plus and minus, which Prometheus puts at the level of {@code *}. */
  public static final int UNARY_PRECEDENCE = 5;

  private final String symbol;
  private final int precedence;
  private final Kind kind;

  BinaryOp(String symbol, int precedence, Kind kind) {
    this.symbol = symbol;
    this.precedence = precedence;
    this.kind = kind;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isRightAssociative() {
    return this == POW;
  }

  public boolean isComparison() {
    return kind == Kind.COMPARISON;
  }

  public boolean isSetOperator() {
    return kind == Kind.SET;
  }
}
