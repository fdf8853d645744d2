package dev.vigil.server.format;

import java.util.Locale;

/** Parses byte sizes as Prometheus's {@code --storage.tsdb.retention.size} does ({@code 512MB}). */
public final class ByteSize {

  /** Unit suffixes, longest first so "B" does not match the end of "MB"; powers of 1024. */
  private static final String[] UNITS = {"EB", "PB", "TB", "GB", "MB", "KB", "B"};

  private static final int[] SHIFTS = {60, 50, 40, 30, 20, 10, 0};

  private ByteSize() {}

  /**
   * The number of bytes {@code s} names: a non-negative integer followed by one of B, KB, MB, GB,
   * TB, PB, EB (case-insensitive, base 1024, as Prometheus's units package).
   *
   * @throws IllegalArgumentException naming the input and what is wrong with it
   */
  public static long parse(String s) {
    String upper = s.trim().toUpperCase(Locale.ROOT);
    for (int i = 0; i < UNITS.length; i++) {
      if (upper.endsWith(UNITS[i])) {
        String digits = upper.substring(0, upper.length() - UNITS[i].length());
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new IllegalArgumentException(
              "invalid size \"" + s + "\": expected an integer followed by a unit, e.g. 512MB");
        }
        long n;
        try {
          n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid size \"" + s + "\": number too large");
        }
        if (n > (Long.MAX_VALUE >> SHIFTS[i])) {
          throw new IllegalArgumentException("invalid size \"" + s + "\": more than 8 EiB");
        }
        return n << SHIFTS[i];
      }
    }
    throw new IllegalArgumentException(
        "invalid size \"" + s + "\": missing unit, expected one of B, KB, MB, GB, TB, PB, EB");
  }
}
