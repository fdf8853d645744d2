package dev.vigil.metrics.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code /proc/loadavg} into {@code load1}, {@code load5} and {@code load15}. */
final class LoadavgParser {

  static final Parser<Map<String, Double>> PARSER = LoadavgParser::parse;

  private static final List<String> NAMES = List.of("load1", "load5", "load15");

  private LoadavgParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    String[] parts = Whitespace.split(text.strip());
    Map<String, Double> loads = new LinkedHashMap<>();
    for (int i = 0; i < NAMES.size(); i++) {
      if (i >= parts.length || parts[i].isEmpty()) {
        issues.add(1, "missing " + NAMES.get(i) + " (field " + (i + 1) + ")");
        continue;
      }
      try {
        loads.put(NAMES.get(i), ProcNumbers.decimal(parts[i]));
      } catch (NumberFormatException e) {
        issues.add(1, NAMES.get(i) + " value \"" + parts[i] + "\" is not a number");
      }
    }
    return Map.copyOf(loads);
  }
}
