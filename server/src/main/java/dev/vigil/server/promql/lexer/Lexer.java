package dev.vigil.server.promql.lexer;

import static dev.vigil.server.promql.lexer.Cursor.EOF;
import static dev.vigil.server.promql.lexer.Cursor.isAlpha;
import static dev.vigil.server.promql.lexer.Cursor.isAlphaNumeric;
import static dev.vigil.server.promql.lexer.Cursor.isDigit;
import static dev.vigil.server.promql.lexer.Cursor.isSpace;

import java.util.Locale;

/**
 * Splits a PromQL query into tokens, one at a time on demand, the way Prometheus's lexer does.
 *
 * <p>The lexer is modal like Prometheus's: inside {@code {...}} only matcher tokens exist and
 * keywords are plain identifiers; right after {@code [} (and after operators inside brackets)
 * duration-expression rules apply, where the only words are {@code step}, {@code range}, {@code
 * min_of} and {@code max_of}. It also keeps Prometheus's paren/bracket bookkeeping, because errors
 * such as "unclosed left parenthesis" are lexer errors there and their wording and position are
 * part of the contract.
 *
 * <p>An error is returned as a {@link TokenType#ERROR} token whose text is the message; after an
 * error or the end of input only {@link TokenType#EOF} tokens follow.
 */
public final class Lexer {

