package dev.vigil.server.promql.lexer;

/**
 * Splits a PromQL query into tokens, one at a time on demand, the way Prometheus's lexer does.
 *
 * <p>The lexer is modal like Prometheus's: inside {@code {...}} only matcher tokens exist and
 * keywords are plain identifiers; right after {@code [} (and after operators inside brackets)
 * duration-expression rules apply, where the only words are {@code step}, {@code range}, {@code
 * min_of} and {@code max_of}. It also keeps Prometheus's paren/bracket bookkeeping, because
 * errors such as "unclosed left parenthesis" are lexer errors there and their wording and
 * position are part of the contract.
 *
 * <p>An error is returned as a {@link TokenType#ERROR} token whose text is the message; after an
 * error or the end of input only {@link TokenType#EOF} tokens follow.
 */
public final class Lexer {

  private static final int EOF = -1;
  private static final String DIGITS = "0123456789";
  private static final String HEX_DIGITS = "0123456789abcdefABCDEF";

  private final String input;
  /** Next char to read. */
  private int pos;
  /** Start of the token being scanned. */
  private int start;
  /** Chars taken by the last code point read; 0 at the end of input. */
  private int width;

  private int parenDepth;
  private boolean braceOpen;
  private boolean bracketOpen;
  private boolean gotColon;
  /**
   * Set by the first number lexed in duration-expression mode and never reset, exactly like
   * Prometheus; it decides whether a colon right after {@code [...} is accepted.
   */
  private boolean gotDuration;

  private boolean durationMode;
  private boolean finished;

  public Lexer(String input) {
    this.input = input;
  }

  /** The query being lexed. */
  public String input() {
    return input;
  }

  /** Returns the next token, skipping nothing (comments are tokens too). */
  public Token next() {
    if (finished) {
      return new Token(TokenType.EOF, "", start);
    }
    Token t;
    do {
      if (braceOpen) {
        t = scanInsideBraces();
      } else if (durationMode) {
        t = scanDurationExpr();
      } else {
        t = scanStatement();
      }
    } while (t == null);
    if (t.type() == TokenType.EOF || t.type() == TokenType.ERROR) {
      finished = true;
    }
    return t;
  }

  private Token scanStatement() {
    if (input.startsWith("#", pos)) {
      return lineComment();
    }
    int r = nextRune();
    switch (r) {
      case EOF:
        if (parenDepth != 0) {
          return error("unclosed left parenthesis");
        }
        if (bracketOpen) {
          return error("unclosed left bracket");
        }
        return emit(TokenType.EOF);
      case ',':
        return emit(TokenType.COMMA);
      case '*':
        return emit(TokenType.MUL);
      case '/':
        return emit(TokenType.DIV);
      case '%':
        return emit(TokenType.MOD);
      case '+':
        return emit(TokenType.ADD);
      case '-':
        return emit(TokenType.SUB);
      case '^':
        return emit(TokenType.POW);
      case '@':
        return emit(TokenType.AT);
      case '=':
        if (peek() == '=') {
          nextRune();
          return emit(TokenType.EQLC);
        }
        if (peek() == '~') {
          return error("unexpected character after '=': " + GoText.quoteRune('~'));
        }
        return emit(TokenType.EQL);
      case '!':
        int t = nextRune();
        if (t != '=') {
          return error("unexpected character after '!': " + GoText.quoteRune(t));
        }
        return emit(TokenType.NEQ);
      case '<':
        return comparison(TokenType.LTE, TokenType.TRIM_UPPER, TokenType.LSS);
      case '>':
        return comparison(TokenType.GTE, TokenType.TRIM_LOWER, TokenType.GTR);
      case '"':
      case '\'':
        return string(r);
      case '`':
        return rawString();
      case '(':
        parenDepth++;
        return emit(TokenType.LEFT_PAREN);
      case ')':
        return rightParen();
      case '{':
        braceOpen = true;
        return emit(TokenType.LEFT_BRACE);
      case '[':
        return leftBracket();
      case ']':
        if (!bracketOpen) {
          return error("unexpected right bracket " + GoText.quoteRune(']'));
        }
        bracketOpen = false;
        return emit(TokenType.RIGHT_BRACKET);
      default:
        break;
    }
    if (isSpace(r)) {
      skipSpaces();
      return null;
    }
    if (isDigit(r) || (r == '.' && isDigit(peek()))) {
      backup();
      return numberOrDuration();
    }
    if (isAlpha(r) || r == ':') {
      if (!bracketOpen) {
        backup();
        return keywordOrIdentifier();
      }
      return wordInsideBrackets(r);
    }
    return error("unexpected character: " + GoText.quoteRune(r));
  }

