package dev.vigil.server.promql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Specification of the PromQL lexer: input text to tokens, written as {@code TYPE text}. */
class LexerTest {

  static Stream<Arguments> tokenSequences() {
    return Stream.of(
        arguments(
            "foo{bar=\"baz\"}",
            "IDENTIFIER foo|LEFT_BRACE {|IDENTIFIER bar|EQL =|STRING \"baz\"|RIGHT_BRACE }"),
        arguments(
            "{a!=`x`,b=~'y',c!~\"z\"}",
            "LEFT_BRACE {|IDENTIFIER a|NEQ !=|STRING `x`|COMMA ,|IDENTIFIER b|EQL_REGEX =~|STRING"
                + " 'y'|COMMA ,|IDENTIFIER c|NEQ_REGEX !~|STRING \"z\"|RIGHT_BRACE }"),
        arguments(
            "{by=\"x\", sum=\"y\"}",
            "LEFT_BRACE {|IDENTIFIER by|EQL =|STRING \"x\"|COMMA ,|IDENTIFIER sum|EQL =|STRING"
                + " \"y\"|RIGHT_BRACE }"),
        arguments("{\"my.metric\"}", "LEFT_BRACE {|STRING \"my.metric\"|RIGHT_BRACE }"),
        arguments(
            "sum BY (job) WithOut",
            "SUM sum|BY BY|LEFT_PAREN (|IDENTIFIER job|RIGHT_PAREN )|WITHOUT WithOut"),
        arguments("a:b:c :x", "METRIC_IDENTIFIER a:b:c|METRIC_IDENTIFIER :x"),
        arguments("Inf nan NaN -inf", "NUMBER Inf|NUMBER nan|NUMBER NaN|SUB -|NUMBER inf"),
        arguments(
            "fill(1) fill_left (2) fill + fill_right",
            "FILL fill|LEFT_PAREN (|NUMBER 1|RIGHT_PAREN )|FILL_LEFT fill_left|LEFT_PAREN (|NUMBER"
                + " 2|RIGHT_PAREN )|IDENTIFIER fill|ADD +|IDENTIFIER fill_right"),
        arguments(
            "a and b or c unless d atan2 e",
            "IDENTIFIER a|LAND and|IDENTIFIER b|LOR or|IDENTIFIER c|LUNLESS unless|IDENTIFIER"
                + " d|ATAN2 atan2|IDENTIFIER e"),
        arguments(
            "1 == 2 != 3 <= 4 < 5 >= 6 > 7 </ 8 >/ 9",
            "NUMBER 1|EQLC ==|NUMBER 2|NEQ !=|NUMBER 3|LTE <=|NUMBER 4|LSS <|NUMBER 5|GTE >=|NUMBER"
                + " 6|GTR >|NUMBER 7|TRIM_UPPER </|NUMBER 8|TRIM_LOWER >/|NUMBER 9"),
        arguments("+-*/%^@", "ADD +|SUB -|MUL *|DIV /|MOD %|POW ^|AT @"),
        arguments(
            "0x1f 0X_1F 1e3 1E-3 1_000 .5 5. 0755 0xe",
            "NUMBER 0x1f|NUMBER 0X_1F|NUMBER 1e3|NUMBER 1E-3|NUMBER 1_000|NUMBER .5|NUMBER"
                + " 5.|NUMBER 0755|NUMBER 0xe"),
        arguments("1h30m 5ms 2y 1w2d", "DURATION 1h30m|DURATION 5ms|DURATION 2y|DURATION 1w2d"),
        arguments(
            "x[5m:1m]",
            "IDENTIFIER x|LEFT_BRACKET [|DURATION 5m|COLON :|DURATION 1m|RIGHT_BRACKET ]"),
        arguments(
            "x[ step()+1m ]",
            "IDENTIFIER x|LEFT_BRACKET [|STEP step|LEFT_PAREN (|RIGHT_PAREN )|ADD +|DURATION"
                + " 1m|RIGHT_BRACKET ]"),
        arguments(
            "x[1m:Range()]",
            "IDENTIFIER x|LEFT_BRACKET [|DURATION 1m|COLON :|RANGE Range|LEFT_PAREN (|RIGHT_PAREN"
                + " )|RIGHT_BRACKET ]"),
        arguments(
            "x[min_of(1m, 2m)]",
            "IDENTIFIER x|LEFT_BRACKET [|MIN_OF min_of|LEFT_PAREN (|DURATION 1m|COMMA ,|DURATION"
                + " 2m|RIGHT_PAREN )|RIGHT_BRACKET ]"),
        arguments(
            "x offset -step() @ start()",
            "IDENTIFIER x|OFFSET offset|SUB -|STEP step|LEFT_PAREN (|RIGHT_PAREN )|AT @|START"
                + " start|LEFT_PAREN (|RIGHT_PAREN )"),
        arguments(
            "foo # a comment\n+ bar", "IDENTIFIER foo|COMMENT # a comment|ADD +|IDENTIFIER bar"),
        arguments(
            "{a=\"b\" # inside braces\n}",
            "LEFT_BRACE {|IDENTIFIER a|EQL =|STRING \"b\"|COMMENT # inside braces|RIGHT_BRACE }"),
        arguments("\"a\\\"b\" 'c\\'d' `e\\f`", "STRING \"a\\\"b\"|STRING 'c\\'d'|STRING `e\\f`"),
        arguments(
            "\"\\x41\\101\\u00e9\\U0001F600\\a\\b\\f\\n\\r\\t\\v\\\\\"",
            "STRING \"\\x41\\101\\u00e9\\U0001F600\\a\\b\\f\\n\\r\\t\\v\\\\\""),
        arguments("`multi\nline`", "STRING `multi\nline`"),
        arguments("  \t\r\n", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokenSequences")
  void splitsQueriesIntoTokens(String input, String expected) {
    assertThat(String.join("|", tokens(input))).isEqualTo(expected);
  }

  static Stream<Arguments> lexerErrors() {
    return Stream.of(
        arguments("5mm", 0, "bad number or duration syntax: \"5mm\""),
        arguments("0deadbeef", 0, "bad number or duration syntax: \"0de\""),
        arguments("2.5.", 0, "bad number or duration syntax: \"2.5.\""),
        arguments("100..4", 0, "bad number or duration syntax: \"100..\""),
        arguments("1e", 0, "bad number or duration syntax: \"1e\""),
        arguments("1__0", 0, "bad number or duration syntax: \"1__\""),
        arguments("0x1.5", 0, "bad number or duration syntax: \"0x1.\""),
        arguments(".", 0, "unexpected character: '.'"),
        arguments("a $ b", 2, "unexpected character: '$'"),
        arguments("a\u00a0b", 1, "unexpected character: '\\u00a0'"),
        arguments("(1))", 4, "unexpected right parenthesis ')'"),
        arguments("((1)", 4, "unclosed left parenthesis"),
        arguments("x[5m", 4, "unclosed left bracket"),
        arguments("x[", 2, "unexpected end of input in duration expression"),
        arguments("x[5m[", 4, "unexpected left bracket '['"),
        arguments("x]", 1, "unexpected right bracket ']'"),
        arguments("{", 1, "unexpected end of input inside braces"),
        arguments("{a:b}", 2, "unexpected character inside braces: ':'"),
        arguments("{a!b}", 2, "unexpected character after '!' inside braces: 'b'"),
        arguments("{{", 1, "unexpected left brace '{'"),
        arguments("1 =~ 1", 2, "unexpected character after '=': '~'"),
        arguments("1 !~ 1", 2, "unexpected character after '!': '~'"),
        arguments("!", 0, "unexpected character after '!': '\uFFFD'"),
        arguments("\"\\c\"", 0, "unknown escape sequence U+0063 'c'"),
        arguments("\"\\x.\"", 0, "illegal character U+002E '.' in escape sequence"),
        arguments("\"\\", 0, "escape sequence not terminated"),
        arguments("\"\\x4", 0, "escape sequence not terminated"),
        arguments("\"\\400\"", 0, "escape sequence is an invalid Unicode code point"),
        arguments("\"\\uD800\"", 0, "escape sequence is an invalid Unicode code point"),
        arguments("'\\\"'", 0, "unknown escape sequence U+0022 '\"'"),
        arguments("\"abc", 0, "unterminated quoted string"),
        arguments("\"ab\ncd\"", 0, "unterminated quoted string"),
        arguments("`\\``", 3, "unterminated raw string"),
        arguments("\"a\uFFFDb\"", 0, "invalid UTF-8 rune"),
        arguments("x[5s x 5s]", 5, "unexpected character: 'x', expected ':'"),
        arguments("x[5m:1m:]", 7, "unexpected colon ':'"),
        arguments("x[:5m]", 3, "unexpected colon before duration in duration expression"),
        arguments("x[\"5m\"]", 2, "unexpected character in duration expression: '\"'"),
        arguments("x[sum]", 2, "unexpected character in duration expression: 's'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lexerErrors")
  void reportsMalformedInputAsAnErrorTokenAtPrometheusPosition(
      String input, int position, String message) {
    Token last = lastToken(input);
    assertThat(last.type()).isEqualTo(TokenType.ERROR);
    assertThat(last.text()).isEqualTo(message);
    assertThat(last.pos()).isEqualTo(position);
  }

  @Test
  void keepsReturningEndOfInputAfterAnError() {
    Lexer lexer = new Lexer("(");
    assertThat(lexer.next().type()).isEqualTo(TokenType.LEFT_PAREN);
    assertThat(lexer.next().type()).isEqualTo(TokenType.ERROR);
    assertThat(lexer.next().type()).isEqualTo(TokenType.EOF);
    assertThat(lexer.next().type()).isEqualTo(TokenType.EOF);
  }

  @Test
  void reportsTheEndOfInputAfterTrailingWhitespace() {
    Lexer lexer = new Lexer("a  ");
    lexer.next();
    Token eof = lexer.next();
    assertThat(eof.type()).isEqualTo(TokenType.EOF);
    assertThat(eof.pos()).isEqualTo(3);
  }

  private static List<String> tokens(String input) {
    Lexer lexer = new Lexer(input);
    List<String> out = new ArrayList<>();
    for (Token t = lexer.next(); t.type() != TokenType.EOF; t = lexer.next()) {
      assertThat(t.type()).as("error %s", t.text()).isNotEqualTo(TokenType.ERROR);
      out.add(t.type() + " " + t.text());
    }
    return out;
  }

  private static Token lastToken(String input) {
    Lexer lexer = new Lexer(input);
    Token t = lexer.next();
    while (t.type() != TokenType.EOF && t.type() != TokenType.ERROR) {
      t = lexer.next();
    }
    return t;
  }
}
