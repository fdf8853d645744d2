package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code /proc/meminfo} into node_exporter's metric-name suffixes: {@code Active(anon)}
 * becomes {@code Active_anon}, a {@code kB} value is multiplied by 1024 and named {@code
 * <Field>_bytes}, and a unit-less field (the {@code HugePages_*} page counts) keeps its bare name.
 */
final class MeminfoParser {

  static final Parser<Map<String, Double>> PARSER = MeminfoParser::parse;

  private static final Pattern PARENTHESIZED = Pattern.compile("\\((.*)\\)");

  private MeminfoParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> fields = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        issues.add(i + 1, "expected \"Name: value [kB]\" but got \"" + line.strip() + "\"");
        continue;
      }
      String name = rename(line.substring(0, colon).strip());
      String[] parts = Whitespace.split(line.substring(colon + 1).strip());
      double value;
      try {
        value = ProcNumbers.integer(parts[0]);
      } catch (NumberFormatException e) {
        issues.add(i + 1, name + " value \"" + parts[0] + "\" is not an integer");
        continue;
      }
      if (parts.length == 1) {
        fields.put(name, value);
      } else if (parts.length == 2 && parts[1].equals("kB")) {
        fields.put(name + "_bytes", value * 1024);
      } else {
        issues.add(i + 1, name + " has unknown unit \"" + parts[parts.length - 1] + "\"");
      }
    }
    return Collections.unmodifiableMap(fields);
  }

  private static String rename(String field) {
    Matcher m = PARENTHESIZED.matcher(field);
    return m.find() ? m.replaceAll("_$1") : field;
  }
}
