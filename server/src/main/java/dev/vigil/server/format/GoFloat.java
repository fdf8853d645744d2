package dev.vigil.server.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Go's float syntax in both directions: {@code strconv.FormatFloat(v, fmt, -1, 64)} for the {@code
 * 'f'}, {@code 'e'} and {@code 'g'} formats, and the subset of {@code strconv.ParseFloat} that
 * Prometheus's text format accepts.
 *
 * <p>Prometheus writes values with Go's shortest round-trip digits. Java 17's {@link
 * Double#toString} does not always produce the shortest digits (JDK-4511638, fixed in JDK 19), so
 * we search for the shortest precision that round-trips instead of trusting it.
 */
public final class GoFloat {

  /** Decimal floats as Go parses them; no hex floats, no underscores (Prometheus rejects both). */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private GoFloat() {}

  /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: plain notation, shortest digits. */
  public static String formatF(double v) {
    return format(v, 'f');
  }

  /** {@code strconv.FormatFloat(v, 'e', -1, 64)}: exponent notation, shortest digits. */
  public static String formatE(double v) {
    return format(v, 'e');
  }

  /** {@code strconv.FormatFloat(v, 'g', -1, 64)}: what client_golang writes in the text format. */
  public static String formatG(double v) {
    return format(v, 'g');
  }

  /**
   * Formats like Go's {@code strconv.FormatFloat(v, fmt, -1, 64)}.
   *
   * @param fmt one of {@code 'f'}, {@code 'e'}, {@code 'g'}
   */
  public static String format(double v, char fmt) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean neg = (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
    Digits d = shortest(Math.abs(v));
    StringBuilder sb = new StringBuilder(24);
    if (neg) {
      sb.append('-');
    }
    switch (fmt) {
      case 'f' -> appendF(sb, d, Math.max(d.digits.length() - d.pointPos, 0));
      case 'e' -> appendE(sb, d, d.digits.length() - 1);
      case 'g' -> {
        // Go decides with precision 6 when asked for the shortest representation.
        int exp = d.pointPos - 1;
        if (exp < -4 || exp >= 6) {
          appendE(sb, d, d.digits.length() - 1);
        } else {
          appendF(sb, d, Math.max(d.digits.length() - d.pointPos, 0));
        }
      }
      default -> throw new IllegalArgumentException("unsupported format '" + fmt + "'");
    }
    return sb.toString();
  }

  /**
   * Parses a float the way Prometheus's text parser does: Go's {@code strconv.ParseFloat} minus hex
   * floats and underscores. Accepts {@code NaN}, {@code Inf}, {@code +Inf}, {@code -Inf} and {@code
   * infinity}, case-insensitively.
   *
   * @throws NumberFormatException with a short reason when the text is not such a float or
   *     overflows
   */
  public static double parse(CharSequence text) {
    String s = text.toString();
    double special = parseSpecial(s);
    if (!Double.isNaN(special) || s.equalsIgnoreCase("nan")) {
      return special;
    }
    if (!DECIMAL.matcher(s).matches()) {
      throw new NumberFormatException("invalid float \"" + s + "\"");
    }
    double v = Double.parseDouble(s);
    if (Double.isInfinite(v)) {
      // Go reports ErrRange here; Java silently answers infinity.
      throw new NumberFormatException("float \"" + s + "\" is out of range");
    }
    return v;
  }

  /** NaN for "not special" (and for "nan" itself, which the caller checks). */
  private static double parseSpecial(String s) {
    String body = s;
    double sign = 1;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      sign = s.charAt(0) == '-' ? -1 : 1;
      body = s.substring(1);
    }
    if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    // Go accepts "NaN" but not "+NaN" or "-NaN".
    return Double.NaN;
  }

  /** Shortest round-trip decimal digits of a finite, non-negative double. */
  static Digits shortest(double abs) {
    if (abs == 0) {
      return new Digits("", 0);
    }
    BigDecimal exact = new BigDecimal(abs);
    // Java's digits always round-trip but are sometimes longer than needed. Round-tripping is
    // monotone in the precision, so step down from there until it stops working.
    int n = significantDigits(Double.toString(abs));
    BigDecimal best = roundTrip(exact, abs, n);
    if (best == null) {
      best = roundTrip(exact, abs, 17); // Cannot happen; 17 digits always round-trip.
    }
    for (int p = n - 1; p >= 1; p--) {
      BigDecimal candidate = roundTrip(exact, abs, p);
      if (candidate == null) {
        break;
      }
      best = candidate;
    }
    BigDecimal stripped = best.stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    return new Digits(digits, digits.length() - stripped.scale());
  }

  /** The number of significant digits in Java's rendering of a positive double. */
  private static int significantDigits(String javaString) {
    int e = javaString.indexOf('E');
    String mantissa = (e < 0 ? javaString : javaString.substring(0, e)).replace(".", "");
    int start = 0;
    while (start < mantissa.length() - 1 && mantissa.charAt(start) == '0') {
      start++;
    }
    int end = mantissa.length();
    while (end > start + 1 && mantissa.charAt(end - 1) == '0') {
      end--;
    }
    return Math.min(end - start, 17);
  }

  /**
   * The closest decimal with {@code precision} significant digits that parses back to {@code abs},
   * or null. Near powers of two the rounding interval is lopsided, so when the nearest candidate
   * misses we also try the one on the other side, as Go's shortest algorithm would find it.
   */
  private static BigDecimal roundTrip(BigDecimal exact, double abs, int precision) {
    BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
    if (Double.parseDouble(nearest.toString()) == abs) {
      return nearest;
    }
    RoundingMode other = nearest.compareTo(exact) > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
    BigDecimal alternative = exact.round(new MathContext(precision, other));
    return Double.parseDouble(alternative.toString()) == abs ? alternative : null;
  }

  private static void appendF(StringBuilder sb, Digits d, int fractionDigits) {
    String ds = d.digits;
    int nd = ds.length();
    if (d.pointPos > 0) {
      int m = Math.min(nd, d.pointPos);
      sb.append(ds, 0, m);
      for (int i = m; i < d.pointPos; i++) {
        sb.append('0');
      }
    } else {
      sb.append('0');
    }
    if (fractionDigits > 0) {
      sb.append('.');
      for (int i = 1; i <= fractionDigits; i++) {
        int j = d.pointPos + i - 1;
        sb.append(j >= 0 && j < nd ? ds.charAt(j) : '0');
      }
    }
  }

  private static void appendE(StringBuilder sb, Digits d, int fractionDigits) {
    String ds = d.digits;
    int nd = ds.length();
    sb.append(nd == 0 ? '0' : ds.charAt(0));
    if (fractionDigits > 0) {
      sb.append('.');
      for (int i = 1; i <= fractionDigits; i++) {
        sb.append(i < nd ? ds.charAt(i) : '0');
      }
    }
    int exp = nd == 0 ? 0 : d.pointPos - 1;
    sb.append('e').append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    // Go writes at least two exponent digits.
    if (exp < 10) {
      sb.append('0');
    }
    sb.append(exp);
  }

  /** Digits d1d2...dn meaning 0.d1d2...dn × 10^pointPos; empty for zero. */
  record Digits(String digits, int pointPos) {}
}
