package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the {@code cpuN} lines of {@code /proc/schedstat}: the 7th, 8th and 9th numbers are the
 * nanoseconds spent running, the nanoseconds spent waiting to run, and the timeslices run.
 */
final class SchedstatParser {

  /** Compiled once: {@code String.matches} compiles its regex on every call, every scrape. */
  private static final Pattern CPU_LINE = Pattern.compile("cpu[0-9]+");

  /** Scheduler totals of one CPU. */
  record CpuSchedstat(String cpu, double runningNanos, double waitingNanos, double timeslices) {}

  static final Parser<List<CpuSchedstat>> PARSER = SchedstatParser::parse;

  private SchedstatParser() {}

  static List<CpuSchedstat> parse(String text, ParseIssues issues) {
    List<CpuSchedstat> cpus = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String[] f = Whitespace.split(lines[i].strip());
      if (!CPU_LINE.matcher(f[0]).matches()) {
        continue; // version, timestamp and domain lines
      }
      if (f.length < 10) {
        issues.add(i + 1, f[0] + " has " + (f.length - 1) + " fields, expected at least 9");
        continue;
      }
      try {
        cpus.add(
            new CpuSchedstat(
                f[0].substring(3),
                ProcNumbers.integer(f[7]),
                ProcNumbers.integer(f[8]),
                ProcNumbers.integer(f[9])));
      } catch (NumberFormatException e) {
        issues.add(i + 1, f[0] + ": " + e.getMessage());
      }
    }
    return List.copyOf(cpus);
  }
}
