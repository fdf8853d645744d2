package dev.vigil.metrics.process;

import java.util.HashMap;
import java.util.Map;

/** Parses the soft limits of a Linux {@code /proc/<pid>/limits} table. */
final class ProcLimits {

  /**
   * What "unlimited" reads as: RLIM_INFINITY, the largest unsigned 64-bit value, which is also what
   * client_golang exports (so {@code process_virtual_memory_max_bytes} is 1.8446744073709552E19).
   */
  static final double UNLIMITED = 0x1p64;

  private ProcLimits() {}

  /**
   * Soft limit by limit name ("Max open files"). The header line, lines with fewer than two
   * columns and values that are neither numbers nor "unlimited" are skipped.
   */
  static Map<String, Double> parseSoft(String text) {
    Map<String, Double> limits = new HashMap<>();
    for (String line : text.split("\n")) {
      // Columns are padded with at least two spaces; names contain single spaces.
      String[] columns = line.strip().split("\\s{2,}");
      if (columns.length < 2 || columns[0].equals("Limit")) {
        continue;
      }
      String soft = columns[1];
      if (soft.equals("unlimited")) {
        limits.put(columns[0], UNLIMITED);
        continue;
      }
      try {
        limits.put(columns[0], (double) Long.parseUnsignedLong(soft));
      } catch (NumberFormatException e) {
        // Not a limit value: skip the line, keep the others.
      }
    }
    return limits;
  }
}
