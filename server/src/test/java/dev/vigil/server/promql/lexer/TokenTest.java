package dev.vigil.server.promql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How tokens are named in "unexpected ..." messages, exactly as Prometheus names them. */
class TokenTest {

  static Stream<Arguments> descriptions() {
    return Stream.of(
        arguments(TokenType.EOF, "", "end of input"),
        arguments(TokenType.IDENTIFIER, "foo", "identifier \"foo\""),
        arguments(
            TokenType.IDENTIFIER,
            "a_very_long_identifier",
            "identifier \"a_very_long_identifier\""),
        arguments(TokenType.METRIC_IDENTIFIER, "a:b", "metric identifier \"a:b\""),
        arguments(TokenType.NUMBER, "123", "number \"123\""),
        arguments(TokenType.NUMBER, "12345678901", "number \"1234567890\"..."),
        arguments(TokenType.DURATION, "5m", "duration \"5m\""),
        arguments(TokenType.STRING, "\"foo\"", "string \"\\\"foo\\\"\""),
        arguments(TokenType.STRING, "\"abcdefghijk\"", "string \"\\\"abcdefghi\"..."),
        arguments(TokenType.STRING, "\"äöü\"", "string \"\\\"äöü\\\"\""),
        arguments(TokenType.STRING, "\"äöüäöü\"", "string \"\\\"äöüäöü\\\"\"..."),
        arguments(TokenType.MUL, "*", "<op:*>"),
        arguments(TokenType.LAND, "AND", "<op:AND>"),
        arguments(TokenType.AT, "@", "<op:@>"),
        arguments(TokenType.SUM, "sum", "<aggr:sum>"),
        arguments(TokenType.BY, "by", "<by>"),
        arguments(TokenType.IGNORING, "ignoring", "<ignoring>"),
        arguments(TokenType.RIGHT_PAREN, ")", "\")\""),
        arguments(TokenType.EQL, "=", "\"=\""),
        arguments(TokenType.COMMA, ",", "\",\""),
        arguments(TokenType.STEP, "step", "\"step\""),
        arguments(TokenType.START, "start", "\"start\""));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("descriptions")
  void describesTokensLikePrometheus(TokenType type, String text, String expected) {
    assertThat(new Token(type, text, 0).describe()).isEqualTo(expected);
  }
}
