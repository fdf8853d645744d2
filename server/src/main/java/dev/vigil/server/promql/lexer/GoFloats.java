package dev.vigil.server.promql.lexer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Go's {@code strconv.FormatFloat} and {@code fmt} verbs do, because
 * Prometheus prints numbers that way in canonical queries and error messages.
 *
 * <p>Java 17's {@code Double.toString} is not always the shortest round-trip form (fixed only in
 * Java 19), and {@code String.format("%f")} pads with zeros instead of printing the exact binary
 * value, so both are avoided here.
 */
public final class GoFloats {

  private GoFloats() {}

  /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest round-trip digits, never an exponent. */
  public static String formatF(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return isNegativeZero(v) ? "-0" : "0";
    }
    return shortest(v).toPlainString();
  }

  /**
   * {@code %v}, i.e. {@code FormatFloat(v, 'g', -1, 64)}: exponent form below 1e-4 and from 1e6.
   */
  public static String formatG(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return isNegativeZero(v) ? "-0" : "0";
    }
    BigDecimal d = shortest(v);
    String digits = d.unscaledValue().abs().toString();
    int exp = digits.length() - 1 - d.scale();
    String sign = v < 0 ? "-" : "";
    // Go uses precision 6 for the switch to %e when printing the shortest form.
    if (exp < -4 || exp >= 6) {
      StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        sb.append('0');
      }
      return sb.append(abs).toString();
    }
    return d.toPlainString();
  }

  /** {@code %.Nf}: the exact binary value rounded half-even to {@code decimals} places. */
  public static String formatFixed(double v, int decimals) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    return isNegativeZero(v) || (v < 0 && !s.startsWith("-")) ? "-" + s : s;
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    return null;
  }

  private static boolean isNegativeZero(double v) {
    return v == 0 && Double.doubleToRawLongBits(v) != 0;
  }

  /** The decimal with the fewest significant digits that reads back as exactly {@code v}. */
  private static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == v) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }
}
