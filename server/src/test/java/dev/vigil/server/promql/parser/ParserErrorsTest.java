package dev.vigil.server.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid queries and the exact error Prometheus gives for them: {@code line:col: parse error:
 * message}, where the column counts bytes. The first error wins, as in Prometheus.
 *
 * <p>Parsed with experimental functions, duration expressions and extended range selectors on, fill
 * modifiers off: Prometheus's own parser tests use that configuration.
 */
class ParserErrorsTest {

  private static final PromqlParser PARSER =
      new PromqlParser(new ParserOptions(true, true, true, false));

  static Stream<Arguments> syntaxErrors() {
    return SpecTable.rows(
        """
# just a comment ==> 1:1: parse error: no expression found in input
1+ ==> 1:3: parse error: unexpected end of input
1 / ==> 1:4: parse error: unexpected end of input
*1 ==> 1:1: parse error: unexpected <op:*>
@@ ==> 1:1: parse error: unexpected <op:@>
-= ==> 1:2: parse error: unexpected "="
++-++-+-+-< ==> 1:11: parse error: unexpected <op:<>
e-+=/(0) ==> 1:4: parse error: unexpected "="
foo bar ==> 1:5: parse error: unexpected identifier "bar"
foo + ==> 1:6: parse error: unexpected end of input
(1 2) ==> 1:4: parse error: unexpected number "2"
rate(foo bar) ==> 1:10: parse error: unexpected identifier "bar"
a - on(b) ignoring(c) d ==> 1:11: parse error: unexpected <ignoring>
foo + group_left(baz) bar ==> 1:7: parse error: unexpected <group_left>
foo + on(a) bool bar ==> 1:13: parse error: unexpected <bool>
fill(1) ==> 1:5: parse error: unexpected "("
sum some_metric by (test) ==> 1:5: parse error: unexpected identifier "some_metric"
MIN keep_common (some_metric) ==> 1:5: parse error: unexpected identifier "keep_common"
MIN (some_metric) keep_common ==> 1:19: parse error: unexpected identifier "keep_common"
sum (some_metric) without (test) by (test) ==> 1:34: parse error: unexpected <by>
sum without (test) (some_metric) by (test) ==> 1:34: parse error: unexpected <by>
sum(*) ==> 1:5: parse error: unexpected <op:*> in aggregation
sum(foo bar) ==> 1:9: parse error: unexpected identifier "bar" in aggregation
sum by (a) foo ==> 1:12: parse error: unexpected identifier "foo" in aggregation
sum(rate(foo bar)) ==> 1:14: parse error: unexpected identifier "bar" in aggregation
sum (some_metric) by test ==> 1:22: parse error: unexpected identifier "test" in grouping opts, expected "("
sum without(==)(some_metric) ==> 1:13: parse error: unexpected <op:==> in grouping opts, expected label
sum without(,)(some_metric) ==> 1:13: parse error: unexpected "," in grouping opts, expected label
sum without(foo,,)(some_metric) ==> 1:17: parse error: unexpected "," in grouping opts, expected label
sum by (a b) (foo) ==> 1:11: parse error: unexpected identifier "b" in grouping opts, expected "," or ")"
sum by (without) (foo) ==> 1:9: parse error: unexpected <without> in grouping opts, expected label
some_metric{a=b} ==> 1:15: parse error: unexpected identifier "b" in label matching, expected string
foo{gibberish} ==> 1:14: parse error: unexpected "}" in label matching, expected label matching operator
foo{__name__= =} ==> 1:15: parse error: unexpected "=" in label matching, expected string
foo{__name__ == "bar"} ==> 1:15: parse error: unexpected "=" in label matching, expected string
foo{,} ==> 1:5: parse error: unexpected "," in label matching, expected identifier or "}"
foo{a="b",,} ==> 1:11: parse error: unexpected "," in label matching, expected identifier or "}"
foo{__name__="bar" lol} ==> 1:20: parse error: unexpected identifier "lol" in label matching, expected "," or "}"
foo{"a"=} ==> 1:9: parse error: unexpected "}" in label matching, expected string
{"a" b} ==> 1:6: parse error: unexpected identifier "b" in label matching, expected "," or "}"
foo[] ==> 1:5: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()
foo[step] ==> 1:9: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()
foo[5m + ] ==> 1:10: parse error: unexpected "]" in subquery or range selector, expected number, duration, step(), or range()
foo[5m 5m] ==> 1:8: parse error: unexpected duration "5m" in subquery or range, expected ":" or "]"
foo[5m:+] ==> 1:9: parse error: unexpected "]" in subquery selector, expected number, duration, step(), range(), or "]"
foo[5m:5m 1m] ==> 1:11: parse error: unexpected duration "1m" in subquery selector, expected "]"
some_metric[5m] OFFSET ==> 1:23: parse error: unexpected end of input in offset, expected number, duration, step(), or range()
foo offset bar ==> 1:12: parse error: unexpected identifier "bar" in offset, expected number, duration, step(), or range()
abs(foo offset -) ==> 1:17: parse error: unexpected ")" in offset, expected number, duration, step(), or range()
some_metric[5m] @ ==> 1:18: parse error: unexpected end of input in @, expected timestamp
foo @ bar ==> 1:7: parse error: unexpected identifier "bar" in @, expected timestamp
foo @ start ==> 1:12: parse error: unexpected end of input in @, expected timestamp
foo @ - start() ==> 1:9: parse error: unexpected "start" in @, expected timestamp
topk(some_metric,) ==> 1:17: parse error: trailing commas not allowed in function call args
rate(foo, ) ==> 1:9: parse error: trailing commas not allowed in function call args
rate(foo, *) ==> 1:9: parse error: trailing commas not allowed in function call args
""");
  }

