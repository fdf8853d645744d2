package dev.vigil.server.promql.lexer;

/**
 * Scans number and duration tokens ({@code 0x1f}, {@code 1_000.5e-3}, {@code 1h30m}) with
 * Prometheus's rules, quirks included: in hex, an "e" that starts a digit run is read as an
 * exponent, and a number directly followed by a letter must form a duration.
 */
final class NumberScanner {

  private static final String DIGITS = "0123456789";
  private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

  private NumberScanner() {}

  /** A NUMBER or DURATION token, or the "bad number or duration syntax" error. */
  static Token numberOrDuration(Cursor c) {
    if (scanNumber(c)) {
      return c.emit(TokenType.NUMBER);
    }
    if (acceptRemainingDuration(c)) {
      c.backup();
      return c.emit(TokenType.DURATION);
    }
    return c.error("bad number or duration syntax: " + GoText.quote(c.pending()));
  }

  /** Consumes a number and reports whether it is well formed and not followed by a letter. */
  private static boolean scanNumber(Cursor c) {
    String digits = DIGITS;
    if (c.accept("0") && c.accept("xX")) {
      c.accept("_");
      digits = HEX_DIGITS;
    }
    c.accept(".");
    c.accept(digits);
    boolean dotSeen = false;
    boolean exponentSeen = false;
    while (c.is(digits + "._eE")) {
      if (c.is(".") && dotSeen) {
        c.accept(".");
        return false;
      }
      if (c.is("eE") && exponentSeen) {
        c.accept("eE");
        return false;
      }
      if (c.accept(".")) {
        dotSeen = true;
        // No "1._5", "1..", and no fractional hex.
        if (c.accept("_.") || digits == HEX_DIGITS) {
          return false;
        }
        continue;
      }
      if (c.accept("eE")) {
        exponentSeen = true;
        c.accept("+-");
        if (c.accept("._eE") || c.peek() == Cursor.EOF) {
          return false;
        }
        continue;
      }
      if (c.accept("_")) {
        if (c.accept("._eE") || c.peek() == Cursor.EOF) {
          return false;
        }
        continue;
      }
      c.acceptRun(digits);
    }
    // The token starts at the cursor's start, so anything pending was consumed here.
    return !c.pending().isEmpty() && !Cursor.isAlphaNumeric(c.peek());
  }

  /** After a number followed by a letter: units like {@code m}, {@code ms}, {@code 1h30m}. */
  private static boolean acceptRemainingDuration(Cursor c) {
    if (!c.accept("smhdwy")) {
      return false;
    }
    c.accept("s");
    while (c.accept(DIGITS)) {
      c.acceptRun(DIGITS);
      // A year must come first, so "y" is not accepted after the first unit.
      if (!c.accept("smhdw")) {
        return false;
      }
      c.accept("s");
    }
    return !Cursor.isAlphaNumeric(c.nextRune());
  }
}
