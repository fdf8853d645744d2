package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Parses {@code /proc/stat}: per-CPU times in seconds and the kernel-wide counters. */
final class ProcStatParser {

  /** Times of one logical CPU, keyed by the kernel's column name, in seconds. */
  record CpuTimes(String cpu, Map<String, Double> seconds) {}

  /**
   * @param cpus one entry per {@code cpuN} line (the aggregate {@code cpu} line is not kept)
   * @param counters first value of the scalar lines: intr, ctxt, btime, processes, procs_running,
   *     procs_blocked
   */
  record ProcStat(List<CpuTimes> cpus, Map<String, Double> counters) {}

  static final Parser<ProcStat> PARSER = ProcStatParser::parse;

  /** Column order of the cpu lines (proc(5)); older kernels print fewer columns. */
  static final List<String> CPU_COLUMNS =
      List.of(
          "user",
          "nice",
          "system",
          "idle",
          "iowait",
          "irq",
          "softirq",
          "steal",
          "guest",
          "guest_nice");

  /**
   * The kernel reports CPU time in USER_HZ ticks, which is 100 on every architecture Java runs on
   * (it is fixed ABI, independent of CONFIG_HZ); node_exporter's procfs assumes the same.
   */
  static final double USER_HZ = 100.0;

  private static final Set<String> SCALARS =
      Set.of("intr", "ctxt", "btime", "processes", "procs_running", "procs_blocked");

  private ProcStatParser() {}

  static ProcStat parse(String text, ParseIssues issues) {
    List<CpuTimes> cpus = new ArrayList<>();
    Map<String, Double> counters = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String[] fields = Whitespace.split(lines[i].trim());
      String key = fields[0];
      if (key.isEmpty() || key.equals("cpu")) {
        continue;
      }
      if (key.startsWith("cpu")) {
        parseCpu(key, fields, lineNo, issues).ifPresent(cpus::add);
      } else if (SCALARS.contains(key)) {
        if (fields.length < 2) {
          issues.add(lineNo, "\"" + key + "\" has no value");
          continue;
        }
        try {
          counters.put(key, ProcNumbers.integer(fields[1]));
        } catch (NumberFormatException e) {
          issues.add(lineNo, "\"" + key + "\" value \"" + fields[1] + "\" is not an integer");
        }
      }
    }
    return new ProcStat(List.copyOf(cpus), Map.copyOf(counters));
  }

  private static Optional<CpuTimes> parseCpu(
      String key, String[] fields, int lineNo, ParseIssues issues) {
    String id = key.substring(3);
    if (!id.chars().allMatch(Character::isDigit)) {
      issues.add(lineNo, "\"" + key + "\" is not a cpu line");
      return Optional.empty();
    }
    Map<String, Double> seconds = new LinkedHashMap<>();
    int columns = Math.min(fields.length - 1, CPU_COLUMNS.size());
    for (int c = 0; c < columns; c++) {
      String column = CPU_COLUMNS.get(c);
      String raw = fields[c + 1];
      try {
        seconds.put(column, ProcNumbers.integer(raw) / USER_HZ);
      } catch (NumberFormatException e) {
        issues.add(lineNo, key + " column " + column + " value \"" + raw + "\" is not an integer");
      }
    }
    return Optional.of(new CpuTimes(id, seconds));
  }
}
