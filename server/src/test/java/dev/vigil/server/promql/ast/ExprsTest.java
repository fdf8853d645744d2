package dev.vigil.server.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import org.junit.jupiter.api.Test;

/** Walking and rewriting trees, e.g. pinning every selector with {@code @} as promqltest does. */
class ExprsTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  /** Adds {@code @ t} to every selector and subquery that has none, like the promqltest runner. */
  private static Expr pinAt(Expr e, long millis) {
    return Exprs.rewrite(
        e,
        n -> {
          if (n instanceof VectorSelector vs && vs.at() == null) {
            return vs.withAt(AtModifier.at(millis), vs.positionRange());
          }
          if (n instanceof MatrixSelector m && m.selector().at() == null) {
            return m.withSelector(
                m.selector().withAt(AtModifier.at(millis), m.positionRange()), m.positionRange());
          }
          if (n instanceof SubqueryExpr s && s.at() == null) {
            return s.withAt(AtModifier.at(millis), s.positionRange());
          }
          return n;
        });
  }

  @Test
  void rewritesBottomUpAndPrintsTheResult() {
    Expr e = PARSER.parseExpr("sum(rate(foo[5m] offset 1m)) / bar @ 10 + max_over_time(baz[1h:])");
    String pinned = pinAt(e, 100_000).toString();
    // Selectors inside a subquery are pinned too, before the subquery itself.
    assertThat(pinned)
        .isEqualTo(
            "sum(rate(foo[5m] @ 100.000 offset 1m)) / bar @ 10.000"
                + " + max_over_time(baz @ 100.000[1h:] @ 100.000)");
  }

  @Test
  void pinnedQueriesParseBackToTheSameTree() {
    Expr e = PARSER.parseExpr("histogram_quantile(0.9, sum by (le) (rate(x_bucket{a=\"b\"}[5m])))");
    String pinned = pinAt(e, 3_000_000).toString();
    assertThat(PARSER.parseExpr(pinned).toString()).isEqualTo(pinned);
  }

  @Test
  void listsChildrenInSourceOrder() {
    Expr e = PARSER.parseExpr("topk(3, foo) + on(a) bar");
    BinaryExpr b = (BinaryExpr) e;
    assertThat(Exprs.children(e)).containsExactly(b.lhs(), b.rhs());
    AggregateExpr topk = (AggregateExpr) b.lhs();
    assertThat(Exprs.children(topk)).containsExactly(topk.param(), topk.expr());
    assertThat(Exprs.children(topk.expr())).isEmpty();
  }

  @Test
  void handlesVeryLongOperatorChainsWithoutRecursingOnThem() {
    Expr e = PARSER.parseExpr("x" + " + x".repeat(50_000));
    Expr pinned = pinAt(e, 0);
    assertThat(pinned.toString()).startsWith("x @ 0.000 + x @ 0.000");
    assertThat(pinned.type()).isEqualTo(ValueType.VECTOR);
  }
}