  private Token comparison(TokenType orEqual, TokenType trim, TokenType plain) {
    if (peek() == '=') {
      nextRune();
      return emit(orEqual);
    }
    if (peek() == '/') {
      nextRune();
      return emit(trim);
    }
    return emit(plain);
  }

  private Token rightParen() {
    Token t = emit(TokenType.RIGHT_PAREN);
    parenDepth--;
    if (parenDepth < 0) {
      // Prometheus reports this after the parenthesis, at the start of the next token.
      return error("unexpected right parenthesis " + GoText.quoteRune(')'));
    }
    return t;
  }

  private Token leftBracket() {
    if (bracketOpen) {
      return error("unexpected left bracket " + GoText.quoteRune('['));
    }
    gotColon = false;
    Token t = emit(TokenType.LEFT_BRACKET);
    skipSpaces();
    bracketOpen = true;
    durationMode = true;
    return t;
  }

  /** Inside brackets, outside duration mode: a colon or a duration keyword, nothing else. */
  private Token wordInsideBrackets(int r) {
    if (r == ':') {
      if (gotColon) {
        return error("unexpected colon " + GoText.quoteRune(':'));
      }
      gotColon = true;
      return emit(TokenType.COLON);
    }
    if (isDurationKeywordStart(r)) {
      Token t = durationKeyword();
      if (t != null) {
        return t;
      }
    }
    return error(
        "unexpected character: " + GoText.quoteRune(r) + ", expected " + GoText.quoteRune(':'));
  }

  private Token scanDurationExpr() {
    int r = nextRune();
    switch (r) {
      case EOF:
        return error("unexpected end of input in duration expression");
      case ']':
        bracketOpen = false;
        gotColon = false;
        durationMode = false;
        return emit(TokenType.RIGHT_BRACKET);
      case ':':
        Token colon = emit(TokenType.COLON);
        if (!gotDuration) {
          return error("unexpected colon before duration in duration expression");
        }
        if (gotColon) {
          return error("unexpected repeated colon in duration expression");
        }
        gotColon = true;
        return colon;
      case '(':
        parenDepth++;
        return emit(TokenType.LEFT_PAREN);
      case ')':
        return rightParen();
      case '+':
        return emit(TokenType.ADD);
      case '-':
        return emit(TokenType.SUB);
      case '*':
        return emit(TokenType.MUL);
      case '/':
        return emit(TokenType.DIV);
      case '%':
        return emit(TokenType.MOD);
      case '^':
        return emit(TokenType.POW);
      case ',':
        return emit(TokenType.COMMA);
      default:
        break;
    }
    if (isSpace(r)) {
      skipSpaces();
      return null;
    }
    if (isDurationKeywordStart(r)) {
      Token t = durationKeyword();
      return t != null
          ? t
          : error("unexpected character in duration expression: " + GoText.quoteRune(r));
    }
    if (isDigit(r) || (r == '.' && isDigit(peek()))) {
      backup();
      gotDuration = true;
      durationMode = false;
      return numberOrDuration();
    }
    return error("unexpected character in duration expression: " + GoText.quoteRune(r));
  }

