package dev.vigil.server.promql.ast;

/**
 * A PromQL expression node. Nodes are immutable records; {@code toString()} of every node is its
 * canonical PromQL text as Prometheus prints it (see {@link Printer}).
 */
public sealed interface Expr
    permits AggregateExpr,
        BinaryExpr,
        Call,
        DurationExpr,
        MatrixSelector,
        NumberLiteral,
        ParenExpr,
        StringLiteral,
        SubqueryExpr,
        UnaryExpr,
        VectorSelector {

  /** The type this expression evaluates to. */
  ValueType type();

  /** Where this expression sits in the query text. */
  PositionRange positionRange();
}
