package dev.vigil.metrics.host;

import java.util.Map;
import java.util.TreeMap;

/** Counts the entries of {@code /proc/net/arp} per device (its last column). */
final class ArpParser {

  static final Parser<Map<String, Double>> PARSER = ArpParser::parse;

  private static final int COLUMNS = 6;

  private ArpParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> entries = new TreeMap<>();
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) { // line 1 is the header
      String[] f = Whitespace.split(lines[i].strip());
      if (f[0].isEmpty()) {
        continue;
      }
      if (f.length != COLUMNS) {
        issues.add(i + 1, f.length + " columns, expected " + COLUMNS);
        continue;
      }
      entries.merge(f[COLUMNS - 1], 1.0, Double::sum);
    }
    return entries;
  }
}