  static Stream<Arguments> lexicalErrors() {
    return SpecTable.rows(
        """
        . ==> 1:1: parse error: unexpected character: '.'
        2.5. ==> 1:1: parse error: bad number or duration syntax: "2.5."
        100..4 ==> 1:1: parse error: bad number or duration syntax: "100.."
        0deadbeef ==> 1:1: parse error: bad number or duration syntax: "0de"
        (1)) ==> 1:5: parse error: unexpected right parenthesis ')'
        ((1) ==> 1:5: parse error: unclosed left parenthesis
        ( ==> 1:2: parse error: unclosed left parenthesis
        sum( ==> 1:5: parse error: unclosed left parenthesis
        sum(rate( ==> 1:10: parse error: unclosed left parenthesis
        1 !~ 1 ==> 1:3: parse error: unexpected character after '!': '~'
        1 =~ 1 ==> 1:3: parse error: unexpected character after '=': '~'
        { ==> 1:2: parse error: unexpected end of input inside braces
        } ==> 1:1: parse error: unexpected character: '}'
        some{ ==> 1:6: parse error: unexpected end of input inside braces
        some} ==> 1:5: parse error: unexpected character: '}'
        some_metric{a:b="b"} ==> 1:14: parse error: unexpected character inside braces: ':'
        foo{a*"b"} ==> 1:6: parse error: unexpected character inside braces: '*'
        foo{a>="b"} ==> 1:6: parse error: unexpected character inside braces: '>'
        foo{1} ==> 1:5: parse error: unexpected character inside braces: '1'
        foo[5mm] ==> 1:5: parse error: bad number or duration syntax: "5mm"
        foo[5m1] ==> 1:5: parse error: bad number or duration syntax: "5m1"
        foo[5m:1m1] ==> 1:8: parse error: bad number or duration syntax: "1m1"
        foo["5m"] ==> 1:5: parse error: unexpected character in duration expression: '"'
        foo{bar="baz"}[ ==> 1:16: parse error: unexpected end of input in duration expression
        foo[5s x 5s] ==> 1:8: parse error: unexpected character: 'x', expected ':'
        foo[5s s 5s] ==> 1:8: parse error: unexpected character: 's', expected ':'
        some_metric[5m] OFFSET 1mm ==> 1:24: parse error: bad number or duration syntax: "1mm"
        sum by ("foo)(some_metric{}) ==> 1:9: parse error: unterminated quoted string
        `\\`` ==> 1:4: parse error: unterminated raw string
        "\\ ==> 1:1: parse error: escape sequence not terminated
        "\\c" ==> 1:1: parse error: unknown escape sequence U+0063 'c'
        "\\x." ==> 1:1: parse error: illegal character U+002E '.' in escape sequence
        sum(foo) + # a comment ending in a\\n$ ==> 2:1: parse error: unexpected character: '$'
        """);
  }

