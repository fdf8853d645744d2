package dev.vigil.server.promql;

import dev.vigil.server.format.GoQuote;
import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an instant vector selector: {@code name}, {@code name{l="v", l2!="v", l3=~"re", l4!~"re"}}
 * or {@code {...}} alone (at least one matcher must not match the empty string), with quoted names
 * ({@code {"name", "label.x"="v"}}) and Go string escapes. Errors carry the position and
 * Prometheus's wording.
 *
 * <p>A skeleton: the full PromQL parser (in {@code promql.parser}) replaces it. Anything beyond a
 * selector is reported as not supported yet rather than misread.
 */
public final class SelectorParser {

  private static final String UNSUPPORTED = " (only instant vector selectors are supported yet)";

  private final String q;
  private int pos;

  private SelectorParser(String query) {
    this.q = query;
  }

  /** Parses a whole query that must be exactly one selector. */
  public static Selector parse(String query) throws PromqlParseException {
    return new SelectorParser(query).parseQuery();
  }

  private Selector parseQuery() throws PromqlParseException {
    skipSpaceAndComments();
    if (atEnd()) {
      throw error(0, "no expression found in input");
    }
    int start = pos;
    String metricName = null;
    char c = q.charAt(pos);
    if (isIdentStart(c)) {
      metricName = readIdentifier(true);
      skipSpaceAndComments();
      if (!atEnd() && q.charAt(pos) == '(') {
        throw error(pos, "unexpected \"(\"" + UNSUPPORTED);
      }
    } else if (c != '{') {
      throw unexpectedCharacter(pos);
    }
    List<LabelMatcher> matchers = new ArrayList<>();
    String nameInBraces = null;
    if (!atEnd() && q.charAt(pos) == '{') {
      pos++;
      nameInBraces = parseMatchers(matchers);
    }
    if (metricName != null && nameInBraces != null) {
      throw error(
          start,
          "metric name must not be set twice: "
              + GoQuote.quote(metricName)
              + " or "
              + GoQuote.quote(nameInBraces));
    }
    String name = metricName != null ? metricName : nameInBraces;
    if (name != null) {
      for (LabelMatcher m : matchers) {
        if (m.name().equals(Labels.METRIC_NAME) && metricName != null) {
          throw error(
              start,
              "metric name must not be set twice: "
                  + GoQuote.quote(metricName)
                  + " or "
                  + GoQuote.quote(m.value()));
        }
      }
      matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, name));
    }
    if (matchers.stream().allMatch(LabelMatcher::matchesEmpty)) {
      throw error(start, "vector selector must contain at least one non-empty matcher");
    }
    skipSpaceAndComments();
    if (!atEnd()) {
      throw unexpectedCharacter(pos);
    }
    return new Selector(name, matchers);
  }

  /** Parses up to and including '}'; returns a metric name given as a lone quoted string. */
  private String parseMatchers(List<LabelMatcher> matchers) throws PromqlParseException {
    String quotedName = null;
    boolean expectItem = true;
    while (true) {
      skipSpace();
      if (atEnd()) {
        throw error(pos, "unexpected end of input inside braces");
      }
      char c = q.charAt(pos);
      if (c == '}') {
        pos++;
        return quotedName;
      }
      if (!expectItem) {
        throw error(
            pos,
            "unexpected " + describeBraceToken() + " in label matching, expected \",\" or \"}\"");
      }
      if (c == ',') {
        throw error(pos, "unexpected \",\" in label matching, expected identifier or \"}\"");
      }
      int labelStart = pos;
      String label;
      boolean quoted = c == '"' || c == '\'' || c == '`';
      if (quoted) {
        label = readString();
      } else if (isLabelStart(c)) {
        label = readIdentifier(false);
      } else {
        throw braceCharacterError(pos);
      }
      skipSpace();
      if (quoted && !atEnd() && (q.charAt(pos) == ',' || q.charAt(pos) == '}')) {
        // {"metric.name", ...}: a quoted metric name on its own.
        if (quotedName != null) {
          throw error(
              labelStart,
              "metric name must not be set twice: "
                  + GoQuote.quote(quotedName)
                  + " or "
                  + GoQuote.quote(label));
        }
        quotedName = label;
      } else {
        LabelMatcher.Type type = readOperator();
        skipSpace();
        if (atEnd()) {
          throw error(pos, "unexpected end of input inside braces");
        }
        char v = q.charAt(pos);
        if (v != '"' && v != '\'' && v != '`') {
          throw error(
              pos, "unexpected " + describeBraceToken() + " in label matching, expected string");
        }
        int valueStart = pos;
        String value = readString();
        try {
          matchers.add(LabelMatcher.of(type, label, value));
        } catch (IllegalArgumentException e) {
          throw error(valueStart, e.getMessage());
        }
      }
      skipSpace();
      if (!atEnd() && q.charAt(pos) == ',') {
        pos++;
        expectItem = true;
      } else {
        expectItem = false;
      }
    }
  }

  private LabelMatcher.Type readOperator() throws PromqlParseException {
    if (atEnd()) {
      throw error(pos, "unexpected end of input inside braces");
    }
    char c = q.charAt(pos);
    char next = pos + 1 < q.length() ? q.charAt(pos + 1) : 0;
    if (c == '=') {
      pos += next == '~' ? 2 : 1;
      return next == '~' ? LabelMatcher.Type.REGEX : LabelMatcher.Type.EQUAL;
    }
    if (c == '!') {
      if (next == '=' || next == '~') {
        pos += 2;
        return next == '=' ? LabelMatcher.Type.NOT_EQUAL : LabelMatcher.Type.NOT_REGEX;
      }
      throw error(
          pos,
          "unexpected character after '!' inside braces: " + charQuote(next == 0 ? ' ' : next));
    }
    if (c == '}' || c == ',' || c == '"' || c == '\'' || c == '`' || isLabelStart(c)) {
      throw error(
          pos,
          "unexpected "
              + describeBraceToken()
              + " in label matching, expected label matching operator");
    }
    throw braceCharacterError(pos);
  }

  private PromqlParseException braceCharacterError(int at) {
    char c = q.charAt(at);
    if (c == '{') {
      return error(at, "unexpected left brace '{'");
    }
    return error(at, "unexpected character inside braces: " + charQuote(c));
  }

  /** Describes the token at pos inside braces, as Prometheus's parser names tokens. */
  private String describeBraceToken() {
    char c = q.charAt(pos);
    if (isLabelStart(c)) {
      int end = pos;
      while (end < q.length() && isLabelChar(q.charAt(end))) {
        end++;
      }
      return "identifier " + GoQuote.quote(q.substring(pos, end));
    }
    if (c == '"' || c == '\'' || c == '`') {
      return "string";
    }
    if (c == '!' || c == '=') {
      boolean two = pos + 1 < q.length() && (q.charAt(pos + 1) == '=' || q.charAt(pos + 1) == '~');
      return GoQuote.quote(q.substring(pos, pos + (two && c == '!' ? 2 : 1)));
    }
    return GoQuote.quote(String.valueOf(c));
  }

  /** Describes a token after a complete selector. */
  private String describeToken(int at) {
    char c = q.charAt(at);
    if (isIdentStart(c)) {
      int end = at;
      while (end < q.length() && isIdentChar(q.charAt(end))) {
        end++;
      }
      return "identifier " + GoQuote.quote(q.substring(at, end));
    }
    if (Character.isDigit(c)) {
      return "number";
    }
    return GoQuote.quote(String.valueOf(c));
  }

  /**
   * Something that is not a selector. What full PromQL would lex as a token (operators, numbers,
   * strings, ranges, modifiers) is "not supported yet"; anything else gets Prometheus's lexer
   * error.
   */
  private PromqlParseException unexpectedCharacter(int at) {
    char c = q.charAt(at);
    boolean promqlToken =
        isIdentStart(c) || Character.isDigit(c) || "\"'`+-*/%^=!<>([@,{".indexOf(c) >= 0;
    if (promqlToken) {
      return error(at, "unexpected " + describeToken(at) + UNSUPPORTED);
    }
    return error(at, "unexpected character: " + charQuote(c));
  }

  private String readIdentifier(boolean metricName) {
    int start = pos;
    pos++;
    while (pos < q.length()
        && (metricName ? isIdentChar(q.charAt(pos)) : isLabelChar(q.charAt(pos)))) {
      pos++;
    }
    return q.substring(start, pos);
  }

  /** Reads a quoted string at pos (", ' or `), returning its unescaped value. */
  private String readString() throws PromqlParseException {
    int start = pos;
    char quote = q.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= q.length() || (quote != '`' && q.charAt(pos) == '\n')) {
        throw error(start, quote == '`' ? "unterminated raw string" : "unterminated quoted string");
      }
      char c = q.charAt(pos);
      if (c == quote) {
        pos++;
        return sb.toString();
      }
      if (c == '\\' && quote != '`') {
        pos++;
        readEscape(start, quote, sb);
        continue;
      }
      sb.append(c);
      pos++;
    }
  }

  /** Go's escapes: single-character ones, octal \ooo, \xhh, \\uhhhh and \\Uhhhhhhhh. */
  private void readEscape(int stringStart, char quote, StringBuilder sb)
      throws PromqlParseException {
    if (pos >= q.length()) {
      throw error(stringStart, "escape sequence not terminated");
    }
    char c = q.charAt(pos++);
    switch (c) {
      case 'a' -> sb.append('\u0007');
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'v' -> sb.append('\u000b');
      case '\\' -> sb.append('\\');
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        pos--;
        sb.appendCodePoint(readDigits(stringStart, 3, 8));
      }
      case 'x' -> sb.appendCodePoint(readDigits(stringStart, 2, 16));
      case 'u' -> sb.appendCodePoint(codePoint(stringStart, readDigits(stringStart, 4, 16)));
      case 'U' -> sb.appendCodePoint(codePoint(stringStart, readDigits(stringStart, 8, 16)));
      default -> {
        if (c == quote) {
          sb.append(c);
        } else {
          throw error(stringStart, "unknown escape sequence " + unicodeName(c));
        }
      }
    }
  }

  private int readDigits(int stringStart, int n, int base) throws PromqlParseException {
    int value = 0;
    for (int i = 0; i < n; i++) {
      if (pos >= q.length()) {
        throw error(stringStart, "escape sequence not terminated");
      }
      char c = q.charAt(pos++);
      int d = Character.digit(c, base);
      if (d < 0) {
        throw error(stringStart, "illegal character " + unicodeName(c) + " in escape sequence");
      }
      value = value * base + d;
    }
    return value;
  }

  private int codePoint(int stringStart, int cp) throws PromqlParseException {
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw error(stringStart, "escape sequence is an invalid Unicode code point");
    }
    return cp;
  }

  /** Go's %#U: {@code U+0063 'c'}. */
  private static String unicodeName(char c) {
    return String.format("U+%04X '%c'", (int) c, c);
  }

  private static String charQuote(char c) {
    return c == '\'' ? "'\\''" : "'" + c + "'";
  }

  private void skipSpace() {
    while (pos < q.length() && Character.isWhitespace(q.charAt(pos))) {
      pos++;
    }
  }

  private void skipSpaceAndComments() {
    while (pos < q.length()) {
      char c = q.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < q.length() && q.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private boolean atEnd() {
    return pos >= q.length();
  }

  private PromqlParseException error(int at, String reason) {
    return new PromqlParseException(q, at, reason);
  }

  private static boolean isIdentStart(char c) {
    return isLabelStart(c) || c == ':';
  }

  private static boolean isIdentChar(char c) {
    return isLabelChar(c) || c == ':';
  }

  private static boolean isLabelStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isLabelChar(char c) {
    return isLabelStart(c) || (c >= '0' && c <= '9');
  }
}
