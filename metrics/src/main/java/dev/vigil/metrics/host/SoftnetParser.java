package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/net/softnet_stat}: one line of hexadecimal columns per CPU. Columns 0, 1, 2
 * and 8 exist on every kernel; received_rps, flow_limit_count, backlog_len and the CPU index were
 * appended later, so a shorter line just lacks them (the CPU is then the line number).
 */
final class SoftnetParser {

  /** Counters of one CPU keyed by node_exporter's metric stem, e.g. {@code processed}. */
  record CpuSoftnet(String cpu, Map<String, Double> values) {}

  static final Parser<List<CpuSoftnet>> PARSER = SoftnetParser::parse;

  /** Column index and name; index 12 is the CPU number. */
  private static final List<Map.Entry<Integer, String>> COLUMNS =
      List.of(
          Map.entry(0, "processed"),
          Map.entry(1, "dropped"),
          Map.entry(2, "times_squeezed"),
          Map.entry(8, "cpu_collision"),
          Map.entry(9, "received_rps"),
          Map.entry(10, "flow_limit_count"),
          Map.entry(11, "backlog_len"));

  private static final int MIN_COLUMNS = 9;
  private static final int CPU_COLUMN = 12;

  private SoftnetParser() {}

  static List<CpuSoftnet> parse(String text, ParseIssues issues) {
    List<CpuSoftnet> cpus = new ArrayList<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = Whitespace.split(line);
      if (f.length < MIN_COLUMNS) {
        issues.add(i + 1, f.length + " columns, expected at least " + MIN_COLUMNS);
        continue;
      }
      try {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> column : COLUMNS) {
          if (column.getKey() < f.length) {
            values.put(column.getValue(), (double) Long.parseLong(f[column.getKey()], 16));
          }
        }
        String cpu =
            f.length > CPU_COLUMN
                ? String.valueOf(Long.parseLong(f[CPU_COLUMN], 16))
                : String.valueOf(i);
        cpus.add(new CpuSoftnet(cpu, values));
      } catch (NumberFormatException e) {
        issues.add(i + 1, "not hexadecimal: " + e.getMessage());
      }
    }
    return List.copyOf(cpus);
  }
}
