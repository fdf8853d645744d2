package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code /proc/vmstat}, one "name value" pair per line. */
final class VmstatParser {

  static final Parser<Map<String, Double>> PARSER = VmstatParser::parse;

  private VmstatParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> fields = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = Whitespace.split(line);
      if (parts.length != 2) {
        issues.add(i + 1, "expected \"name value\" but got \"" + line + "\"");
        continue;
      }
      try {
        fields.put(parts[0], ProcNumbers.integer(parts[1]));
      } catch (NumberFormatException e) {
        issues.add(i + 1, parts[0] + " value \"" + parts[1] + "\" is not an integer");
      }
    }
    return Collections.unmodifiableMap(fields);
  }
}
