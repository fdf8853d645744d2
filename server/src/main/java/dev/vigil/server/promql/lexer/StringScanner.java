package dev.vigil.server.promql.lexer;

/**
 * Scans string literals: {@code "..."} and {@code '...'} with Go escape sequences, which are
 * validated here so that errors carry Prometheus's wording, and raw {@code `...`} strings.
 */
final class StringScanner {

  private StringScanner() {}

  /** A quoted string whose opening {@code quote} was consumed. */
  static Token quoted(Cursor c, int quote) {
    while (true) {
      int r = c.nextRune();
      if (r == '\\') {
        Token err = escape(c, quote);
        if (err != null) {
          return err;
        }
      } else if (Cursor.isRuneError(r)) {
        return c.error("invalid UTF-8 rune");
      } else if (r == Cursor.EOF || r == '\n') {
        return c.error("unterminated quoted string");
      } else if (r == quote) {
        return c.emit(TokenType.STRING);
      }
    }
  }

  /** A raw string whose opening backquote was consumed; it may span lines. */
  static Token raw(Cursor c) {
    while (true) {
      int r = c.nextRune();
      if (Cursor.isRuneError(r)) {
        return c.error("invalid UTF-8 rune");
      }
      if (r == Cursor.EOF) {
        return c.error("unterminated raw string");
      }
      if (r == '`') {
        return c.emit(TokenType.STRING);
      }
    }
  }

  /** Checks one escape sequence after a backslash; returns an error token or null. */
  private static Token escape(Cursor c, int quote) {
    int ch = c.nextRune();
    int n;
    int base;
    long max;
    switch (ch) {
      case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\':
        return null;
      case '0', '1', '2', '3', '4', '5', '6', '7':
        n = 3;
        base = 8;
        max = 255;
        break;
      case 'x':
        ch = c.nextRune();
        n = 2;
        base = 16;
        max = 255;
        break;
      case 'u':
        ch = c.nextRune();
        n = 4;
        base = 16;
        max = Character.MAX_CODE_POINT;
        break;
      case 'U':
        ch = c.nextRune();
        n = 8;
        base = 16;
        max = Character.MAX_CODE_POINT;
        break;
      case Cursor.EOF:
        return c.error("escape sequence not terminated");
      default:
        if (ch == quote) {
          return null;
        }
        return c.error("unknown escape sequence " + GoText.formatUnicode(ch));
    }
    long x = 0;
    while (n > 0) {
      int d = ch >= 0 && ch < 128 ? Character.digit(ch, 16) : -1;
      if (d < 0 || d >= base) {
        if (ch == Cursor.EOF) {
          return c.error("escape sequence not terminated");
        }
        return c.error("illegal character " + GoText.formatUnicode(ch) + " in escape sequence");
      }
      x = x * base + d;
      n--;
      if (n > 0) {
        ch = c.nextRune();
      }
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
      return c.error("escape sequence is an invalid Unicode code point");
    }
    return null;
  }
}
