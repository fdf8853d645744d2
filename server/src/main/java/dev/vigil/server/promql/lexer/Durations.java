package dev.vigil.server.promql.lexer;

import java.math.BigInteger;

/**
 * Prometheus durations ({@code 1h30m}, {@code 5m}, {@code 250ms}) as in {@code model.ParseDuration}
 * and {@code model.Duration.String}: units y, w, d, h, m, s, ms, biggest first, each at most once;
 * a year is 365 days. Values are nanoseconds, like Go's {@code time.Duration}.
 */
public final class Durations {

  /** One row per unit, biggest first; a unit must come after the ones before it. */
  private enum Unit {
    Y("y", 365L * 24 * 3600 * 1_000_000_000L),
    W("w", 7L * 24 * 3600 * 1_000_000_000L),
    D("d", 24L * 3600 * 1_000_000_000L),
    H("h", 3600L * 1_000_000_000L),
    M("m", 60L * 1_000_000_000L),
    S("s", 1_000_000_000L),
    MS("ms", 1_000_000L);

    private final String symbol;
    private final long nanos;

    Unit(String symbol, long nanos) {
      this.symbol = symbol;
      this.nanos = nanos;
    }

    static Unit of(String symbol) {
      for (Unit u : values()) {
        if (u.symbol.equals(symbol)) {
          return u;
        }
      }
      return null;
    }
  }

  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private Durations() {}

  /**
   * Parses a duration into nanoseconds.
   *
   * @throws IllegalArgumentException with Prometheus's wording, e.g. {@code not a valid duration
   *     string: "5m1h"}
   */
  public static long parse(String s) {
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    BigInteger total = BigInteger.ZERO;
    int lastUnit = -1;
    int i = 0;
    while (i < s.length()) {
      int digitsStart = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == digitsStart) {
        throw invalid(s);
      }
      BigInteger value = new BigInteger(s.substring(digitsStart, i));
      if (value.bitLength() > 64) {
        // Go's ParseUint fails first, before any unit is looked at.
        throw invalid(s);
      }
      int unitStart = i;
      while (i < s.length() && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw invalid(s);
      }
      String symbol = s.substring(unitStart, i);
      Unit unit = Unit.of(symbol);
      if (unit == null) {
        throw new IllegalArgumentException(
            "unknown unit " + GoText.quote(symbol) + " in duration " + GoText.quote(s));
      }
      if (unit.ordinal() <= lastUnit) {
        throw invalid(s);
      }
      lastUnit = unit.ordinal();
      BigInteger nanos = value.multiply(BigInteger.valueOf(unit.nanos));
      if (nanos.compareTo(MAX_NANOS.add(BigInteger.ONE)) > 0) {
        throw new IllegalArgumentException("duration out of range");
      }
      total = total.add(nanos);
      if (total.compareTo(MAX_NANOS) > 0) {
        throw new IllegalArgumentException("duration out of range");
      }
    }
    return total.longValue();
  }

  /**
   * Formats nanoseconds the way Prometheus prints durations: whole milliseconds (truncated), years
   * and weeks only when they divide evenly, {@code 0s} for zero.
   */
  public static String format(long nanos) {
    long ms = nanos / 1_000_000L;
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (ms < 0) {
      sb.append('-');
      ms = -ms;
    }
    for (Unit u : Unit.values()) {
      long unitMs = u.nanos / 1_000_000L;
      boolean onlyIfExact = u == Unit.Y || u == Unit.W;
      if (onlyIfExact && ms % unitMs != 0) {
        continue;
      }
      long v = ms / unitMs;
      if (v > 0) {
        sb.append(v).append(u.symbol);
        ms -= v * unitMs;
      }
    }
    return sb.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("not a valid duration string: " + GoText.quote(s));
  }
}
