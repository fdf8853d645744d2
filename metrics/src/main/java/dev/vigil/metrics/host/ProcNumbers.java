package dev.vigil.metrics.host;

import java.util.regex.Pattern;

/** Number syntaxes found in procfs and sysfs files, parsed strictly (no NaN, no Infinity). */
final class ProcNumbers {

  /** Compiled once: {@code String.matches} compiles its regex on every call, every scrape. */
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]*)?");

  private ProcNumbers() {}

  /**
   * A decimal integer; values above {@link Long#MAX_VALUE} are read as unsigned 64-bit, since the
   * kernel prints many counters as {@code u64}.
   */
  static double integer(String text) {
    return integer(text, 0, text.length());
  }

  /** {@link #integer(String)} of {@code text[start, end)}, without a substring. */
  static double integer(String text, int start, int end) {
    if (start < end && text.charAt(start) == '-') {
      return Long.parseLong(text, start, end, 10);
    }
    long value = Long.parseUnsignedLong(text, start, end, 10);
    return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
  }

  /** A decimal number such as {@code 0.49} or {@code 12}; rejects words like {@code NaN}. */
  static double decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new NumberFormatException("not a decimal number: \"" + text + "\"");
    }
    return Double.parseDouble(text);
  }

  /**
   * An integer as the kernel prints sysfs attributes: decimal, {@code 0x} hexadecimal (e.g. {@code
   * flags}) or leading-zero octal, like Go's {@code strconv.ParseInt(s, 0, 64)} that node_exporter
   * uses.
   */
  static long sysfsInteger(String text) {
    String s = text.trim();
    boolean negative = s.startsWith("-");
    String digits = negative || s.startsWith("+") ? s.substring(1) : s;
    long value;
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      value = Long.parseLong(digits.substring(2), 16);
    } else if (digits.length() > 1 && digits.startsWith("0")) {
      value = Long.parseLong(digits.substring(1), 8);
    } else {
      value = Long.parseLong(digits);
    }
    return negative ? -value : value;
  }
}
