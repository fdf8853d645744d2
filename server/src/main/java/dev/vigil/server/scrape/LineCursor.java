package dev.vigil.server.scrape;

import dev.vigil.server.format.GoQuote;
import dev.vigil.server.format.Names;

/**
 * A position within one line of an exposition, with the lexing steps {@link TextFormatParser}
 * needs; errors carry the line and the 1-based column (in UTF-16 units, as the line is a String).
 */
final class LineCursor {
  final String s;
  private final int line;
  int pos;

  LineCursor(String s, int line) {
    this.s = s;
    this.line = line;
  }

  boolean atEnd() {
    return pos >= s.length();
  }

  char peek() {
    return s.charAt(pos);
  }

  /** Skips spaces and tabs; whether there were any. */
  boolean skipBlanks() {
    int start = pos;
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
    return pos > start;
  }

  String rest() {
    String r = s.substring(pos);
    pos = s.length();
    return r;
  }

  /** Up to the next blank or the end of the line. */
  String readWord() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
      pos++;
    }
    return s.substring(start, pos);
  }

  String readMetricName() {
    int start = pos;
    while (pos < s.length()) {
      char ch = s.charAt(pos);
      boolean ok =
          Names.isLetterOrUnderscore(ch) || ch == ':' || (pos > start && Names.isDigit(ch));
      if (!ok) {
        break;
      }
      pos++;
    }
    return pos > start ? s.substring(start, pos) : null;
  }

  /**
   * Where the series text starting here ends (after the metric name, or after the closing brace
   * of its label block), without moving; the current position when the text is malformed, so
   * the caller parses it for the precise error. Only quotes and escapes are tracked: whatever
   * the full parse would refuse inside the braces it still refuses on a cache miss.
   */
  int seriesEnd() {
    int i = pos;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (!(Names.isLetterOrUnderscore(ch) || ch == ':' || (i > pos && Names.isDigit(ch)))) {
        break;
      }
      i++;
    }
    if (i == pos) {
      return pos;
    }
    int nameEnd = i;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    if (i == s.length() || s.charAt(i) != '{') {
      return nameEnd;
    }
    boolean quoted = false;
    for (i++; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '}') {
        return i + 1;
      }
    }
    return pos;
  }

  String readLabelName() {
    int start = pos;
    while (pos < s.length()) {
      char ch = s.charAt(pos);
      if (!(Names.isLetterOrUnderscore(ch) || (pos > start && Names.isDigit(ch)))) {
        break;
      }
      pos++;
    }
    return pos > start ? s.substring(start, pos) : null;
  }

  /** A double-quoted label value starting at the current '"'. */
  String readQuoted() throws ParseException {
    int open = pos;
    pos++;
    // Most values have no escapes: one substring instead of a StringBuilder fed char by char,
    // which a first scrape (every label value of every series) made hot enough for C2.
    int plain = pos;
    while (plain < s.length() && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
      plain++;
    }
    if (plain < s.length() && s.charAt(plain) == '"') {
      String value = s.substring(pos, plain);
      pos = plain + 1;
      return value;
    }
    StringBuilder sb = new StringBuilder(plain - pos + 16);
    sb.append(s, pos, plain);
    pos = plain;
    while (pos < s.length()) {
      char ch = s.charAt(pos);
      if (ch == '"') {
        pos++;
        return sb.toString();
      }
      if (ch == '\\' && pos + 1 < s.length()) {
        char n = s.charAt(pos + 1);
        switch (n) {
          case '\\' -> sb.append('\\');
          case '"' -> sb.append('"');
          case 'n' -> sb.append('\n');
          default -> sb.append('\\').append(n);
        }
        pos += 2;
        continue;
      }
      sb.append(ch);
      pos++;
    }
    throw errorAt(open, "unterminated label value");
  }

  /** The next character for messages, or "end of line". */
  String describe() {
    if (atEnd()) {
      return "end of line";
    }
    return GoQuote.quote(s.substring(pos, s.offsetByCodePoints(pos, 1)));
  }

  ParseException error(String reason) {
    return errorAt(pos, reason);
  }

  ParseException errorAt(int at, String reason) {
    return new ParseException(line, at + 1, reason);
  }
}
