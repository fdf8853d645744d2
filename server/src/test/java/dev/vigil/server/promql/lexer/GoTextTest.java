package dev.vigil.server.promql.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Go's string quoting rules, as PromQL literals and Prometheus messages use them. */
class GoTextTest {

  static Stream<Arguments> unquoted() {
    return Stream.of(
        arguments("\"plain\"", "plain"),
        arguments("'single'", "single"),
        arguments("`raw \\n stays`", "raw \\n stays"),
        arguments("`multi\nline`", "multi\nline"),
        arguments("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"", "\u0007\b\f\n\r\t\u000b\\\""),
        arguments("'it\\'s'", "it's"),
        arguments("\"\\x41\\102\\u00e9\\U0001F600\"", "AB\u00e9\uD83D\uDE00"),
        arguments("\"\\xc3\\xa9\"", "\u00e9"),
        arguments("\"caf\u00e9 \u2603\"", "caf\u00e9 \u2603"),
        arguments("\"\\xff\"", "\uFFFD"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unquoted")
  void unquotesLiteralsWithGoEscapes(String literal, String expected) {
    assertThat(GoText.unquote(literal)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"",
        "\"abc'",
        "x",
        "\"a\nb\"",
        "\"\\q\"",
        "\"\\x4\"",
        "\"\\400\"",
        "'\\\"'",
        "\"a\"b\"",
        "`a`b`"
      })
  void rejectsMalformedLiterals(String literal) {
    assertThatThrownBy(() -> GoText.unquote(literal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid syntax");
  }

  static Stream<Arguments> quoted() {
    return Stream.of(
        arguments("plain", "\"plain\""),
        arguments("a\"b\\c", "\"a\\\"b\\\\c\""),
        arguments("\u0007\b\f\n\r\t\u000b", "\"\\a\\b\\f\\n\\r\\t\\v\""),
        arguments("\u0000\u001f\u007f", "\"\\x00\\x1f\\x7f\""),
        arguments("caf\u00e9 \u2603 \uD83D\uDE00", "\"caf\u00e9 \u2603 \uD83D\uDE00\""),
        arguments("\u00a0\u200b", "\"\\u00a0\\u200b\""),
        arguments("\uDB40\uDC01", "\"\\U000e0001\""),
        arguments("'", "\"'\""),
        arguments("bad\uFFFD", "\"bad\\ufffd\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quoted")
  void quotesLikeStrconvQuote(String raw, String expected) {
    assertThat(GoText.quote(raw)).isEqualTo(expected);
  }

  @Test
  void quotesRunesForErrorMessages() {
    assertThat(GoText.quoteRune('.')).isEqualTo("'.'");
    assertThat(GoText.quoteRune('\'')).isEqualTo("'\\''");
    assertThat(GoText.quoteRune('\n')).isEqualTo("'\\n'");
    assertThat(GoText.quoteRune('"')).isEqualTo("'\"'");
    assertThat(GoText.quoteRune(-1)).isEqualTo("'\uFFFD'");
  }

  @Test
  void formatsCodePointsLikePercentHashU() {
    assertThat(GoText.formatUnicode('c')).isEqualTo("U+0063 'c'");
    assertThat(GoText.formatUnicode('\n')).isEqualTo("U+000A");
    assertThat(GoText.formatUnicode(0x1F600)).isEqualTo("U+1F600 '\uD83D\uDE00'");
  }

  @Test
  void quotesOnlyAPrefixOfLongTexts() {
    assertThat(GoText.quotePrefix("abcdefghijklmn", 10)).isEqualTo("\"abcdefghij\"");
    assertThat(GoText.quotePrefix("\uD83D\uDE00\uD83D\uDE00", 1)).isEqualTo("\"\uD83D\uDE00\"");
  }

  @Test
  void countsUtf8Bytes() {
    assertThat(GoText.utf8Length("a\u00e9\u2603\uD83D\uDE00", 0, 5)).isEqualTo(1 + 2 + 3 + 4);
  }
}
