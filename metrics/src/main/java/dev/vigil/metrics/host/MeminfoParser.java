package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/meminfo} into node_exporter's metric-name suffixes: {@code Active(anon)}
 * becomes {@code Active_anon}, a {@code kB} value is multiplied by 1024 and named {@code
 * <Field>_bytes}, and a unit-less field (the {@code HugePages_*} page counts) keeps its bare name.
 *
 * <p>Read in place, by offsets into the text: only the field's name becomes a string; the value
 * and the unit are read where they are (a line string, two substrings, a field array and a regex
 * matcher per line were most of this collector's garbage per scrape).
 */
final class MeminfoParser {

  static final Parser<Map<String, Double>> PARSER = MeminfoParser::parse;

  private MeminfoParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> fields = new LinkedHashMap<>();
    ProcLines.forEach(
        text, (start, end, line) -> parseLine(text, start, end, line, fields, issues));
    return Collections.unmodifiableMap(fields);
  }

  private static void parseLine(
      String text, int start, int end, int line, Map<String, Double> fields, ParseIssues issues) {
    if (Whitespace.stripStart(text, start, end) == end) {
      return; // blank
    }
    int colon = text.indexOf(':', start);
    if (colon < 0 || colon >= end || colon == start) {
      issues.add(
          line,
          "expected \"Name: value [kB]\" but got \"" + text.substring(start, end).strip() + "\"");
      return;
    }
    int nameStart = Whitespace.stripStart(text, start, colon);
    String name = rename(text.substring(nameStart, Whitespace.stripEnd(text, nameStart, colon)));
    int valueStart = Whitespace.stripStart(text, colon + 1, end);
    int valueEnd = Whitespace.stripEnd(text, valueStart, end);
    int numberEnd = Whitespace.nextSpace(text, valueStart, valueEnd);
    double value;
    try {
      value = ProcNumbers.integer(text, valueStart, numberEnd);
    } catch (NumberFormatException e) {
      issues.add(
          line,
          name + " value \"" + text.substring(valueStart, numberEnd) + "\" is not an integer");
      return;
    }
    int unitStart = Whitespace.skipSpace(text, numberEnd, valueEnd);
    if (unitStart == valueEnd) {
      fields.put(name, value);
      return;
    }
    int unitEnd = Whitespace.nextSpace(text, unitStart, valueEnd);
    if (unitEnd == valueEnd && text.startsWith("kB", unitStart) && unitEnd - unitStart == 2) {
      fields.put(name + "_bytes", value * 1024);
      return;
    }
    int lastStart = valueEnd;
    while (lastStart > unitStart && !Whitespace.isSpace(text.charAt(lastStart - 1))) {
      lastStart--;
    }
    issues.add(
        line, name + " has unknown unit \"" + text.substring(lastStart, valueEnd) + "\"");
  }

  /**
   * node_exporter's renaming: from the first {@code (} to the last {@code )} after it, the
   * parentheses become {@code _} and nothing (the effect of replacing {@code \((.*)\)} with
   * {@code _$1}), e.g. {@code Active(anon)} to {@code Active_anon}. Only four fields have any.
   */
  private static String rename(String field) {
    int open = field.indexOf('(');
    int close = field.lastIndexOf(')');
    if (open < 0 || close < open) {
      return field;
    }
    return field.substring(0, open) + "_" + field.substring(open + 1, close)
        + field.substring(close + 1);
  }
}