  private Token scanInsideBraces() {
    if (input.startsWith("#", pos)) {
      return lineComment();
    }
    int r = nextRune();
    switch (r) {
      case EOF:
        return error("unexpected end of input inside braces");
      case ',':
        return emit(TokenType.COMMA);
      case '"':
      case '\'':
        return string(r);
      case '`':
        return rawString();
      case '=':
        if (nextRune() == '~') {
          return emit(TokenType.EQL_REGEX);
        }
        backup();
        return emit(TokenType.EQL);
      case '!':
        int nr = nextRune();
        if (nr == '~') {
          return emit(TokenType.NEQ_REGEX);
        }
        if (nr == '=') {
          return emit(TokenType.NEQ);
        }
        return error("unexpected character after '!' inside braces: " + GoText.quoteRune(nr));
      case '{':
        return error("unexpected left brace " + GoText.quoteRune('{'));
      case '}':
        braceOpen = false;
        return emit(TokenType.RIGHT_BRACE);
      default:
        break;
    }
    if (isSpace(r)) {
      skipSpaces();
      return null;
    }
    if (isAlpha(r)) {
      while (isAlphaNumeric(nextRune())) {
        // absorb
      }
      backup();
      return emit(TokenType.IDENTIFIER);
    }
    return error("unexpected character inside braces: " + GoText.quoteRune(r));
  }

  private Token lineComment() {
    pos++;
    int r;
    do {
      r = nextRune();
    } while (r != '\r' && r != '\n' && r != EOF);
    backup();
    return emit(TokenType.COMMENT);
  }

