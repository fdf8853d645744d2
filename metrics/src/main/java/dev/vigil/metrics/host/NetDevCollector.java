package dev.vigil.metrics.host;

import dev.vigil.metrics.host.NetDevParser.NetDevStats;
import java.util.regex.Pattern;

/**
 * {@code node_network_<receive|transmit>_<column>_total{device}} for every column of {@code
 * /proc/net/dev}, plus {@code receive_nohandler} from sysfs (node_exporter gets it over netlink).
 */
final class NetDevCollector implements HostCollector {

  private final Pattern deviceExclude;
  private final Pattern deviceInclude;

  /** Either pattern may be null; node_exporter excludes no device by default. */
  NetDevCollector(Pattern deviceExclude, Pattern deviceInclude) {
    this.deviceExclude = deviceExclude;
    this.deviceInclude = deviceInclude;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("net/dev"), NetDevParser.PARSER)
        .ifPresent(
            devices -> {
              for (NetDevStats stats : devices) {
                if (selected(stats.device())) {
                  emit(context, stats, out);
                }
              }
            });
  }

  private boolean selected(String device) {
    if (deviceExclude != null && deviceExclude.matcher(device).find()) {
      return false;
    }
    return deviceInclude == null || deviceInclude.matcher(device).find();
  }

  private static void emit(CollectContext context, NetDevStats stats, SampleSink out) {
    String device = stats.device();
    stats.counters().forEach((column, value) -> add(out, column, value, device));
    context
        .readLine(context.paths().sys("class/net/" + device + "/statistics/rx_nohandler"))
        .ifPresent(
            text -> {
              try {
                add(out, "receive_nohandler", ProcNumbers.integer(text), device);
              } catch (NumberFormatException e) {
                context.skip("nohandler:" + device, "rx_nohandler of " + device + ": " + text);
              }
            });
  }

  private static void add(SampleSink out, String column, double value, String device) {
    out.addNamed(
        "node_network_" + column + "_total",
        MetricDef.Type.COUNTER,
        "Network device statistic " + column + ".",
        value,
        "device",
        device);
  }
}
