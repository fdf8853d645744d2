package dev.vigil.server.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.LabelMatcher.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorParserTest {

  private static LabelMatcher m(Type type, String name, String value) {
    return LabelMatcher.of(type, name, value);
  }

  @Test
  void parsesABareMetricName() throws Exception {
    Selector s = SelectorParser.parse("up");

    assertThat(s.metricName()).isEqualTo("up");
    assertThat(s.matchers()).containsExactly(LabelMatcher.equal("__name__", "up"));
  }

  @Test
  void parsesAllFourMatcherKinds() throws Exception {
    Selector s =
        SelectorParser.parse(
            "http_requests_total{job=\"api\", code!=\"200\", path=~\"/v1/.*\","
                + " method!~'GET|HEAD',}");

    assertThat(s.matchers())
        .containsExactly(
            m(Type.EQUAL, "job", "api"),
            m(Type.NOT_EQUAL, "code", "200"),
            m(Type.REGEX, "path", "/v1/.*"),
            m(Type.NOT_REGEX, "method", "GET|HEAD"),
            LabelMatcher.equal("__name__", "http_requests_total"));
  }

  @Test
  void parsesBracesOnlyAndQuotedNames() throws Exception {
    assertThat(SelectorParser.parse("{job=\"a\"}").matchers())
        .containsExactly(m(Type.EQUAL, "job", "a"));
    Selector quoted = SelectorParser.parse("{\"my.metric\", \"label.with.dots\"=\"x\"}");
    assertThat(quoted.metricName()).isEqualTo("my.metric");
    assertThat(quoted.matchers())
        .containsExactly(
            m(Type.EQUAL, "label.with.dots", "x"), LabelMatcher.equal("__name__", "my.metric"));
    assertThat(SelectorParser.parse("{__name__=~\"up|down\"}").matchers())
        .containsExactly(m(Type.REGEX, "__name__", "up|down"));
  }

  @Test
  void acceptsBlanksNewlinesCommentsAndColonNames() throws Exception {
    Selector s =
        SelectorParser.parse("  job:rate5m:sum  # a recording rule\n { env = \"prod\" }\n");

    assertThat(s.metricName()).isEqualTo("job:rate5m:sum");
    assertThat(s.matchers()).contains(m(Type.EQUAL, "env", "prod"));
  }

  @Test
  void unescapesGoStrings() throws Exception {
    Selector s =
        SelectorParser.parse("x{a=\"q\\\"t\\\\n\\n\\t\\x41\\u00e9\\101\", b='it\\'s', c=`raw\\n`}");

    assertThat(s.matchers())
        .contains(
            m(Type.EQUAL, "a", "q\"t\\n\n\tAéA"),
            m(Type.EQUAL, "b", "it's"),
            m(Type.EQUAL, "c", "raw\\n"));
  }

  /** Messages and positions as Prometheus's parser reports them (from its own test suite). */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
~~                        | 1:1: parse error: no expression found in input
~# just a comment~        | 1:1: parse error: no expression found in input
{                         | 1:2: parse error: unexpected end of input inside braces
some{                     | 1:6: parse error: unexpected end of input inside braces
some_metric{a=b}          | 1:15: parse error: unexpected identifier "b" in label matching, expected string
some_metric{a:b="b"}      | 1:14: parse error: unexpected character inside braces: ':'
foo{a*"b"}                | 1:6: parse error: unexpected character inside braces: '*'
foo{a>="b"}               | 1:6: parse error: unexpected character inside braces: '>'
foo{gibberish}            | 1:14: parse error: unexpected "}" in label matching, expected label matching operator
foo{1}                    | 1:5: parse error: unexpected character inside braces: '1'
{}                        | 1:1: parse error: vector selector must contain at least one non-empty matcher
{x=""}                    | 1:1: parse error: vector selector must contain at least one non-empty matcher
{x=~".*"}                 | 1:1: parse error: vector selector must contain at least one non-empty matcher
{x!~".+"}                 | 1:1: parse error: vector selector must contain at least one non-empty matcher
{x!="a"}                  | 1:1: parse error: vector selector must contain at least one non-empty matcher
foo{__name__="bar"}       | 1:1: parse error: metric name must not be set twice: "foo" or "bar"
foo{__name__= =}          | 1:15: parse error: unexpected "=" in label matching, expected string
foo{,}                    | 1:5: parse error: unexpected "," in label matching, expected identifier or "}"
foo{__name__ == "bar"}    | 1:15: parse error: unexpected "=" in label matching, expected string
foo{__name__="bar" lol}   | 1:20: parse error: unexpected identifier "lol" in label matching, expected "," or "}"
foo{"a"=}                 | 1:9: parse error: unexpected "}" in label matching, expected string
}                         | 1:1: parse error: unexpected character: '}'
some}                     | 1:5: parse error: unexpected character: '}'
.                         | 1:1: parse error: unexpected character: '.'
foo{a!"b"}                | 1:6: parse error: unexpected character after '!' inside braces: '"'
foo{a="b                  | 1:7: parse error: unterminated quoted string
foo{a="\\c"}              | 1:7: parse error: unknown escape sequence U+0063 'c'
foo{a="\\x."}             | 1:7: parse error: illegal character U+002E '.' in escape sequence
foo{a=`x}                 | 1:7: parse error: unterminated raw string
foo{a{                    | 1:6: parse error: unexpected left brace '{'
foo{a=~"("}               | 1:8: parse error: invalid regular expression "(": missing closing )
~x{a="b"}\\n\\n  }~       | 3:3: parse error: unexpected character: '}'
""")
  void reportsErrorsWithPrometheusPositionsAndWording(String query, String message) {
    String q = query.replace("\\n", "\n");

    assertThatThrownBy(() -> SelectorParser.parse(q))
        .isInstanceOf(PromqlParseException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
rate(foo[5m])      | 1:5: parse error: unexpected "(" (only instant vector selectors are supported yet)
foo[5m]            | 1:4: parse error: unexpected "[" (only instant vector selectors are supported yet)
foo + 1            | 1:5: parse error: unexpected "+" (only instant vector selectors are supported yet)
foo offset 5m      | 1:5: parse error: unexpected identifier "offset" (only instant vector selectors are supported yet)
1                  | 1:1: parse error: unexpected number (only instant vector selectors are supported yet)
""")
  void saysWhatIsNotSupportedYetRatherThanMisreadingIt(String query, String message) {
    assertThatThrownBy(() -> SelectorParser.parse(query))
        .isInstanceOf(PromqlParseException.class)
        .hasMessage(message);
  }
}
