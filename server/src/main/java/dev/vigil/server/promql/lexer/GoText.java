package dev.vigil.server.promql.lexer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Quoting and unquoting of string literals with Go's rules, which is what PromQL strings and
 * Prometheus's error messages use.
 *
 * <p>Go strings are bytes, Java strings are UTF-16. Where Go would keep a byte sequence that is not
 * valid UTF-8 (from {@code "\xff"} or {@code "\377"}), we decode with the replacement character
 * instead; such strings cannot be label values in Prometheus either.
 */
public final class GoText {

  private GoText() {}

  /**
   * Go's {@code strconv.Quote}: double quotes, escapes for non-printable runes.
   *
   * <p>One deliberate difference: U+FFFD prints as the escape backslash-u-fffd. In our strings it
   * stands for bytes that were not UTF-8 (Go would print them as backslash-x escapes), and the
   * lexer rejects a literal U+FFFD, so the escape keeps printed queries parseable.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0xFFFD) {
        sb.append("\\ufffd");
      } else {
        appendEscaped(sb, cp, '"');
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Go's {@code %.Nq} followed by "...": quotes only the first {@code maxRunes} runes. Prometheus
   * uses this to describe long tokens in error messages.
   */
  public static String quotePrefix(String s, int maxRunes) {
    int end = s.offsetByCodePoints(0, Math.min(maxRunes, s.codePointCount(0, s.length())));
    return quote(s.substring(0, end));
  }

  /** Go's {@code strconv.QuoteRune}; -1 (end of input) quotes as the replacement character. */
  public static String quoteRune(int cp) {
    StringBuilder sb = new StringBuilder("'");
    appendEscaped(sb, isValidRune(cp) ? cp : 0xFFFD, '\'');
    return sb.append('\'').toString();
  }

  /** Go's {@code %#U}: {@code U+0063 'c'}, without the quoted form when not printable. */
  public static String formatUnicode(int cp) {
    String hex = String.format("U+%04X", cp);
    return isPrint(cp) ? hex + " '" + new String(Character.toChars(cp)) + "'" : hex;
  }

  /**
   * Whether Go's {@code unicode.IsPrint} holds: letters, marks, numbers, punctuation, symbols,
   * ASCII space.
   */
  public static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    if (!isValidRune(cp)) {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL:
      case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  private static boolean isValidRune(int cp) {
    return cp >= 0 && cp <= Character.MAX_CODE_POINT && (cp < 0xD800 || cp > 0xDFFF);
  }

  private static void appendEscaped(StringBuilder sb, int cp, char quote) {
    if (cp == quote || cp == '\\') {
      sb.append('\\').appendCodePoint(cp);
      return;
    }
    if (isPrint(cp)) {
      sb.appendCodePoint(cp);
      return;
    }
    switch (cp) {
      case 0x07 -> sb.append("\\a");
      case '\b' -> sb.append("\\b");
      case '\f' -> sb.append("\\f");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case 0x0B -> sb.append("\\v");
      default -> {
        if (cp < ' ' || cp == 0x7F) {
          sb.append(String.format("\\x%02x", cp));
        } else if (!isValidRune(cp)) {
          sb.append("\\ufffd");
        } else if (cp < 0x10000) {
          sb.append(String.format("\\u%04x", cp));
        } else {
          sb.append(String.format("\\U%08x", cp));
        }
      }
    }
  }

  /**
   * Decodes a PromQL string literal including its quotes ({@code "..."}, {@code '...'} or a raw
   * {@code `...`}), like Prometheus's {@code strutil.Unquote}.
   *
   * @throws IllegalArgumentException "invalid syntax" when the literal is malformed
   */
  public static String unquote(String literal) {
    int n = literal.length();
    if (n < 2 || literal.charAt(0) != literal.charAt(n - 1)) {
      throw invalidSyntax();
    }
    char quote = literal.charAt(0);
    String body = literal.substring(1, n - 1);
    if (quote == '`') {
      if (body.indexOf('`') >= 0) {
        throw invalidSyntax();
      }
      return body;
    }
    if ((quote != '"' && quote != '\'') || body.indexOf('\n') >= 0) {
      throw invalidSyntax();
    }
    if (body.indexOf('\\') < 0 && body.indexOf(quote) < 0) {
      return body;
    }
    // Escapes may produce single bytes (\x, octal), so collect bytes and decode at the end.
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
    int i = 0;
    while (i < body.length()) {
      int cp = body.codePointAt(i);
      if (cp == quote) {
        throw invalidSyntax();
      }
      if (cp != '\\') {
        writeUtf8(out, cp);
        i += Character.charCount(cp);
        continue;
      }
      if (i + 1 >= body.length()) {
        throw invalidSyntax();
      }
      char c = body.charAt(i + 1);
      i += 2;
      switch (c) {
        case 'a' -> out.write(0x07);
        case 'b' -> out.write('\b');
        case 'f' -> out.write('\f');
        case 'n' -> out.write('\n');
        case 'r' -> out.write('\r');
        case 't' -> out.write('\t');
        case 'v' -> out.write(0x0B);
        case '\\' -> out.write('\\');
        case '\'', '"' -> {
          if (c != quote) {
            throw invalidSyntax();
          }
          out.write(c);
        }
        case 'x', 'u', 'U' -> {
          int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
          int v = hexValue(body, i, digits);
          i += digits;
          if (c == 'x') {
            out.write(v);
          } else {
            if (v > Character.MAX_CODE_POINT || v < 0) {
              throw invalidSyntax();
            }
            writeUtf8(out, v);
          }
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          if (i + 2 > body.length()) {
            throw invalidSyntax();
          }
          int v = c - '0';
          for (int j = 0; j < 2; j++) {
            int d = body.charAt(i + j) - '0';
            if (d < 0 || d > 7) {
              throw invalidSyntax();
            }
            v = (v << 3) | d;
          }
          i += 2;
          if (v > 255) {
            throw invalidSyntax();
          }
          out.write(v);
        }
        default -> throw invalidSyntax();
      }
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private static int hexValue(String s, int from, int digits) {
    if (from + digits > s.length()) {
      throw invalidSyntax();
    }
    long v = 0;
    for (int j = 0; j < digits; j++) {
      int d = Character.digit(s.charAt(from + j), 16);
      if (d < 0) {
        throw invalidSyntax();
      }
      v = (v << 4) | d;
    }
    return v > Integer.MAX_VALUE ? -1 : (int) v;
  }

  private static void writeUtf8(ByteArrayOutputStream out, int cp) {
    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  private static IllegalArgumentException invalidSyntax() {
    return new IllegalArgumentException("invalid syntax");
  }

  /** The length of {@code s} in UTF-8 bytes, which is how Go counts string positions. */
  public static int utf8Length(CharSequence s, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
