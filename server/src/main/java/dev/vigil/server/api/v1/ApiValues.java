package dev.vigil.server.api.v1;

import dev.vigil.server.format.GoFloat;

/** How Prometheus's API writes sample values and timestamps in JSON. */
public final class ApiValues {

  private ApiValues() {}

  /**
   * A sample value as Prometheus's JSON encoder writes it (inside a JSON string): shortest
   * round-trip digits, plain notation except exponent notation below 1e-6 and from 1e21 on, and
   * {@code NaN}, {@code +Inf}, {@code -Inf}. Zero is never exponent-formatted, so {@code -0} stays
   * {@code "-0"}.
   */
  public static String sampleValue(double v) {
    double abs = Math.abs(v);
    boolean exponent = abs != 0 && (abs < 1e-6 || abs >= 1e21);
    return GoFloat.format(v, exponent ? 'e' : 'f');
  }

  /**
   * A millisecond timestamp as a JSON number of seconds: integer seconds, plus a dot and exactly
   * three digits when the milliseconds are not zero ({@code 1435781451.781}, {@code 1.050}).
   */
  public static String timestamp(long millis) {
    StringBuilder sb = new StringBuilder(20);
    long t = millis;
    if (t < 0) {
      sb.append('-');
      t = -t;
    }
    sb.append(t / 1000);
    long fraction = t % 1000;
    if (fraction != 0) {
      sb.append('.');
      if (fraction < 100) {
        sb.append('0');
      }
      if (fraction < 10) {
        sb.append('0');
      }
      sb.append(fraction);
    }
    return sb.toString();
  }
}
