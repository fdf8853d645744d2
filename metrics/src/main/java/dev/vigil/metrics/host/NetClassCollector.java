package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.counter;
import static dev.vigil.metrics.host.MetricDef.gauge;
import static dev.vigil.metrics.host.MetricDef.info;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code node_network_up}, {@code node_network_info} and the numeric attributes of {@code
 * /sys/class/net/<device>/} (mtu, speed, carrier, ...), as node_exporter's netclass collector.
 *
 * <p>An attribute the driver refuses to report (reading {@code speed} of a virtual device fails
 * with EINVAL) is skipped for that device only.
 */
final class NetClassCollector implements HostCollector {

  private static final MetricDef UP =
      gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.");
  private static final MetricDef INFO =
      info("node_network_info", "Non-numeric data from /sys/class/net/<iface>, value is always 1.");

  /** One sysfs attribute file and the metric it feeds, multiplied by {@code scale}. */
  private record Row(String file, MetricDef def, double scale) {}

  private static final List<Row> ROWS =
      List.of(
          property("addr_assign_type", gauge("node_network_address_assign_type", null)),
          property("carrier", gauge("node_network_carrier", null)),
          property("carrier_changes", counter("node_network_carrier_changes_total", null)),
          property("carrier_up_count", counter("node_network_carrier_up_changes_total", null)),
          property("carrier_down_count", counter("node_network_carrier_down_changes_total", null)),
          property("dev_id", gauge("node_network_device_id", null)),
          property("dormant", gauge("node_network_dormant", null)),
          property("flags", gauge("node_network_flags", null)),
          property("ifindex", gauge("node_network_iface_id", null)),
          property("iflink", gauge("node_network_iface_link", null)),
          property("link_mode", gauge("node_network_iface_link_mode", null)),
          property("mtu", gauge("node_network_mtu_bytes", null)),
          property("name_assign_type", gauge("node_network_name_assign_type", null)),
          property("netdev_group", gauge("node_network_net_dev_group", null)),
          // sysfs gives Mbit/s; -1 (unknown) comes out as -125000, as node_exporter does by
          // default.
          new Row("speed", help(gauge("node_network_speed_bytes", null)), 1_000_000.0 / 8),
          property("tx_queue_len", gauge("node_network_transmit_queue_length", null)),
          property("type", gauge("node_network_protocol_type", null)));

  private final Pattern deviceExclude;

  NetClassCollector(Pattern deviceExclude) {
    this.deviceExclude = deviceExclude;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    Path classNet = context.paths().sys("class/net");
    for (String device : context.subdirectories(classNet)) {
      if (deviceExclude == null || !deviceExclude.matcher(device).find()) {
        emit(context, classNet.resolve(device), device, out);
      }
    }
  }

  private static void emit(CollectContext context, Path dir, String device, SampleSink out) {
    String operstate = text(context, dir, "operstate");
    out.add(UP, "up".equals(operstate) ? 1 : 0, "device", device);
    Optional<Long> flags = number(context, dir, "flags");
    out.add(
        INFO,
        1,
        "device",
        device,
        "address",
        text(context, dir, "address"),
        "broadcast",
        text(context, dir, "broadcast"),
        "duplex",
        text(context, dir, "duplex"),
        "operstate",
        operstate,
        "adminstate",
        flags.map(f -> (f & 1) == 1 ? "up" : "down").orElse("unknown"),
        "ifalias",
        text(context, dir, "ifalias"));
    for (Row row : ROWS) {
      number(context, dir, row.file())
          .ifPresent(value -> out.add(row.def(), (long) (value * row.scale()), "device", device));
    }
  }

  private static String text(CollectContext context, Path dir, String file) {
    return context.readLine(dir.resolve(file)).orElse("");
  }

  private static Optional<Long> number(CollectContext context, Path dir, String file) {
    Optional<String> text = context.readLine(dir.resolve(file));
    try {
      return text.map(ProcNumbers::sysfsInteger);
    } catch (NumberFormatException e) {
      context.skip(
          "netclass:" + dir + "/" + file, "skipped " + dir.resolve(file) + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Row property(String file, MetricDef def) {
    return new Row(file, help(def), 1);
  }

  /** node_exporter's help text for netclass properties names the metric suffix. */
  private static MetricDef help(MetricDef def) {
    String property = def.name().substring("node_network_".length());
    return new MetricDef(def.name(), def.type(), "Network device property: " + property);
  }
}
