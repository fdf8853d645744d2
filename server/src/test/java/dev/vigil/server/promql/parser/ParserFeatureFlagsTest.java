package dev.vigil.server.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Experimental syntax is rejected, with Prometheus's wording, unless its option is on. */
class ParserFeatureFlagsTest {

  private static final PromqlParser NONE = new PromqlParser(ParserOptions.NONE);

  static Stream<Arguments> gatedQueries() {
    return SpecTable.rows(
        """
info(foo) ==> 1:1: parse error: function "info" is not enabled
sort_by_label(foo, "a") ==> 1:1: parse error: function "sort_by_label" is not enabled
mad_over_time(foo[5m]) ==> 1:1: parse error: function "mad_over_time" is not enabled
ts_of_max_over_time(foo[5m]) ==> 1:1: parse error: function "ts_of_max_over_time" is not enabled
double_exponential_smoothing(foo[5m], 0.5, 0.5) ==> 1:1: parse error: function "double_exponential_smoothing" is not enabled
foo - step() ==> 1:7: parse error: function "step" is not enabled
limitk(1, foo) ==> 1:1: parse error: limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions
limit_ratio(0.5, foo) ==> 1:1: parse error: limit_ratio() is experimental and must be enabled with --enable-feature=promql-experimental-functions
foo[5m+1m] ==> 1:5: parse error: experimental duration expression is not enabled
foo[step()] ==> 1:5: parse error: experimental duration expression is not enabled
foo[(5m)] ==> 1:6: parse error: experimental duration expression is not enabled
foo offset (5m) ==> 1:13: parse error: experimental duration expression is not enabled
foo offset -step() ==> 1:12: parse error: experimental duration expression is not enabled
foo[5m:min_of(1m, 2m)] ==> 1:8: parse error: experimental duration expression is not enabled
foo anchored ==> 1:1: parse error: anchored modifier is experimental and not enabled
foo[5m] smoothed ==> 1:1: parse error: smoothed modifier is experimental and not enabled
foo + fill(0) bar ==> 1:1: parse error: binop fill modifiers are experimental and not enabled
foo + on(a) fill_left(1) bar ==> 1:1: parse error: binop fill modifiers are experimental and not enabled
""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gatedQueries")
  void rejectsExperimentalSyntaxWhenItsOptionIsOff(String query, String message) {
    assertThatThrownBy(() -> NONE.parseExpr(query))
        .isInstanceOf(ParseException.class)
        .hasMessage(message);
    assertThat(new PromqlParser(ParserOptions.ALL).parseExpr(query)).isNotNull();
  }

  @Test
  void acceptsStableSyntaxWithEverythingOff() {
    assertThat(
            NONE.parseExpr("sum by (job) (rate(foo[5m] offset -1h @ end())) > bool 0").toString())
        .isEqualTo("sum by (job) (rate(foo[5m] @ end() offset -1h)) > bool 0");
    assertThat(NONE.parseExpr("foo[1h:] offset 5m").toString()).isEqualTo("foo[1h:] offset 5m");
  }

  @Test
  void acceptsASignedParenthesisAfterOffsetEvenWithDurationExpressionsOff() {
    // A quirk of Prometheus's grammar, kept for compatibility: this form skips the flag check.
    assertThat(NONE.parseExpr("foo offset -(5m)").toString()).isEqualTo("foo offset -(5m)");
  }

  @Test
  void serverDefaultsAllowDurationExpressionsOnly() {
    PromqlParser server = new PromqlParser(ParserOptions.SERVER_DEFAULT);
    assertThat(server.parseExpr("foo[5m + step()]").toString()).isEqualTo("foo[5m + step()]");
    assertThatThrownBy(() -> server.parseExpr("limitk(1, foo)")).isInstanceOf(ParseException.class);
  }
}
