package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/net/sockstat} and {@code sockstat6} ({@code TCP: inuse 1 orphan 0 ...}) into
 * keys {@code <PROTOCOL>_<field>} such as {@code TCP_inuse} and {@code sockets_used}.
 */
final class SockstatParser {

  static final Parser<Map<String, Double>> PARSER = SockstatParser::parse;

  private SockstatParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> fields = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      String[] pairs =
          colon > 0 ? Whitespace.split(line.substring(colon + 1).strip()) : new String[0];
      if (colon <= 0 || pairs.length % 2 != 0) {
        issues.add(i + 1, "expected \"PROTOCOL: name value ...\" but got \"" + line + "\"");
        continue;
      }
      String protocol = line.substring(0, colon);
      for (int p = 0; p < pairs.length; p += 2) {
        try {
          fields.put(protocol + "_" + pairs[p], ProcNumbers.integer(pairs[p + 1]));
        } catch (NumberFormatException e) {
          issues.add(
              i + 1,
              protocol + " " + pairs[p] + " value \"" + pairs[p + 1] + "\" is not an integer");
        }
      }
    }
    return Collections.unmodifiableMap(fields);
  }
}
