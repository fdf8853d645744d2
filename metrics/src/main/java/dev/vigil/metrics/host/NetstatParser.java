package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/net/netstat} and {@code /proc/net/snmp}, where each protocol has a line of
 * field names followed by a line of values ({@code Tcp: ActiveOpens ...} / {@code Tcp: 12 ...}),
 * into keys {@code <Protocol>_<Field>} such as {@code Tcp_ActiveOpens}.
 */
final class NetstatParser {

  static final Parser<Map<String, Double>> PARSER = NetstatParser::parse;

  private NetstatParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> fields = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    int i = 0;
    while (i < lines.length) {
      if (lines[i].isBlank()) {
        i++;
        continue;
      }
      if (i + 1 >= lines.length) {
        issues.add(i + 1, "field names without a line of values");
        break;
      }
      String[] names = Whitespace.split(lines[i].strip());
      String[] values = Whitespace.split(lines[i + 1].strip());
      String protocol = names[0].endsWith(":") ? names[0].substring(0, names[0].length() - 1) : "";
      if (protocol.isEmpty() || !values[0].equals(names[0])) {
        issues.add(i + 1, "expected a \"Protocol: names\" line and a \"Protocol: values\" line");
      } else if (names.length != values.length) {
        issues.add(
            i + 2,
            protocol
                + " has "
                + (values.length - 1)
                + " values for "
                + (names.length - 1)
                + " names");
      } else {
        for (int c = 1; c < names.length; c++) {
          try {
            fields.put(protocol + "_" + names[c], ProcNumbers.integer(values[c]));
          } catch (NumberFormatException e) {
            issues.add(
                i + 2,
                protocol + "_" + names[c] + " value \"" + values[c] + "\" is not an integer");
          }
        }
      }
      i += 2;
    }
    return Collections.unmodifiableMap(fields);
  }
}
