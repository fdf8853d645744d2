package dev.vigil.metrics.host;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/sys/fs/file-nr} ("allocated unused maximum") into {@code allocated} and
 * {@code maximum}; the middle field has been 0 since Linux 2.6.
 */
final class FileNrParser {

  static final Parser<Map<String, Double>> PARSER = FileNrParser::parse;

  private FileNrParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    String[] parts = Whitespace.split(text.strip());
    Map<String, Double> values = new LinkedHashMap<>();
    if (parts.length < 3) {
      issues.add(1, "expected 3 fields but got " + parts.length);
      return Map.of();
    }
    put(values, "allocated", parts[0], issues);
    put(values, "maximum", parts[2], issues);
    return Map.copyOf(values);
  }

  private static void put(Map<String, Double> values, String name, String raw, ParseIssues issues) {
    try {
      values.put(name, ProcNumbers.integer(raw));
    } catch (NumberFormatException e) {
      issues.add(1, name + " value \"" + raw + "\" is not an integer");
    }
  }
}
