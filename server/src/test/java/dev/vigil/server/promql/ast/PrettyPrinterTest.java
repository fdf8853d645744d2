package dev.vigil.server.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.promql.parser.ParserOptions;
import dev.vigil.server.promql.parser.PromqlParser;
import org.junit.jupiter.api.Test;

/** The multi-line form of {@code /api/v1/format_query}: split only what does not fit. */
class PrettyPrinterTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  private static String pretty(String q, int width) {
    return PrettyPrinter.pretty(PARSER.parseExpr(q), width);
  }

  @Test
  void keepsAQueryThatFitsOnOneLine() {
    Expr e = PARSER.parseExpr("sum by(job) (rate(http_requests_total[5m]))");
    assertThat(PrettyPrinter.pretty(e)).isEqualTo("sum by (job) (rate(http_requests_total[5m]))");
  }

  @Test
  void splitsAggregationsAndCallsThatDoNotFit() {
    assertThat(pretty("topk(10, sum by (job) (rate(errors_total{job=\"api\"}[5m])))", 30))
        .isEqualTo(
            """
            topk(
              10,
              sum by (job) (
                rate(
                  errors_total{job="api"}[5m]
                )
              )
            )""");
  }

  @Test
  void putsBinaryOperatorsWithTheirModifiersBetweenTheOperands() {
    assertThat(
            pretty("errors_total{job=\"api\"} / on (instance) group_left (version) build_info", 40))
        .isEqualTo(
            """
              errors_total{job="api"}
            / on (instance) group_left (version)
              build_info""");
  }

  @Test
  void wrapsParenthesesAndKeepsSignsAndSubqueryRanges() {
    assertThat(pretty("-(max_over_time(rate(requests_total[1m])[1h:5m]) > 100)", 30))
        .isEqualTo(
            """
            -(
                max_over_time(
                  rate(requests_total[1m])[1h:5m]
                )
              >
                100
            )""");
  }

  @Test
  void neverSplitsSelectors() {
    String selector =
        "metric_with_a_long_name{label_one=\"value\",label_two=\"value\"}[5m] offset 1h";
    assertThat(pretty(selector, 10)).isEqualTo(selector);
  }

  @Test
  void countsTheLimitInBytes() {
    // 15 characters, but 18 bytes in UTF-8.
    assertThat(pretty("abs(x{a=\"äöü\"})", 18)).isEqualTo("abs(x{a=\"äöü\"})");
    assertThat(pretty("abs(x{a=\"äöü\"})", 16))
        .isEqualTo(
            """
            abs(
              x{a="äöü"}
            )""");
  }
}