  private Token keywordOrIdentifier() {
    int r;
    do {
      r = nextRune();
    } while (isAlphaNumeric(r) || r == ':');
    backup();
    String word = input.substring(start, pos);
    TokenType kw = TokenType.word(word);
    if (kw != null) {
      // fill/fill_left/fill_right are keywords only before "(", so existing metrics called
      // "fill" keep working (Prometheus does the same).
      boolean fill = kw == TokenType.FILL || kw == TokenType.FILL_LEFT || kw == TokenType.FILL_RIGHT;
      return emit(fill && !followedByLeftParen() ? TokenType.IDENTIFIER : kw);
    }
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("nan")) {
      return emit(TokenType.NUMBER);
    }
    return emit(word.indexOf(':') >= 0 ? TokenType.METRIC_IDENTIFIER : TokenType.IDENTIFIER);
  }

  private boolean followedByLeftParen() {
    int i = pos;
    while (i < input.length() && isSpace(input.charAt(i))) {
      i++;
    }
    return i < input.length() && input.charAt(i) == '(';
  }

  private static boolean isDurationKeywordStart(int r) {
    int lower = Character.toLowerCase(r);
    return lower == 's' || lower == 'r' || lower == 'm';
  }

  /** Reads the rest of a word whose first letter was consumed; a token only for the four words. */
  private Token durationKeyword() {
    while (isAlpha(nextRune())) {
      // absorb
    }
    backup();
    TokenType t = TokenType.word(input.substring(start, pos));
    if (t == TokenType.STEP || t == TokenType.RANGE || t == TokenType.MAX_OF || t == TokenType.MIN_OF) {
      return emit(t);
    }
    return null;
  }

  private Token numberOrDuration() {
    if (scanNumber()) {
      return emit(TokenType.NUMBER);
    }
    if (acceptRemainingDuration()) {
      backup();
      return emit(TokenType.DURATION);
    }
    return error("bad number or duration syntax: " + GoText.quote(input.substring(start, pos)));
  }

  /**
   * Consumes a number (decimal, hex, with dots, exponents and digit separators) and reports
   * whether it is well formed and not followed by a letter. Prometheus's rules, including their
   * quirks: in hex, an "e" that starts a digit run is read as an exponent.
   */
  private boolean scanNumber() {
    int initial = pos;
    String digits = DIGITS;
    if (accept("0") && accept("xX")) {
      accept("_");
      digits = HEX_DIGITS;
    }
    accept(".");
    accept(digits);
    boolean dotSeen = false;
    boolean exponentSeen = false;
    while (is(digits + "._eE")) {
      if (is(".") && dotSeen) {
        accept(".");
        return false;
      }
      if (is("eE") && exponentSeen) {
        accept("eE");
        return false;
      }
      if (accept(".")) {
        dotSeen = true;
        if (accept("_.") || digits == HEX_DIGITS) {
          return false;
        }
        continue;
      }
      if (accept("eE")) {
        exponentSeen = true;
        accept("+-");
        if (accept("._eE") || peek() == EOF) {
          return false;
        }
        continue;
      }
      if (accept("_")) {
        if (accept("._eE") || peek() == EOF) {
          return false;
        }
        continue;
      }
      acceptRun(digits);
    }
    return pos != initial && !isAlphaNumeric(peek());
  }

  /** After a number that was followed by a letter: units like {@code m}, {@code ms}, {@code 1h30m}. */
  private boolean acceptRemainingDuration() {
    if (!accept("smhdwy")) {
      return false;
    }
    accept("s");
    while (accept(DIGITS)) {
      acceptRun(DIGITS);
      // A year must come first, so "y" is not accepted after the first unit.
      if (!accept("smhdw")) {
        return false;
      }
      accept("s");
    }
    return !isAlphaNumeric(nextRune());
  }

  private Token string(int quote) {
    while (true) {
      int r = nextRune();
      if (r == '\\') {
        Token err = escape(quote);
        if (err != null) {
          return err;
        }
      } else if (isRuneError(r)) {
        return error("invalid UTF-8 rune");
      } else if (r == EOF || r == '\n') {
        return error("unterminated quoted string");
      } else if (r == quote) {
        return emit(TokenType.STRING);
      }
    }
  }

  /** Checks one escape sequence after a backslash; returns an error token or null. */
  private Token escape(int quote) {
    int ch = nextRune();
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
        ch = nextRune();
        n = 2;
        base = 16;
        max = 255;
        break;
      case 'u':
        ch = nextRune();
        n = 4;
        base = 16;
        max = Character.MAX_CODE_POINT;
        break;
      case 'U':
        ch = nextRune();
        n = 8;
        base = 16;
        max = Character.MAX_CODE_POINT;
        break;
      case EOF:
        return error("escape sequence not terminated");
      default:
        if (ch == quote) {
          return null;
        }
        return error("unknown escape sequence " + GoText.formatUnicode(ch));
    }
    long x = 0;
    while (n > 0) {
      int d = ch >= 0 && ch < 128 ? Character.digit(ch, 16) : -1;
      if (d < 0 || d >= base) {
        if (ch == EOF) {
          return error("escape sequence not terminated");
        }
        return error("illegal character " + GoText.formatUnicode(ch) + " in escape sequence");
      }
      x = x * base + d;
      n--;
      if (n > 0) {
        ch = nextRune();
      }
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
      return error("escape sequence is an invalid Unicode code point");
    }
    return null;
  }

  private Token rawString() {
    while (true) {
      int r = nextRune();
      if (isRuneError(r)) {
        return error("invalid UTF-8 rune");
      }
      if (r == EOF) {
        return error("unterminated raw string");
      }
      if (r == '`') {
        return emit(TokenType.STRING);
      }
    }
  }

  private Token emit(TokenType type) {
    Token t = new Token(type, input.substring(start, pos), start);
    start = pos;
    return t;
  }

  private Token error(String message) {
    return new Token(TokenType.ERROR, message, start);
  }

  private void skipSpaces() {
    while (isSpace(peek())) {
      nextRune();
    }
    start = pos;
  }

  private int nextRune() {
    if (pos >= input.length()) {
      width = 0;
      return EOF;
    }
    int cp = input.codePointAt(pos);
    width = Character.charCount(cp);
    pos += width;
    return cp;
  }

  private int peek() {
    int r = nextRune();
    backup();
    return r;
  }

  private void backup() {
    pos -= width;
  }

  private boolean accept(String valid) {
    int r = nextRune();
    if (r != EOF && valid.indexOf(r) >= 0) {
      return true;
    }
    backup();
    return false;
  }

  private boolean is(String valid) {
    int r = peek();
    return r != EOF && valid.indexOf(r) >= 0;
  }

  private void acceptRun(String valid) {
    while (accept(valid)) {
      // consume
    }
  }

  /** Go decodes bad UTF-8 (and a literal U+FFFD) as RuneError; lone surrogates are our equivalent. */
  private static boolean isRuneError(int r) {
    return r == 0xFFFD || (r >= 0xD800 && r <= 0xDFFF);
  }

  static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\n' || r == '\r';
  }

  private static boolean isDigit(int r) {
    return r >= '0' && r <= '9';
  }

  private static boolean isAlpha(int r) {
    return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
  }

  private static boolean isAlphaNumeric(int r) {
    return isAlpha(r) || isDigit(r);
  }
}