  static Stream<Arguments> literalErrors() {
    return SpecTable.rows(
        """
foo[5y1hs] ==> 1:5: parse error: unknown unit "hs" in duration "5y1hs"
foo[5m1h] ==> 1:5: parse error: not a valid duration string: "5m1h"
foo[5m1m] ==> 1:5: parse error: not a valid duration string: "5m1m"
foo[0m] ==> 1:5: parse error: duration must be greater than 0
foo[-1] ==> 1:5: parse error: duration must be greater than 0
foo[5m:0s] ==> 1:8: parse error: duration must be greater than 0
foo offset 9.5e10 ==> 1:12: parse error: duration out of range
foo[9.5e10] ==> 1:5: parse error: duration out of range
foo[step()/0d] ==> 1:11: parse error: division by zero
foo[5s/0d] ==> 1:7: parse error: division by zero
foo offset (4d/0) ==> 1:15: parse error: division by zero
foo[5s%0d] ==> 1:7: parse error: modulo by zero
0x ==> 1:1: parse error: error parsing number: strconv.ParseFloat: parsing "0x": invalid syntax
1e400 ==> 1:1: parse error: error parsing number: strconv.ParseFloat: parsing "1e400": value out of range
foo @ +Inf ==> 1:1: parse error: timestamp out of bounds for @ modifier: +Inf
foo @ -Inf ==> 1:1: parse error: timestamp out of bounds for @ modifier: -Inf
foo @ NaN ==> 1:1: parse error: timestamp out of bounds for @ modifier: NaN
foo @ 9223372036854775808 ==> 1:1: parse error: timestamp out of bounds for @ modifier: 9223372036854775808.000000
foo @ -9223372036854775809 ==> 1:1: parse error: timestamp out of bounds for @ modifier: -9223372036854775808.000000
foo{a=~"(.*"} ==> 1:5: parse error: error parsing regexp: missing closing ): `(.*`
foo{a!~"a)(b"} ==> 1:5: parse error: error parsing regexp: unexpected ): `a)(b`
foo{a=~"x{2,1}"} ==> 1:5: parse error: error parsing regexp: invalid repeat count: `{2,1}`
sum by ("") (foo) ==> 1:9: parse error: invalid label name for grouping: ""
""");
  }

  static Stream<Arguments> placementErrors() {
    return SpecTable.rows(
        """
1 offset 1d ==> 1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery
sum(foo) offset 5m ==> 1:1: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery
foo offset 1s offset 2s ==> 1:1: parse error: offset may not be set multiple times
foo[5m] offset 1m offset 1m ==> 1:1: parse error: offset may not be set multiple times
rate(some_metric[5m]) @ 1234 ==> 1:1: parse error: @ modifier must be preceded by an instant vector selector or range vector selector or a subquery
foo @ 1 @ 2 ==> 1:1: parse error: @ <timestamp> may not be set multiple times
foo[1m:] @ start() @ end() ==> 1:1: parse error: @ <timestamp> may not be set multiple times
some_metric OFFSET 1m[5m] ==> 1:22: parse error: no offset modifiers allowed before range
some_metric offset step()[5m] ==> 1:26: parse error: no offset modifiers allowed before range
some_metric @ 1234 [5m] ==> 1:20: parse error: no @ modifiers allowed before range
some_metric @ start() [5m] ==> 1:23: parse error: no @ modifiers allowed before range
some_metric @ end()[5m] ==> 1:20: parse error: no @ modifiers allowed before range
(foo + bar)[5m] ==> 1:12: parse error: ranges only allowed for vector selectors
rate(food[1m])[1h] offset 1h ==> 1:15: parse error: ranges only allowed for vector selectors
1[5m] smoothed ==> 1:2: parse error: ranges only allowed for vector selectors
foo[5m:1m] anchored ==> 1:1: parse error: anchored modifier is not supported for subqueries
sum(foo) smoothed ==> 1:1: parse error: smoothed modifier not implemented
foo anchored smoothed ==> 1:1: parse error: anchored and smoothed modifiers cannot be used together
foo[5m] smoothed anchored ==> 1:1: parse error: anchored and smoothed modifiers cannot be used together
""");
  }

