package dev.vigil.server.scrape;

import java.nio.charset.StandardCharsets;

/**
 * Parses sample values spelled as decimals (integers and fractions, optionally signed, optional
 * exponent) straight from the response bytes, exactly: the result is bit for bit what {@link
 * Double#parseDouble} gives for the same text.
 *
 * <p>The exactness argument is Clinger's fast path: when the decimal digits form an integer m
 * below 2^53 and the power of ten p has |p| &lt;= 22, both m and 10^|p| are exact doubles, and one
 * IEEE multiplication or division rounds the exact quotient once, correctly. Decimals outside that
 * (a mantissa of 2^53 or more, e.g. most 17-digit gauges, or a larger exponent) go to {@link
 * Double#parseDouble} on the same ASCII text, which the syntax check has made safe to hand it (it
 * would also accept hex floats, type suffixes and whitespace, which Go's syntax does not).
 * Non-decimal spellings (NaN, Inf), malformed text and overflow answer {@link #FAIL}: the caller
 * then parses the text the general way, which also words the error for bad input. Exporters write
 * counters as integers and gauges with at most 17 significant digits, so nearly every sample is
 * parsed here without allocating.
 */
final class FastDecimal {

  /**
   * The answer "not handled here": a NaN bit pattern this parser never produces (it produces no
   * NaN at all), so it cannot be confused with a parsed value.
   */
  static final long FAIL = 0x7ff4_0000_dead_beefL;

  private static final long MAX_EXACT = 1L << 53;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private FastDecimal() {}

  /**
   * The raw bits of the double that {@code b[from, to)} spells, or {@link #FAIL}. Accepts {@code
   * [+-]?(digits[.digits*]|.digits)([eE][+-]?digits)?}, the decimal part of Go's float syntax.
   */
  static long parseBits(byte[] b, int from, int to) {
    int i = from;
    if (i == to) {
      return FAIL;
    }
    boolean negative = false;
    if (b[i] == '+' || b[i] == '-') {
      negative = b[i] == '-';
      i++;
    }
    int start = i;
    long mantissa = 0;
    int significant = 0; // digits accumulated into mantissa, leading zeros excluded
    boolean exact = true; // whether mantissa holds every significant digit
    int digits = 0; // all mantissa digits seen, to require at least one
    int fractionDigits = 0;
    boolean point = false;
    for (; i < to; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (point) {
          fractionDigits++;
        }
        if (mantissa == 0 && c == '0') {
          continue; // a leading zero adds nothing, whatever side of the point it is on
        }
        if (++significant > 18) {
          exact = false; // the long could overflow; Double.parseDouble rounds such inputs
        } else {
          mantissa = mantissa * 10 + (c - '0');
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return FAIL;
    }
    int exponent = 0;
    if (i < to && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (b[i] == '+' || b[i] == '-')) {
        negativeExponent = b[i] == '-';
        i++;
      }
      int expStart = i;
      for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
        if (i - expStart < 6) {
          exponent = exponent * 10 + (b[i] - '0'); // more digits: not fast, and no int overflow
        } else {
          exact = false;
        }
      }
      if (i == expStart) {
        return FAIL;
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (i != to) {
      return FAIL;
    }
    int power = exponent - fractionDigits;
    if (!exact || mantissa >= MAX_EXACT || power < -22 || power > 22) {
      if (exact && mantissa == 0) {
        return Double.doubleToRawLongBits(negative ? -0.0 : 0.0); // any exponent: still zero
      }
      return general(b, start, to, negative);
    }
    double value =
        power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
    return Double.doubleToRawLongBits(negative ? -value : value);
  }

  /** Double.parseDouble on the unsigned decimal {@code b[from, to)}; FAIL when it overflows. */
  private static long general(byte[] b, int from, int to, boolean negative) {
    double v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    if (Double.isInfinite(v)) {
      return FAIL; // Go reports a range error here; the general parser words it
    }
    return Double.doubleToRawLongBits(negative ? -v : v);
  }
}
