package dev.vigil.server.promql.lexer;

import java.math.BigInteger;

/**
 * Turns a number token into a double the way Prometheus does: Go's {@code strconv.ParseInt(s, 0,
 * 64)} first (so {@code 0x1f} is hex and {@code 0755} is octal), then {@code strconv.ParseFloat}.
 *
 * <p>Java's own parsers accept other shapes (trailing {@code d}, {@code Infinity}, hex floats
 * without a prefix check), so the shape is validated here with Go's rules before Java converts the
 * digits.
 */
public final class GoNumbers {

  private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);

  private GoNumbers() {}

  /**
   * Parses a number token.
   *
   * @throws NumberFormatException with Go's wording, e.g. {@code strconv.ParseFloat: parsing "0x":
   *     invalid syntax}
   */
  public static double parse(String token) {
    Long asInt = parseIntBase0(token);
    if (asInt != null) {
      return asInt;
    }
    return parseFloat(token);
  }

  /** Go's {@code ParseInt(s, 0, 64)}, or null on any error (Prometheus then tries a float). */
  static Long parseIntBase0(String s0) {
    String s = s0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return null;
    }
    int base = 10;
    if (s.charAt(0) == '0') {
      char p = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
      if (p == 'b' || p == 'o' || p == 'x') {
        base = p == 'b' ? 2 : p == 'o' ? 8 : 16;
        s = s.substring(2);
      } else {
        base = 8;
        s = s.substring(1);
      }
    }
    BigInteger value = BigInteger.ZERO;
    BigInteger bigBase = BigInteger.valueOf(base);
    boolean underscores = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_') {
        underscores = true;
        continue;
      }
      int d = Character.digit(c, 36);
      if (d < 0 || d >= base || c > 'z') {
        return null;
      }
      value = value.multiply(bigBase).add(BigInteger.valueOf(d));
    }
    if (underscores && !underscoresOk(s0)) {
      return null;
    }
    BigInteger limit = negative ? MAX_INT64.add(BigInteger.ONE) : MAX_INT64;
    if (value.compareTo(limit) > 0) {
      return null;
    }
    return negative ? value.negate().longValue() : value.longValue();
  }

  /** Go's {@code ParseFloat(s, 64)} for the decimal shapes and special words PromQL can produce. */
  static double parseFloat(String s) {
    String body = s;
    String sign = "";
    if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
      sign = body.substring(0, 1);
      body = body.substring(1);
    }
    String lower = body.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return sign.equals("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan") && sign.isEmpty()) {
      return Double.NaN;
    }
    // Hex floats need a 'p' exponent in Go; the PromQL lexer never produces one, so a hex token
    // that ParseInt rejected (too big, stray underscores) is a syntax error here.
    if (!isDecimalFloat(body) || (body.indexOf('_') >= 0 && !underscoresOk(s))) {
      throw new NumberFormatException(
          "strconv.ParseFloat: parsing " + GoText.quote(s) + ": invalid syntax");
    }
    double v = Double.parseDouble(sign + body.replace("_", ""));
    if (Double.isInfinite(v)) {
      throw new NumberFormatException(
          "strconv.ParseFloat: parsing " + GoText.quote(s) + ": value out of range");
    }
    return v;
  }

  /**
   * digits [. digits] [e [+-] digits], with at least one mantissa digit; underscores are digits
   * here.
   */
  private static boolean isDecimalFloat(String s) {
    int i = 0;
    int n = s.length();
    boolean digits = false;
    while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      digits |= isDigit(s.charAt(i));
      i++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        digits |= isDigit(s.charAt(i));
        i++;
      }
    }
    if (!digits) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      boolean expDigits = false;
      while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        expDigits |= isDigit(s.charAt(i));
        i++;
      }
      if (!expDigits) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * Go's rule for digit separators: an underscore must sit between digits, or between a base prefix
   * and a digit.
   */
  static boolean underscoresOk(String s0) {
    String s = s0;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      s = s.substring(1);
    }
    char saw = '^';
    int i = 0;
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char p = Character.toLowerCase(s.charAt(1));
      if (p == 'b' || p == 'o' || p == 'x') {
        i = 2;
        saw = '0';
        hex = p == 'x';
      }
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char lc = Character.toLowerCase(c);
      if (isDigit(c) || (hex && lc >= 'a' && lc <= 'f')) {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