  static Stream<Arguments> typeErrors() {
    return SpecTable.rows(
        """
1 and 1 ==> 1:1: parse error: set operator "and" not allowed in binary scalar expression
1 or 1 ==> 1:1: parse error: set operator "or" not allowed in binary scalar expression
foo unless 1 ==> 1:1: parse error: set operator "unless" not allowed in binary scalar expression
1 == 1 ==> 1:3: parse error: comparisons between scalars must use BOOL modifier
foo + bool bar ==> 1:5: parse error: bool modifier can only be used on comparison operators
foo and bool 10 ==> 1:5: parse error: bool modifier can only be used on comparison operators
1 or on(bar) foo ==> 1:1: parse error: vector matching only allowed between instant vectors
foo == on(bar) 10 ==> 1:1: parse error: vector matching only allowed between instant vectors
foo and on(bar) group_left(baz) bar ==> 1:1: parse error: no grouping allowed for "and" operation
foo unless on(bar) group_right(baz) bar ==> 1:1: parse error: no grouping allowed for "unless" operation
http_requests{group="production"} + on(instance) group_left(job,instance) cpu_count{type="smp"} ==> 1:35: parse error: label "instance" must not occur in ON and GROUP clause at once
foo + "bar" ==> 1:7: parse error: binary expression must contain only scalar and instant vector types
foo[5m] + 1 ==> 1:1: parse error: binary expression must contain only scalar and instant vector types
-"string" ==> 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"
-test[5m] ==> 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "range vector"
{} ==> 1:1: parse error: vector selector must contain at least one non-empty matcher
{x=""} ==> 1:1: parse error: vector selector must contain at least one non-empty matcher
{x=~".*"} ==> 1:1: parse error: vector selector must contain at least one non-empty matcher
{x!~".+"} ==> 1:1: parse error: vector selector must contain at least one non-empty matcher
{x!="a"} ==> 1:1: parse error: vector selector must contain at least one non-empty matcher
{__name__=~".*"} ==> 1:1: parse error: vector selector must contain at least one non-empty matcher
foo{__name__="bar"} ==> 1:1: parse error: metric name must not be set twice: "foo" or "bar"
test[5d] OFFSET 10s [10m:5s] ==> 1:1: parse error: subquery is only allowed on instant vector, got matrix instead
(foo + bar{nm="val"})[5m:][10m:5s] ==> 1:1: parse error: subquery is only allowed on instant vector, got matrix instead
"foo"[5m:] ==> 1:1: parse error: subquery is only allowed on instant vector, got string instead
sum () by (test) ==> 1:1: parse error: no arguments for aggregate expression provided
topk(some_metric) ==> 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1
sum(foo, bar) ==> 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 1, got 2
topk(some_metric, other_metric) ==> 1:6: parse error: expected type scalar in aggregation parameter, got instant vector
count_values(5, other_metric) ==> 1:14: parse error: expected type string in aggregation parameter, got scalar
sum("foo") ==> 1:5: parse error: expected type instant vector in aggregation expression, got string
floor() ==> 1:1: parse error: expected 1 argument(s) in call to "floor", got 0
floor(some_metric, other_metric) ==> 1:1: parse error: expected 1 argument(s) in call to "floor", got 2
floor(1) ==> 1:7: parse error: expected type instant vector in call to function "floor", got scalar
hour(some_metric, some_metric, some_metric) ==> 1:1: parse error: expected at most 1 argument(s) in call to "hour", got 3
time(some_metric) ==> 1:1: parse error: expected 0 argument(s) in call to "time", got 1
label_join(foo, "a") ==> 1:1: parse error: expected at least 3 argument(s) in call to "label_join", got 2
histogram_quantiles(foo, "q", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) ==> 1:1: parse error: expected at most 12 argument(s) in call to "histogram_quantiles", got 13
round(foo, "a") ==> 1:12: parse error: expected type scalar in call to function "round", got string
label_join(foo, "a", ",", "b", 1) ==> 1:32: parse error: expected type string in call to function "label_join", got scalar
rate(some_metric) ==> 1:6: parse error: expected type range vector in call to function "rate", got instant vector
rate(avg) ==> 1:6: parse error: expected type range vector in call to function "rate", got instant vector
non_existent_function_far_bar() ==> 1:1: parse error: unknown function with name "non_existent_function_far_bar"
a>b() ==> 1:3: parse error: unknown function with name "b"
RATE(foo[5m]) ==> 1:1: parse error: unknown function with name "RATE"
info(rate(http_request_counter_total{}[5m]), target_info{foo="bar"}) ==> 1:46: parse error: expected label selectors only, got vector selector instead
info(http_request_counter_total{namespace="zzz"}, {foo="bar"} == 1) ==> 1:51: parse error: expected label selectors only
info(foo, {a="b"}[5m]) ==> 1:1: parse error: expected type instant vector in call to function "info", got range vector
""");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"syntaxErrors", "lexicalErrors", "literalErrors", "placementErrors", "typeErrors"})
  void rejectsWithPrometheusMessageAndPosition(String query, String message) {
    String q = query.replace("\\n", "\n");
    assertThatThrownBy(() -> PARSER.parseExpr(q))
        .isInstanceOf(ParseException.class)
        .hasMessage(message);
  }

  @Test
  void reportsAnEmptyQueryWithoutAPosition() {
    assertThatThrownBy(() -> PARSER.parseExpr(""))
        .isInstanceOf(ParseException.class)
        .hasMessage("unknown position: parse error: no expression found in input");
  }

  @Test
  void countsColumnsInUtf8BytesLikePrometheus() {
    assertThatThrownBy(() -> PARSER.parseExpr("foo{a=\"äöü\"} bar"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:17: parse error: unexpected identifier \"bar\"");
  }

  @Test
  void rejectsAReplacementCharacterInStringsAsInvalidUtf8() {
    assertThatThrownBy(() -> PARSER.parseExpr("some_metric{a=\"\uFFFD\"}"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:15: parse error: invalid UTF-8 rune");
  }

  @Test
  void findsTheFirstTypeErrorInAVeryLongChain() {
    // Prometheus's own stress case (without its trailing subqueries, see below).
    String q = "(" + "-{}-1".repeat(10000) + ")";
    assertThatThrownBy(() -> PARSER.parseExpr(q))
        .isInstanceOf(ParseException.class)
        .hasMessage(
            "1:3: parse error: vector selector must contain at least one non-empty matcher");
  }

  @Test
  void limitsNestingInsteadOfOverflowingTheStack() {
    // Where Prometheus (whose parser stack lives on the heap) would go on, we stop at a fixed
    // depth so that a hostile query cannot exhaust the thread stack.
    String deep = "(".repeat(400) + "1" + ")".repeat(400);
    assertThatThrownBy(() -> PARSER.parseExpr(deep))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:301: parse error: expression nested too deeply: more than 300 levels");
    String subqueries = "foo" + "[1m:]".repeat(400);
    assertThatThrownBy(() -> PARSER.parseExpr(subqueries))
        .isInstanceOf(ParseException.class)
        .hasMessageEndingWith("parse error: expression nested too deeply: more than 300 levels");
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    String q = "(".repeat(250) + "1" + ")".repeat(250);
    assertThat(PARSER.parseExpr(q).toString()).isEqualTo(q);
  }

  @Test
  void exposesThePositionAndTheBareMessage() {
    ParseException e =
        assertThrows(ParseException.class, () -> PARSER.parseExpr("sum(foo) + bar baz"));
    assertThat(e.detail()).isEqualTo("unexpected identifier \"baz\"");
    assertThat(e.positionRange().start()).isEqualTo(15);
    assertThat(e.positionRange().end()).isEqualTo(18);
    assertThat(e.query()).isEqualTo("sum(foo) + bar baz");
  }
}
