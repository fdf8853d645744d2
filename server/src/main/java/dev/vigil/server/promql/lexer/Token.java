package dev.vigil.server.promql.lexer;

import java.nio.charset.StandardCharsets;

/**
 * One lexed token: its kind, its text exactly as written (with quotes for strings) and its start as
 * a char index into the query. For {@link TokenType#ERROR} the text is the error message.
 */
public record Token(TokenType type, String text, int pos) {

  /** The char index just after this token. */
  public int end() {
    return type == TokenType.ERROR || type == TokenType.EOF ? pos : pos + text.length();
  }

  /**
   * How Prometheus names this token in "unexpected ..." messages: {@code end of input}, {@code
   * identifier "foo"}, {@code <op:*>}, {@code <aggr:sum>}, {@code <by>}, {@code ")"}.
   */
  public String describe() {
    return switch (type.category()) {
      case OPERATOR, WORD_OPERATOR -> "<op:" + text + ">";
      case AGGREGATOR -> "<aggr:" + text + ">";
      case KEYWORD -> "<" + text + ">";
      case PUNCTUATION, PREPROCESSOR -> quoted(text);
      case VALUE ->
          switch (type) {
            case EOF -> "end of input";
            case ERROR -> "error " + text;
            case IDENTIFIER -> "identifier " + GoText.quote(text);
            case METRIC_IDENTIFIER -> "metric identifier " + GoText.quote(text);
            case STRING -> "string " + quoted(text);
            case NUMBER -> "number " + quoted(text);
            case DURATION -> "duration " + quoted(text);
            default -> "comment " + quoted(text);
          };
    };
  }

  /** Prometheus shortens long token texts to ten runes plus "..." (the limit counts bytes). */
  private static String quoted(String s) {
    if (s.getBytes(StandardCharsets.UTF_8).length > 10) {
      return GoText.quotePrefix(s, 10) + "...";
    }
    return GoText.quote(s);
  }
}
