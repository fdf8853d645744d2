package dev.vigil.metrics.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/net/stat/*} tables (a header of column names, then one row of hexadecimal
 * values per CPU) into per-column sums over all CPUs.
 */
final class HexTableParser {

  static final Parser<Map<String, Double>> PARSER = HexTableParser::parse;

  private HexTableParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    String[] lines = text.split("\n");
    String[] names = Whitespace.split(lines[0].strip());
    Map<String, Double> sums = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] values = Whitespace.split(lines[i].strip());
      if (values.length != names.length) {
        issues.add(i + 1, values.length + " values for " + names.length + " columns");
        continue;
      }
      for (int c = 0; c < names.length; c++) {
        try {
          sums.merge(names[c], (double) Long.parseUnsignedLong(values[c], 16), Double::sum);
        } catch (NumberFormatException e) {
          issues.add(i + 1, names[c] + " value \"" + values[c] + "\" is not hexadecimal");
        }
      }
    }
    return Map.copyOf(sums);
  }
}
