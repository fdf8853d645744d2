package dev.vigil.server.format;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration syntax ({@code 1h30m}, {@code 15s}, {@code 500ms}, {@code 1d}, {@code 1w},
 * {@code 1y}): units from largest to smallest, each at most once, integers only.
 *
 * <p>A day is always 24h, a week 7d and a year 365d, as in Prometheus; no calendar arithmetic.
 */
public final class PromDuration {

  /** Units in the only order Prometheus accepts them, with their length in milliseconds. */
  private enum Unit {
    YEAR("y", 365L * 24 * 3600 * 1000),
    WEEK("w", 7L * 24 * 3600 * 1000),
    DAY("d", 24L * 3600 * 1000),
    HOUR("h", 3600L * 1000),
    MINUTE("m", 60L * 1000),
    SECOND("s", 1000L),
    MILLISECOND("ms", 1L);

    private final String suffix;
    private final long millis;

    Unit(String suffix, long millis) {
      this.suffix = suffix;
      this.millis = millis;
    }
  }

  private static final Pattern SYNTAX = buildSyntax();

  private PromDuration() {}

  private static Pattern buildSyntax() {
    StringBuilder re = new StringBuilder();
    for (Unit u : Unit.values()) {
      re.append("(?:([0-9]+)").append(u.suffix).append(")?");
    }
    return Pattern.compile(re.toString());
  }

  /**
   * Parses a Prometheus duration.
   *
   * @throws IllegalArgumentException with Prometheus's wording, e.g. {@code not a valid duration
   *     string: "1x"}
   */
  public static Duration parse(String s) {
    if (s.equals("0")) {
      return Duration.ZERO; // The one value allowed without a unit.
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    Matcher m = SYNTAX.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: " + GoQuote.quote(s));
    }
    long total = 0;
    Unit[] units = Unit.values();
    for (int i = 0; i < units.length; i++) {
      String n = m.group(i + 1);
      if (n == null) {
        continue;
      }
      try {
        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(n), units[i].millis));
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException("duration out of range: " + GoQuote.quote(s), e);
      }
    }
    // Prometheus durations are Go durations: nanoseconds in an int64.
    if (total > Long.MAX_VALUE / 1_000_000) {
      throw new IllegalArgumentException("duration out of range: " + GoQuote.quote(s));
    }
    return Duration.ofMillis(total);
  }

  /** Formats as Prometheus prints durations: {@code 1h30m}, {@code 0s}; sub-millisecond dropped. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (ms < 0) {
      sb.append('-');
      ms = -ms;
    }
    for (Unit u : Unit.values()) {
      long n = ms / u.millis;
      if (n > 0) {
        sb.append(n).append(u.suffix);
        ms -= n * u.millis;
      }
    }
    return sb.toString();
  }
}
