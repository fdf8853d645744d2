package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter's {@code tcpstat} collector (off by default there and here): {@code
 * node_tcp_connection_states{state}}, IPv4 and IPv6 sockets together, plus the bytes in their send
 * and receive queues ({@code state="tx_queued_bytes"} / {@code "rx_queued_bytes"}).
 *
 * <p>node_exporter asks netlink (inet_diag); we read {@code /proc/net/tcp{,6}}, which list the same
 * sockets. For listening sockets netlink reports the accept backlog and its limit as the queues,
 * while the proc files show the backlog as rx and 0 as tx, so the queue sums can differ by the
 * listen backlogs.
 */
final class TcpStatCollector implements HostCollector {

  private static final MetricDef STATES =
      gauge("node_tcp_connection_states", "Number of connection states.");

  private static final List<String> FILES = List.of("net/tcp", "net/tcp6");

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Map<String, Double> total = new HashMap<>();
    boolean any = false;
    for (String file : FILES) {
      var stats = context.parse(context.paths().proc(file), TcpStatParser.PARSER);
      if (stats.isPresent()) {
        any = true;
        stats.get().forEach((state, value) -> total.merge(state, value, Double::sum));
      }
    }
    if (any) {
      total.forEach((state, value) -> out.add(STATES, value, "state", state));
    }
  }
}
