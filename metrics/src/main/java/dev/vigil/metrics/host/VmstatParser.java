package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/vmstat}, one "name value" pair per line.
 *
 * <p>Read in place: only the name becomes a string (it is the map's key); the value is parsed from
 * the text, since the file has ~180 lines and a line string, a field array and a value substring
 * per line were most of this collector's garbage per scrape.
 */
final class VmstatParser {

  static final Parser<Map<String, Double>> PARSER = VmstatParser::parse;

  private VmstatParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> fields = new LinkedHashMap<>();
    ProcLines.forEach(
        text,
        (start, end, line) ->
            parseLine(
                text, Whitespace.stripStart(text, start, end), end, line, fields, issues));
    return Collections.unmodifiableMap(fields);
  }

  private static void parseLine(
      String text, int start, int lineEnd, int line, Map<String, Double> fields, ParseIssues issues) {
    int end = Whitespace.stripEnd(text, start, lineEnd);
    if (start == end) {
      return;
    }
    int nameEnd = Whitespace.nextSpace(text, start, end);
    int valueStart = Whitespace.skipSpace(text, nameEnd, end);
    // The line is stripped, so a space after the value means a third field.
    if (nameEnd == end || Whitespace.nextSpace(text, valueStart, end) != end) {
      issues.add(line, "expected \"name value\" but got \"" + text.substring(start, end) + "\"");
      return;
    }
    String name = text.substring(start, nameEnd);
    try {
      fields.put(name, ProcNumbers.integer(text, valueStart, end));
    } catch (NumberFormatException e) {
      issues.add(
          line, name + " value \"" + text.substring(valueStart, end) + "\" is not an integer");
    }
  }
}
