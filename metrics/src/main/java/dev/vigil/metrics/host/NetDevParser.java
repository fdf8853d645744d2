package dev.vigil.metrics.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /proc/net/dev}; the column names come from its header, so {@code errs} on the
 * receive side becomes {@code receive_errs} exactly as in node_exporter's metric names.
 */
final class NetDevParser {

  /** Counters of one interface, keyed {@code receive_<column>} / {@code transmit_<column>}. */
  record NetDevStats(String device, Map<String, Double> counters) {}

  static final Parser<List<NetDevStats>> PARSER = NetDevParser::parse;

  /** The layout every kernel since 2.6 prints; used when the header cannot be read. */
  private static final List<String> DEFAULT_RECEIVE =
      List.of("bytes", "packets", "errs", "drop", "fifo", "frame", "compressed", "multicast");

  private static final List<String> DEFAULT_TRANSMIT =
      List.of("bytes", "packets", "errs", "drop", "fifo", "colls", "carrier", "compressed");

  private NetDevParser() {}

  static List<NetDevStats> parse(String text, ParseIssues issues) {
    String[] lines = text.split("\n");
    List<String> columns = columns(lines, issues);
    List<NetDevStats> devices = new ArrayList<>();
    for (int i = 2; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      // Interface names cannot contain ':', and large counters may touch it ("eth0:61034518").
      int colon = line.indexOf(':');
      if (colon <= 0) {
        issues.add(i + 1, "expected \"device: counters...\" but got \"" + line.strip() + "\"");
        continue;
      }
      String device = line.substring(0, colon).strip();
      String[] values = Whitespace.split(line.substring(colon + 1).strip());
      if (values.length != columns.size()) {
        issues.add(
            i + 1,
            device + " has " + values.length + " counters, the header names " + columns.size());
        continue;
      }
      Map<String, Double> counters = new LinkedHashMap<>();
      for (int c = 0; c < values.length; c++) {
        try {
          counters.put(columns.get(c), ProcNumbers.integer(values[c]));
        } catch (NumberFormatException e) {
          issues.add(
              i + 1, device + " " + columns.get(c) + " \"" + values[c] + "\" is not an integer");
        }
      }
      devices.add(new NetDevStats(device, counters));
    }
    return List.copyOf(devices);
  }

  private static List<String> columns(String[] lines, ParseIssues issues) {
    String[] sections = lines.length > 1 ? lines[1].split("\\|") : new String[0];
    List<String> receive;
    List<String> transmit;
    if (sections.length == 3) {
      receive = Arrays.asList(Whitespace.split(sections[1].strip()));
      transmit = Arrays.asList(Whitespace.split(sections[2].strip()));
    } else {
      issues.add(2, "unreadable header, assuming the standard columns");
      receive = DEFAULT_RECEIVE;
      transmit = DEFAULT_TRANSMIT;
    }
    List<String> columns = new ArrayList<>();
    receive.forEach(c -> columns.add("receive_" + c));
    transmit.forEach(c -> columns.add("transmit_" + c));
    return columns;
  }
}