  private final Cursor c;

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
    this.c = new Cursor(input);
  }

  /** Returns the next token; comments are tokens too. */
  public Token next() {
    if (finished) {
      return new Token(TokenType.EOF, "", c.start());
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

  /** The default mode; returns null after skipping whitespace. */
  private Token scanStatement() {
    if (c.lookingAt("#")) {
      return lineComment();
    }
    int r = c.nextRune();
    switch (r) {
      case EOF:
        if (parenDepth != 0) {
          return c.error("unclosed left parenthesis");
        }
        if (bracketOpen) {
          return c.error("unclosed left bracket");
        }
        return c.emit(TokenType.EOF);
      case ',':
        return c.emit(TokenType.COMMA);
      case '*':
        return c.emit(TokenType.MUL);
      case '/':
        return c.emit(TokenType.DIV);
      case '%':
        return c.emit(TokenType.MOD);
      case '+':
        return c.emit(TokenType.ADD);
      case '-':
        return c.emit(TokenType.SUB);
      case '^':
        return c.emit(TokenType.POW);
      case '@':
        return c.emit(TokenType.AT);
      case '=':
        if (c.peek() == '=') {
          c.nextRune();
          return c.emit(TokenType.EQLC);
        }
        if (c.peek() == '~') {
          return c.error("unexpected character after '=': " + GoText.quoteRune('~'));
        }
        return c.emit(TokenType.EQL);
      case '!':
        int t = c.nextRune();
        if (t != '=') {
          return c.error("unexpected character after '!': " + GoText.quoteRune(t));
        }
        return c.emit(TokenType.NEQ);
      case '<':
        return comparison(TokenType.LTE, TokenType.TRIM_UPPER, TokenType.LSS);
      case '>':
        return comparison(TokenType.GTE, TokenType.TRIM_LOWER, TokenType.GTR);
      case '"':
      case '\'':
        return StringScanner.quoted(c, r);
      case '`':
        return StringScanner.raw(c);
      case '(':
        parenDepth++;
        return c.emit(TokenType.LEFT_PAREN);
      case ')':
        return rightParen();
      case '{':
        braceOpen = true;
        return c.emit(TokenType.LEFT_BRACE);
      case '[':
        return leftBracket();
      case ']':
        if (!bracketOpen) {
          return c.error("unexpected right bracket " + GoText.quoteRune(']'));
        }
        bracketOpen = false;
        return c.emit(TokenType.RIGHT_BRACKET);
      default:
        break;
    }
    if (isSpace(r)) {
      c.skipSpaces();
      return null;
    }
    if (isDigit(r) || (r == '.' && isDigit(c.peek()))) {
      c.backup();
      return NumberScanner.numberOrDuration(c);
    }
    if (isAlpha(r) || r == ':') {
      if (!bracketOpen) {
        c.backup();
        return keywordOrIdentifier();
      }
      return wordInsideBrackets(r);
    }
    return c.error("unexpected character: " + GoText.quoteRune(r));
  }

  private Token comparison(TokenType orEqual, TokenType trim, TokenType plain) {
    if (c.peek() == '=') {
      c.nextRune();
      return c.emit(orEqual);
    }
    if (c.peek() == '/') {
      c.nextRune();
      return c.emit(trim);
    }
    return c.emit(plain);
  }

  private Token rightParen() {
    Token t = c.emit(TokenType.RIGHT_PAREN);
    parenDepth--;
    if (parenDepth < 0) {
      // Prometheus reports this after the parenthesis, at the start of the next token.
      return c.error("unexpected right parenthesis " + GoText.quoteRune(')'));
    }
    return t;
  }

  private Token leftBracket() {
    if (bracketOpen) {
      return c.error("unexpected left bracket " + GoText.quoteRune('['));
    }
    gotColon = false;
    Token t = c.emit(TokenType.LEFT_BRACKET);
    c.skipSpaces();
    bracketOpen = true;
    durationMode = true;
    return t;
  }

  /** Inside brackets, outside duration mode: a colon or a duration keyword, nothing else. */
  private Token wordInsideBrackets(int r) {
    if (r == ':') {
      if (gotColon) {
        return c.error("unexpected colon " + GoText.quoteRune(':'));
      }
      gotColon = true;
      return c.emit(TokenType.COLON);
    }
    if (isDurationKeywordStart(r)) {
      Token t = durationKeyword();
      if (t != null) {
        return t;
      }
    }
    return c.error(
        "unexpected character: " + GoText.quoteRune(r) + ", expected " + GoText.quoteRune(':'));
  }

  /** Right after {@code [} and after operators inside brackets; returns null after whitespace. */
  private Token scanDurationExpr() {
    int r = c.nextRune();
    switch (r) {
      case EOF:
        return c.error("unexpected end of input in duration expression");
      case ']':
        bracketOpen = false;
        gotColon = false;
        durationMode = false;
        return c.emit(TokenType.RIGHT_BRACKET);
      case ':':
        Token colon = c.emit(TokenType.COLON);
        if (!gotDuration) {
          return c.error("unexpected colon before duration in duration expression");
        }
        if (gotColon) {
          return c.error("unexpected repeated colon in duration expression");
        }
        gotColon = true;
        return colon;
      case '(':
        parenDepth++;
        return c.emit(TokenType.LEFT_PAREN);
      case ')':
        return rightParen();
      case '+':
        return c.emit(TokenType.ADD);
      case '-':
        return c.emit(TokenType.SUB);
      case '*':
        return c.emit(TokenType.MUL);
      case '/':
        return c.emit(TokenType.DIV);
      case '%':
        return c.emit(TokenType.MOD);
      case '^':
        return c.emit(TokenType.POW);
      case ',':
        return c.emit(TokenType.COMMA);
      default:
        break;
    }
    if (isSpace(r)) {
      c.skipSpaces();
      return null;
    }
    if (isDurationKeywordStart(r)) {
      Token t = durationKeyword();
      return t != null
          ? t
          : c.error("unexpected character in duration expression: " + GoText.quoteRune(r));
    }
    if (isDigit(r) || (r == '.' && isDigit(c.peek()))) {
      c.backup();
      gotDuration = true;
      durationMode = false;
      return NumberScanner.numberOrDuration(c);
    }
    return c.error("unexpected character in duration expression: " + GoText.quoteRune(r));
  }

  /** Between {@code {} and {@code }}: identifiers, strings, matcher operators, commas. */
  private Token scanInsideBraces() {
    if (c.lookingAt("#")) {
      return lineComment();
    }
    int r = c.nextRune();
    switch (r) {
      case EOF:
        return c.error("unexpected end of input inside braces");
      case ',':
        return c.emit(TokenType.COMMA);
      case '"':
      case '\'':
        return StringScanner.quoted(c, r);
      case '`':
        return StringScanner.raw(c);
      case '=':
        if (c.nextRune() == '~') {
          return c.emit(TokenType.EQL_REGEX);
        }
        c.backup();
        return c.emit(TokenType.EQL);
      case '!':
        int nr = c.nextRune();
        if (nr == '~') {
          return c.emit(TokenType.NEQ_REGEX);
        }
        if (nr == '=') {
          return c.emit(TokenType.NEQ);
        }
        return c.error("unexpected character after '!' inside braces: " + GoText.quoteRune(nr));
      case '{':
        return c.error("unexpected left brace " + GoText.quoteRune('{'));
      case '}':
        braceOpen = false;
        return c.emit(TokenType.RIGHT_BRACE);
      default:
        break;
    }
    if (isSpace(r)) {
      c.skipSpaces();
      return null;
    }
    if (isAlpha(r)) {
      while (isAlphaNumeric(c.nextRune())) {
        // absorb
      }
      c.backup();
      return c.emit(TokenType.IDENTIFIER);
    }
    return c.error("unexpected character inside braces: " + GoText.quoteRune(r));
  }

  private Token lineComment() {
    int r;
    do {
      r = c.nextRune();
    } while (r != '\r' && r != '\n' && r != EOF);
    c.backup();
    return c.emit(TokenType.COMMENT);
  }

  private Token keywordOrIdentifier() {
    int r;
    do {
      r = c.nextRune();
    } while (isAlphaNumeric(r) || r == ':');
    c.backup();
    String word = c.pending();
    TokenType kw = TokenType.word(word);
    if (kw != null) {
      // fill/fill_left/fill_right are keywords only before "(", so existing metrics called
      // "fill" keep working (Prometheus does the same).
      boolean fill =
          kw == TokenType.FILL || kw == TokenType.FILL_LEFT || kw == TokenType.FILL_RIGHT;
      return c.emit(fill && !c.nextNonSpaceIs('(') ? TokenType.IDENTIFIER : kw);
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.equals("inf") || lower.equals("nan")) {
      return c.emit(TokenType.NUMBER);
    }
    return c.emit(word.indexOf(':') >= 0 ? TokenType.METRIC_IDENTIFIER : TokenType.IDENTIFIER);
  }

  private static boolean isDurationKeywordStart(int r) {
    int lower = Character.toLowerCase(r);
    return lower == 's' || lower == 'r' || lower == 'm';
  }

  /** Reads the rest of a word whose first letter was consumed; a token only for the four words. */
  private Token durationKeyword() {
    while (isAlpha(c.nextRune())) {
      // absorb
    }
    c.backup();
    TokenType t = TokenType.word(c.pending());
    if (t == TokenType.STEP
        || t == TokenType.RANGE
        || t == TokenType.MAX_OF
        || t == TokenType.MIN_OF) {
      return c.emit(t);
    }
    return null;
  }
}
