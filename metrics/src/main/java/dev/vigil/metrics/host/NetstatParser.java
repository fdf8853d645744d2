package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses {@code /proc/net/netstat} and {@code /proc/net/snmp}, where each protocol has a line of
 * field names followed by a line of values ({@code Tcp: ActiveOpens ...} / {@code Tcp: 12 ...}),
 * into keys {@code <Protocol>_<Field>} such as {@code Tcp_ActiveOpens}.
 */
final class NetstatParser {

  static final Parser<Map<String, Double>> PARSER = NetstatParser::parse;

  /**
   * A line of field names split into {@code <Protocol>_<Field>} keys. The lines are a fixed set per
   * kernel, so the keys are built once per distinct line rather than some 400 strings per scrape;
   * bounded so that odd input (tests, a changing kernel table) cannot grow it without end.
   */
  private record Header(String protocol, String[] names, String[] keys) {}

  private static final int MAX_HEADERS = 64;

  private static final Map<String, Header> HEADERS = new ConcurrentHashMap<>();

  private NetstatParser() {}

  private static Header header(String line) {
    Header header = HEADERS.get(line);
    if (header == null) {
      String[] names = Whitespace.split(line.strip());
      String protocol =
          names[0].endsWith(":") ? names[0].substring(0, names[0].length() - 1) : "";
      String[] keys = new String[names.length];
      for (int c = 1; c < names.length; c++) {
        keys[c] = protocol + "_" + names[c];
      }
      header = new Header(protocol, names, keys);
      if (HEADERS.size() < MAX_HEADERS) {
        HEADERS.put(line, header);
      }
    }
    return header;
  }

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
      Header header = header(lines[i]);
      String valuesLine = lines[i + 1].strip();
      int[] bounds = Whitespace.bounds(valuesLine);
      int count = bounds.length / 2;
      String[] names = header.names();
      if (header.protocol().isEmpty()
          || bounds[1] - bounds[0] != names[0].length()
          || !valuesLine.startsWith(names[0])) {
        issues.add(i + 1, "expected a \"Protocol: names\" line and a \"Protocol: values\" line");
      } else if (names.length != count) {
        issues.add(
            i + 2,
            header.protocol()
                + " has "
                + (count - 1)
                + " values for "
                + (names.length - 1)
                + " names");
      } else {
        for (int c = 1; c < names.length; c++) {
          int start = bounds[2 * c];
          int end = bounds[2 * c + 1];
          try {
            fields.put(header.keys()[c], ProcNumbers.integer(valuesLine, start, end));
          } catch (NumberFormatException e) {
            issues.add(
                i + 2,
                header.keys()[c]
                    + " value \""
                    + valuesLine.substring(start, end)
                    + "\" is not an integer");
          }
        }
      }
      i += 2;
    }
    return Collections.unmodifiableMap(fields);
  }
}
