package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/diskstats}: one record per block device with its raw statistics. */
final class DiskstatsParser {

  /**
   * @param values the statistics after the device name, in kernel order (11 on old kernels, 15 with
   *     discards since 4.18, 17 with flushes since 5.5); NaN where a value was malformed
   */
  record DiskStats(int major, int minor, String device, List<Double> values) {}

  static final Parser<List<DiskStats>> PARSER = DiskstatsParser::parse;

  private DiskstatsParser() {}

  static List<DiskStats> parse(String text, ParseIssues issues) {
    List<DiskStats> disks = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = Whitespace.split(line);
      if (f.length < 4) {
        issues.add(i + 1, "expected \"major minor device stats...\" but got \"" + line + "\"");
        continue;
      }
      int major;
      int minor;
      try {
        major = Integer.parseInt(f[0]);
        minor = Integer.parseInt(f[1]);
      } catch (NumberFormatException e) {
        issues.add(i + 1, "device numbers \"" + f[0] + " " + f[1] + "\" are not integers");
        continue;
      }
      List<Double> values = new ArrayList<>();
      for (int c = 3; c < f.length; c++) {
        try {
          values.add(ProcNumbers.integer(f[c]));
        } catch (NumberFormatException e) {
          issues.add(
              i + 1, f[2] + " field " + (c + 1) + " value \"" + f[c] + "\" is not an integer");
          values.add(Double.NaN);
        }
      }
      disks.add(new DiskStats(major, minor, f[2], List.copyOf(values)));
    }
    return List.copyOf(disks);
  }
}
