package dev.vigil.server.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid queries and their canonical form, as Prometheus's {@code String()} prints them (and {@code
 * /api/v1/format_query} returns them). Every canonical form must parse back to itself.
 */
class ParserCanonicalFormTest {

  private static final PromqlParser PARSER = new PromqlParser(ParserOptions.ALL);

  static Stream<Arguments> literals() {
    return SpecTable.rows(
        """
        1 ==> 1
        +Inf ==> +Inf
        -Inf ==> -Inf
        inf ==> +Inf
        NaN ==> NaN
        .5 ==> 0.5
        5. ==> 5
        123.4567 ==> 123.4567
        5e-3 ==> 0.005
        5e3 ==> 5000
        0xc ==> 12
        0755 ==> 493
        1_000 ==> 1000
        9223372036854775808 ==> 9223372036854776000
        - -1 ==> 1
        -(1) ==> -(1)
        1h30m ==> 1h30m
        90m ==> 1h30m
        -5m ==> -5m
        "foo" ==> "foo"
        'foo' ==> "foo"
        `a"b` ==> "a\\"b"
        "tab\\there" ==> "tab\\there"
        "\\u00e9\\x41" ==> "éA"
        """);
  }

  static Stream<Arguments> selectors() {
    return SpecTable.rows(
        """
        foo ==> foo
        foo{} ==> foo
        foo{a="b", c!~"d"} ==> foo{a="b",c!~"d"}
        foo{c="d",a="b",} ==> foo{a="b",c="d"}
        {__name__="foo"} ==> {__name__="foo"}
        {"foo"} ==> {__name__="foo"}
        {"my.metric", "a.b"="c"} ==> {"a.b"="c",__name__="my.metric"}
        {"0"="1"} ==> {"0"="1"}
        {"_0"="1"} ==> {_0="1"}
        {""="0"} ==> {""="0"}
        {__name__="",a="x"} ==> {__name__="",a="x"}
        foo:bar:baz ==> foo:bar:baz
        sum{a="b"} ==> sum{a="b"}
        by ==> by
        offset{step="1s"}[5m] ==> offset{step="1s"}[5m]
        and + or ==> and + or
        foo{by="x", on="y"} ==> foo{by="x",on="y"}
        foo{a=~'b'} ==> foo{a=~"b"}
        foo{a="b\\nc"} ==> foo{a="b\\nc"}
        """);
  }

  static Stream<Arguments> modifiers() {
    return SpecTable.rows(
        """
        foo offset 5m ==> foo offset 5m
        foo OFFSET 1h30m ==> foo offset 1h30m
        foo offset 90m ==> foo offset 1h30m
        foo offset -7m ==> foo offset -7m
        foo @ 10 ==> foo @ 10.000
        foo @ -1.5 ==> foo @ -1.500
        foo @ 1.2345 ==> foo @ 1.235
        foo @ 5m ==> foo @ 300.000
        foo @ start() ==> foo @ start()
        foo offset 5m @ end() ==> foo @ end() offset 5m
        foo[5m] ==> foo[5m]
        foo[90m] ==> foo[1h30m]
        foo[1000ms] ==> foo[1s]
        foo[5m] offset 1m @ 100 ==> foo[5m] @ 100.000 offset 1m
        foo[5m:1m] ==> foo[5m:1m]
        foo[5m:] ==> foo[5m:]
        rate(foo[5m])[1h:5m] offset 1m @ start() ==> rate(foo[5m])[1h:5m] @ start() offset 1m
        (foo + bar)[5m:] ==> (foo + bar)[5m:]
        foo anchored ==> foo anchored
        foo{a="b"}[5m] anchored ==> foo{a="b"}[5m] anchored
        foo[5m] smoothed @ start() offset 1m ==> foo[5m] smoothed @ start() offset 1m
        foo smoothed offset 1m ==> foo smoothed offset 1m
        """);
  }

  static Stream<Arguments> durationExpressions() {
    return SpecTable.rows(
        """
foo[5m+1m] ==> foo[5m + 1m]
foo[60*30] ==> foo[60 * 30]
foo[11s+10s-5*2^2] ==> foo[11s + 10s - 5 * 2 ^ 2]
foo[-2^2] ==> foo[-2 ^ 2]
foo[(5m)] ==> foo[(5m)]
foo[(((5m)))] ==> foo[(5m)]
foo[(5m):(1m)] ==> foo[(5m):(1m)]
foo[29s+1s:5s+5s] ==> foo[29s + 1s:5s + 5s]
foo[step()] ==> foo[step()]
foo[-step()] ==> foo[-step()]
foo[-(step())] ==> foo[-(step())]
foo[range()] ==> foo[range()]
foo[STep()] ==> foo[step()]
foo[max_of(range(), 5s)] ==> foo[max_of(range(), 5s)]
foo[200-min_of(-step()^+step(),1)] ==> foo[200 - min_of(-step() ^ step(), 1)]
foo offset step() ==> foo offset step()
foo offset -step() ==> foo offset -step()
foo offset (step()) ==> foo offset (step())
foo offset -(step()) ==> foo offset -(step())
foo offset +(5) ==> foo offset (5)
foo offset -(5) ==> foo offset -(5)
foo offset (5m) ==> foo offset (5m)
foo offset +min_of(10s, 20s) ==> foo offset min_of(10s, 20s)
foo offset -min_of(10s, +max_of(step() ^ 2, 2)) ==> foo offset -min_of(10s, max_of(step() ^ 2, 2))
foo offset -(1^2) ==> foo offset -(1 ^ 2)
foo offset (-1^2) ==> foo offset (-1 ^ 2)
// A literal, step() or a signed form ends the offset; what follows is a binary operator.
foo offset 5s-8 ==> foo offset 5s - 8
foo offset -1^1 ==> foo offset -1s ^ 1
foo offset step()*0 ==> foo offset step() * 0
foo offset -(5m) * 2 ==> foo offset -(5m) * 2
// A plain parenthesis continues as duration arithmetic.
foo offset (5m) * 2 ==> foo offset (5m) * 2
""");
  }

