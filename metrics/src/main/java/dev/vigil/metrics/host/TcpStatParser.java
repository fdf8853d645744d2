package dev.vigil.metrics.host;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the sockets of {@code /proc/net/tcp} or {@code tcp6} by connection state and sums their
 * queued bytes, keyed as node_exporter's {@code node_tcp_connection_states{state}} labels.
 */
final class TcpStatParser {

  static final Parser<Map<String, Double>> PARSER = TcpStatParser::parse;

  /** Kernel TCP state numbers (include/net/tcp_states.h) 1..11, by position. */
  private static final List<String> STATES =
      List.of(
          "established",
          "syn_sent",
          "syn_recv",
          "fin_wait1",
          "fin_wait2",
          "time_wait",
          "close",
          "close_wait",
          "last_ack",
          "listen",
          "closing");

  private static final int STATE_COLUMN = 3;
  private static final int QUEUES_COLUMN = 4;

  private TcpStatParser() {}

  static Map<String, Double> parse(String text, ParseIssues issues) {
    Map<String, Double> stats = new LinkedHashMap<>();
    stats.put("tx_queued_bytes", 0.0);
    stats.put("rx_queued_bytes", 0.0);
    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i++) { // line 1 is the header
      String[] f = Whitespace.split(lines[i].strip());
      if (f[0].isEmpty()) {
        continue;
      }
      try {
        if (f.length <= QUEUES_COLUMN) {
          throw new NumberFormatException("expected st and tx_queue:rx_queue in columns 4 and 5");
        }
        int state = Integer.parseInt(f[STATE_COLUMN], 16);
        String[] queues = f[QUEUES_COLUMN].split(":");
        if (queues.length != 2) {
          throw new NumberFormatException("expected tx_queue:rx_queue in column 5");
        }
        double tx = Long.parseLong(queues[0], 16);
        double rx = Long.parseLong(queues[1], 16);
        if (state >= 1 && state <= STATES.size()) {
          stats.merge(STATES.get(state - 1), 1.0, Double::sum);
        }
        stats.merge("tx_queued_bytes", tx, Double::sum);
        stats.merge("rx_queued_bytes", rx, Double::sum);
      } catch (NumberFormatException e) {
        issues.add(i + 1, e.getMessage());
      }
    }
    return stats;
  }
}
