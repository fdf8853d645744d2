package dev.vigil.server.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.promql.ast.Expr;

/** The printer contract: the canonical form parses and prints back to itself. */
final class RoundTrip {

  private RoundTrip() {}

  /** Parses {@code query}, checks its canonical form is a fixed point, returns the tree. */
  static Expr check(PromqlParser parser, String query) {
    Expr e = parser.parseExpr(query);
    String printed = e.toString();
    assertThat(parser.parseExpr(printed).toString())
        .as("canonical form of %s", query)
        .isEqualTo(printed);
    return e;
  }
}
