package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

/** {@code node_arp_entries{device}} from {@code /proc/net/arp}. */
final class ArpCollector implements HostCollector {

  private static final MetricDef ENTRIES = gauge("node_arp_entries", "ARP entries by device");

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("net/arp"), ArpParser.PARSER)
        .ifPresent(
            entries -> entries.forEach((device, n) -> out.add(ENTRIES, n, "device", device)));
  }
}
