package dev.vigil.metrics.host;

import java.util.Map;

/**
 * Sums the {@code tx_queue:rx_queue} column (hexadecimal bytes) of {@code /proc/net/udp} or {@code
 * udp6} over all sockets, into {@code tx} and {@code rx}.
 */
final class UdpQueuesParser {

  static final Parser<Map<String, Double>> PARSER = UdpQueuesParser::parse;

  private static final int QUEUES_COLUMN = 4;

  private UdpQueuesParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    double tx = 0;
    double rx = 0;
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) { // line 1 is the header
      String[] f = Whitespace.split(lines[i].strip());
      if (f[0].isEmpty()) {
        continue;
      }
      String[] queues = f.length > QUEUES_COLUMN ? f[QUEUES_COLUMN].split(":") : new String[0];
      try {
        if (queues.length != 2) {
          throw new NumberFormatException("expected tx_queue:rx_queue in column 5");
        }
        double lineTx = Long.parseLong(queues[0], 16);
        double lineRx = Long.parseLong(queues[1], 16);
        tx += lineTx;
        rx += lineRx;
      } catch (NumberFormatException e) {
        issues.add(i + 1, e.getMessage());
      }
    }
    return Map.of("tx", tx, "rx", rx);
  }
}
