package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.util.List;

/** {@code node_udp_queues{ip,queue}}: bytes waiting in UDP socket queues, IPv4 and IPv6. */
final class UdpQueuesCollector implements HostCollector {

  private static final MetricDef QUEUES =
      gauge(
          "node_udp_queues",
          "Number of allocated memory in the kernel for UDP datagrams in bytes.");

  /** File and its {@code ip} label. */
  private static final List<String[]> FILES =
      List.of(new String[] {"net/udp", "v4"}, new String[] {"net/udp6", "v6"});

  @Override
  public void collect(CollectContext context, SampleSink out) {
    for (String[] file : FILES) {
      context
          .parse(context.paths().proc(file[0]), UdpQueuesParser.PARSER)
          .ifPresent(
              queues -> {
                out.add(QUEUES, queues.get("tx"), "ip", file[1], "queue", "tx");
                out.add(QUEUES, queues.get("rx"), "ip", file[1], "queue", "rx");
              });
    }
  }
}