  static Stream<Arguments> operators() {
    return SpecTable.rows(
        """
        1 + 2 ==> 1 + 2
        1 == bool 1 ==> 1 == bool 1
        foo + bar * baz ==> foo + bar * baz
        (foo + bar) * baz ==> (foo + bar) * baz
        foo ^ bar ^ baz ==> foo ^ bar ^ baz
        -foo ==> -foo
        +foo ==> +foo
        -foo ^ 2 ==> -foo ^ 2
        foo and bar or baz unless qux ==> foo and bar or baz unless qux
        foo AND bar ==> foo and bar
        foo == bool bar ==> foo == bool bar
        foo > on(a) group_left(b) bar ==> foo > on (a) group_left (b) bar
        a - on() c ==> a - on () c
        a - ignoring(b) c ==> a - ignoring (b) c
        a - ignoring() c ==> a - c
        a - ignoring() group_left(__metric__) c ==> a - ignoring () group_left (__metric__) c
        a - ignoring() group_left c ==> a - ignoring () group_left () c
        a - on(b) group_left() (c) ==> a - on (b) group_left () (c)
        a - on(b) group_right(x, y) c ==> a - on (b) group_right (x, y) c
        a + fill(-23) b ==> a + fill (-23) b
        a + fill_left(-23) b ==> a + fill_left (-23) b
        a + fill_right(42) b ==> a + fill_right (42) b
        a + fill_left(-23) fill_right(42) b ==> a + fill_left (-23) fill_right (42) b
        a + fill_right(42) fill_left(-23) b ==> a + fill_left (-23) fill_right (42) b
        a + fill_left(5) fill_right(5) b ==> a + fill (5) b
        a + on(b) group_left fill(-23) c ==> a + on (b) group_left () fill (-23) c
        a + fill(1e6) b ==> a + fill (1e+06) b
        a + fill(1m) b ==> a + fill (60) b
        1 + on() foo ==> 1 + foo
        foo and on(a) bar ==> foo and on (a) bar
        foo / on("äää") group_left("ööö") bar ==> foo / on ("äää") group_left ("ööö") bar
        foo / on(legacy, "üüü") bar ==> foo / on (legacy, "üüü") bar
        foo atan2 bar ==> foo atan2 bar
        foo </ 0.5 ==> foo </ 0.5
        foo >/ 0.5 ==> foo >/ 0.5
        fill + fill ==> fill + fill
        """);
  }

  static Stream<Arguments> aggregationsAndCalls() {
    return SpecTable.rows(
        """
sum(foo) ==> sum(foo)
SUM(foo) ==> sum(foo)
sum by() (foo) ==> sum(foo)
sum by(code) (foo) ==> sum by (code) (foo)
sum without() (foo) ==> sum without () (foo)
sum(foo) by (a,) ==> sum by (a) (foo)
sum(foo) without (a) ==> sum without (a) (foo)
sum by("foo.bar") (foo) ==> sum by ("foo.bar") (foo)
sum by (a:b) (foo) ==> sum by ("a:b") (foo)
sum by (by, on, bool, sum, offset) (foo) ==> sum by (by, on, bool, sum, offset) (foo)
count by("ööö", job) (foo) ==> count by ("ööö", job) (foo)
topk(5, foo) ==> topk(5, foo)
count_values("value", foo) ==> count_values("value", foo)
quantile(0.9, foo) ==> quantile(0.9, foo)
limitk(2, foo) ==> limitk(2, foo)
limit_ratio(0.5, foo) ==> limit_ratio(0.5, foo)
rate(foo[5m]) ==> rate(foo[5m])
time() ==> time()
label_join(foo, "a", ",") ==> label_join(foo, "a", ",")
round(foo) ==> round(foo)
round(foo, 5) ==> round(foo, 5)
histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))) ==> histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))
info(foo, {a="b"}) ==> info(foo, {a="b"})
info(foo, {__name__=~".+_info"}) ==> info(foo, {__name__=~".+_info"})
sort_by_label(foo, "a", "b") ==> sort_by_label(foo, "a", "b")
step() ==> step()
start() + end() ==> start() + end()
min_of(1, 2) ==> min_of(1, 2)
min_over_time(rate(foo[5m])[30m:1m]) ==> min_over_time(rate(foo[5m])[30m:1m])
predict_linear(foo[1h], 3000) ==> predict_linear(foo[1h], 3000)
""");
  }

  static Stream<Arguments> layout() {
    return Stream.of(
        Arguments.of("foo # a comment", "foo"),
        Arguments.of("sum(\n  rate(foo[5m]) # per second\n)\n", "sum(rate(foo[5m]))"),
        Arguments.of("\tfoo\r\n+\nbar", "foo + bar"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({
    "literals",
    "selectors",
    "modifiers",
    "durationExpressions",
    "operators",
    "aggregationsAndCalls",
    "layout"
  })
  void printsTheCanonicalFormThatParsesBackToItself(String query, String canonical) {
    String printed = PARSER.parseExpr(query).toString();
    assertThat(printed).isEqualTo(canonical);
    assertThat(PARSER.parseExpr(printed).toString()).isEqualTo(canonical);
  }
}
