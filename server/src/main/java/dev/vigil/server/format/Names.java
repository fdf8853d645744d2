package dev.vigil.server.format;

/**
 * Prometheus's classic name rules: metric names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}.
 *
 * <p>We validate the legacy character set only; Prometheus 3 also accepts any UTF-8 name when
 * quoted. That is a later issue: the text format 0.0.4 we scrape cannot carry such names anyway.
 */
public final class Names {

  private Names() {}

  /** Whether {@code s} is a valid metric name. */
  public static boolean isValidMetricName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = isLetterOrUnderscore(c) || c == ':' || (i > 0 && isDigit(c));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s} is a valid label name. */
  public static boolean isValidLabelName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(isLetterOrUnderscore(c) || (i > 0 && isDigit(c)))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code c} may start a label name. */
  public static boolean isLetterOrUnderscore(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  /** Whether {@code c} is an ASCII digit. */
  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
