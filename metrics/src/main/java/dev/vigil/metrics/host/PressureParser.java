package dev.vigil.metrics.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses one {@code /proc/pressure/<resource>} file into the cumulative stall {@code total} of its
 * {@code some} and {@code full} lines, in microseconds; the avg10/60/300 averages are not kept
 * (node_exporter does not expose them either: rate() over the totals is exact).
 */
final class PressureParser {

  static final Parser<Map<String, Double>> PARSER = PressureParser::parse;

  private PressureParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> totals = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String[] parts = Whitespace.split(lines[i].strip());
      if (parts[0].isEmpty()) {
        continue;
      }
      String total = null;
      for (String part : parts) {
        if (part.startsWith("total=")) {
          total = part.substring("total=".length());
        }
      }
      if (total == null) {
        issues.add(i + 1, "\"" + parts[0] + "\" line has no total=");
        continue;
      }
      try {
        totals.put(parts[0], ProcNumbers.integer(total));
      } catch (NumberFormatException e) {
        issues.add(i + 1, parts[0] + " total \"" + total + "\" is not an integer");
      }
    }
    return Map.copyOf(totals);
  }
}
