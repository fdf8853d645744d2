package dev.vigil.server.promql.parser;

import dev.vigil.server.promql.ast.NumberLiteral;
import dev.vigil.server.promql.ast.PositionRange;
import dev.vigil.server.promql.lexer.Durations;
import dev.vigil.server.promql.lexer.GoNumbers;
import dev.vigil.server.promql.lexer.GoText;
import dev.vigil.server.promql.lexer.Token;
import dev.vigil.server.promql.lexer.TokenType;
import java.time.Duration;

/** Turns literal tokens into values, with Prometheus's error wording. */
final class Literals {

  /** Durations in seconds must fit Go's {@code time.Duration} (int64 nanoseconds). */
  private static final double MAX_DURATION_SECONDS = 9.223372036854775808e18 / 1e9;

  private Literals() {}

  /** A NUMBER or DURATION token as a number literal (durations in seconds). */
  static NumberLiteral number(TokenStream ts, Token t) {
    PositionRange range = TokenStream.rangeOf(t);
    if (t.type() == TokenType.DURATION) {
      return new NumberLiteral(durationSeconds(ts, t), true, range);
    }
    try {
      return new NumberLiteral(GoNumbers.parse(t.text()), false, range);
    } catch (NumberFormatException e) {
      throw ts.error(range, "error parsing number: " + e.getMessage());
    }
  }

  private static double durationSeconds(TokenStream ts, Token t) {
    try {
      return Durations.parse(t.text()) / 1e9;
    } catch (IllegalArgumentException e) {
      throw ts.error(TokenStream.rangeOf(t), e.getMessage());
    }
  }

  /** A STRING token's value. */
  static String unquote(TokenStream ts, Token t) {
    try {
      return GoText.unquote(t.text());
    } catch (IllegalArgumentException e) {
      throw ts.error(
          TokenStream.rangeOf(t),
          "error unquoting string " + GoText.quote(t.text()) + ": " + e.getMessage());
    }
  }

  /** Whether a duration literal in seconds overflows int64 nanoseconds. */
  static boolean durationOutOfRange(double seconds) {
    return seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS;
  }

  /** Seconds to a duration, rounding half away from zero like Go's {@code math.Round}. */
  static Duration seconds(double seconds) {
    return Duration.ofNanos(roundHalfAwayFromZero(seconds * 1e9));
  }

  /** Go's {@code math.Round}; Java's {@code Math.round} rounds -2.5 to -2 instead of -3. */
  static long roundHalfAwayFromZero(double v) {
    return v < 0 ? -Math.round(-v) : Math.round(v);
  }
}
