package dev.vigil.server.promql.lexer;

/**
 * A read position in the query with the primitives the lexer's scanners share: read, peek and back
 * up one code point, accept from a character set, and cut the pending text into a token.
 */
final class Cursor {

  static final int EOF = -1;

  private final String input;

  /** Next char to read. */
  private int pos;

  /** Start of the token being scanned. */
  private int start;

  /** Chars taken by the last code point read; 0 at the end of input. */
  private int width;

  Cursor(String input) {
    this.input = input;
  }

  int start() {
    return start;
  }

  boolean lookingAt(String prefix) {
    return input.startsWith(prefix, pos);
  }

  /** The text scanned since the last token. */
  String pending() {
    return input.substring(start, pos);
  }

  int nextRune() {
    if (pos >= input.length()) {
      width = 0;
      return EOF;
    }
    int cp = input.codePointAt(pos);
    width = Character.charCount(cp);
    pos += width;
    return cp;
  }

  int peek() {
    int r = nextRune();
    backup();
    return r;
  }

  /** Steps back over the last code point read (once per read). */
  void backup() {
    pos -= width;
  }

  boolean accept(String valid) {
    int r = nextRune();
    if (r != EOF && valid.indexOf(r) >= 0) {
      return true;
    }
    backup();
    return false;
  }

  boolean is(String valid) {
    int r = peek();
    return r != EOF && valid.indexOf(r) >= 0;
  }

  void acceptRun(String valid) {
    while (accept(valid)) {
      // consume
    }
  }

  /** Whether the next non-space character is {@code c}. */
  boolean nextNonSpaceIs(char c) {
    int i = pos;
    while (i < input.length() && isSpace(input.charAt(i))) {
      i++;
    }
    return i < input.length() && input.charAt(i) == c;
  }

  void skipSpaces() {
    while (isSpace(peek())) {
      nextRune();
    }
    start = pos;
  }

  Token emit(TokenType type) {
    Token t = new Token(type, pending(), start);
    start = pos;
    return t;
  }

  /** An error at the start of the pending text, where Prometheus reports lexer errors. */
  Token error(String message) {
    return new Token(TokenType.ERROR, message, start);
  }

  static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\n' || r == '\r';
  }

  static boolean isDigit(int r) {
    return r >= '0' && r <= '9';
  }

  static boolean isAlpha(int r) {
    return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  }

  static boolean isAlphaNumeric(int r) {
    return isAlpha(r) || isDigit(r);
  }

  /**
   * Go decodes bad UTF-8 (and a literal U+FFFD) as RuneError; lone surrogates are our equivalent.
   */
  static boolean isRuneError(int r) {
    return r == 0xFFFD || (r >= 0xD800 && r <= 0xDFFF);
  }
}
