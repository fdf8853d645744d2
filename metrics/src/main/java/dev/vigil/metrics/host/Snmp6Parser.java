package dev.vigil.metrics.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code /proc/net/snmp6} ({@code Ip6InReceives 123} per line) into keys split after the
 * protocol's "6", {@code Ip6_InReceives}, as node_exporter names them.
 */
final class Snmp6Parser {

  static final Parser<Map<String, Double>> PARSER = Snmp6Parser::parse;

  private Snmp6Parser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> fields = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String[] parts = Whitespace.split(lines[i].strip());
      if (parts.length < 2) {
        continue;
      }
      int six = parts[0].indexOf('6');
      if (six < 0) {
        continue; // e.g. per-interface "ifIndex" lines carry no protocol
      }
      String key = parts[0].substring(0, six + 1) + "_" + parts[0].substring(six + 1);
      try {
        fields.put(key, ProcNumbers.integer(parts[1]));
      } catch (NumberFormatException e) {
        issues.add(i + 1, parts[0] + " value \"" + parts[1] + "\" is not an integer");
      }
    }
    return Collections.unmodifiableMap(fields);
  }
}
