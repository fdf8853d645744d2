package dev.vigil.server.scrape;

import java.nio.charset.StandardCharsets;

/**
 * Parses sample values spelled as decimals (integers and fractions, optionally signed, optional
 * exponent) straight from the response bytes, exactly: the result is bit for bit what {@link
 * Double#parseDouble} gives for the same text.
 *
 * <p>The exactness argument is Clinger's fast path: when the decimal digits form an integer m
 * below 2^53 and the power of ten p has |p| &lt;= 22, both m and 10^|p| are exact doubles, and one
 * IEEE multiplication or division rounds the exact quotient once, correctly. Mantissas from 2^53
 * up to 18 digits (most 17-digit gauges) with such a p are rounded from exact integer arithmetic
 * instead (see {@link #divide}). Anything else (19 or more significant digits, a larger exponent)
 * goes to {@link Double#parseDouble} on the same ASCII text, which the syntax check has made safe
 * to hand it (it would also accept hex floats, type suffixes and whitespace, which Go's syntax
 * does not).
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

  private static final long[] POWERS_OF_FIVE = new long[23];

  static {
    POWERS_OF_FIVE[0] = 1;
    for (int i = 1; i < POWERS_OF_FIVE.length; i++) {
      POWERS_OF_FIVE[i] = POWERS_OF_FIVE[i - 1] * 5;
    }
  }

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
    double value;
    if (!exact || power < -22 || power > 22) {
      if (exact && mantissa == 0) {
        return Double.doubleToRawLongBits(negative ? -0.0 : 0.0); // any exponent: still zero
      }
      return general(b, start, to, negative);
    } else if (mantissa < MAX_EXACT) {
      value = power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
    } else if (power < 0) {
      value = divide(mantissa, -power);
    } else {
      value = multiply(mantissa, power);
    }
    return Double.doubleToRawLongBits(negative ? -value : value);
  }

  /**
   * Correctly rounded {@code w / 10^k} for {@code w < 10^18} and {@code 1 <= k <= 22}: the
   * typical 17-digit gauge, whose mantissa is too long for one exact double. Since 10^k = 5^k 2^k,
   * it divides by 5^k (below 2^52) in exact integer long division, producing quotient bits ten at
   * a time until there are at least 55, keeps the remainder as the sticky bit, and leaves 2^-k to
   * the exponent.
   */
  private static double divide(long w, int k) {
    long d = POWERS_OF_FIVE[k];
    long q = w / d;
    long r = w % d;
    int e = -k;
    while (q < (1L << 54)) {
      // Adding at most 55 - bitLength(q) bits keeps q below 2^55; r < 2^52, so r << 10 fits.
      int c = Math.min(10, 55 - (64 - Long.numberOfLeadingZeros(q)));
      r <<= c;
      q = (q << c) | (r / d);
      r %= d;
      e -= c;
    }
    return round(q, r != 0, e);
  }

  /**
   * Correctly rounded {@code w * 10^p} for {@code 2^53 <= w < 10^18} and {@code 0 <= p <= 22}: the
   * exact product w * 5^p has at most 112 bits; its top 62 go to rounding, the rest into the sticky
   * bit, and 2^p into the exponent.
   */
  private static double multiply(long w, int p) {
    long d = POWERS_OF_FIVE[p];
    long hi = Math.multiplyHigh(w, d);
    long lo = w * d;
    if (hi == 0 && lo >= 0) {
      return round(lo, false, p);
    }
    int bitLength = 128 - Long.numberOfLeadingZeros(hi);
    if (hi == 0) {
      bitLength = 64; // lo has its top bit set
    }
    int shift = bitLength - 62; // between 2 and 50
    long q = (hi << (64 - shift)) | (lo >>> shift);
    boolean sticky = (lo & ((1L << shift) - 1)) != 0;
    return round(q, sticky, p + shift);
  }

  /**
   * {@code (q + sticky) * 2^e} rounded to 53 bits, half to even, for {@code 2^53 <= q < 2^63}:
   * {@code sticky} says whether anything nonzero lies below q's last bit. The result must be a
   * normal double, which the callers' ranges guarantee.
   */
  private static double round(long q, boolean sticky, int e) {
    int extra = (64 - Long.numberOfLeadingZeros(q)) - 53; // at least 1
    long below = q & ((1L << (extra - 1)) - 1);
    boolean half = ((q >>> (extra - 1)) & 1) != 0;
    long m = q >>> extra;
    e += extra;
    if (half && (sticky || below != 0 || (m & 1) != 0)) {
      m++;
      if (m == 1L << 53) {
        m >>>= 1;
        e++;
      }
    }
    return Math.scalb((double) m, e); // m < 2^53 is exact, and so is scaling a normal result
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
