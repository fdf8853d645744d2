package dev.vigil.metrics.process;

/**
 * Parses the fields of a Linux {@code /proc/<pid>/stat} line that the standard process metrics
 * need: CPU ticks and the virtual memory size.
 */
final class ProcStatLine {

  /**
   * Clock ticks per second of utime/stime. The kernel exports them in USER_HZ, which is 100 on
   * every Linux architecture Java runs on; client_golang's procfs assumes the same.
   */
  static final double USER_HZ = 100;

  // Zero-based positions after the ")" that ends the command name (field 3, state, is index 0).
  private static final int UTIME = 11;
  private static final int STIME = 12;
  private static final int VSIZE = 20;

  /**
   * @param cpuSeconds user plus system CPU time, NaN when unreadable
   * @param virtualBytes virtual memory size, NaN when unreadable
   */
  record Values(double cpuSeconds, double virtualBytes) {}

  private ProcStatLine() {}

  /** A field that is missing or not a number comes back as NaN; the others are still read. */
  static Values parse(String line) {
    // The command name is in parentheses and may itself contain spaces and ")".
    int end = line.lastIndexOf(')');
    String[] fields = end < 0 ? new String[0] : line.substring(end + 1).trim().split("\\s+");
    double utime = field(fields, UTIME);
    double stime = field(fields, STIME);
    return new Values((utime + stime) / USER_HZ, field(fields, VSIZE));
  }

  private static double field(String[] fields, int index) {
    if (index >= fields.length) {
      return Double.NaN;
    }
    try {
      return Long.parseUnsignedLong(fields[index]);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
