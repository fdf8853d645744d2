package dev.vigil.metrics.host;

import java.util.Map;
import java.util.Optional;

/**
 * {@code node_sockstat_<PROTOCOL>_<field>} from {@code /proc/net/sockstat} and {@code sockstat6},
 * plus {@code <PROTOCOL>_mem_bytes}: the kernel counts socket memory in pages.
 */
final class SockstatCollector implements HostCollector {

  private static final double DEFAULT_PAGE_SIZE = 4096;

  /** The page size never changes, and smaps of a large JVM is big: read it once. */
  private Double pageSize;

  @Override
  public void collect(CollectContext context, SampleSink out) {
    HostPaths paths = context.paths();
    context
        .parse(paths.proc("net/sockstat"), SockstatParser.PARSER)
        .ifPresent(fields -> emit(context, fields, out, true));
    context
        .parse(paths.proc("net/sockstat6"), SockstatParser.PARSER)
        .ifPresent(fields -> emit(context, fields, out, false));
  }

  private void emit(
      CollectContext context, Map<String, Double> fields, SampleSink out, boolean ipv4) {
    fields.forEach(
        (key, value) -> {
          if (key.equals("sockets_used")) {
            if (ipv4) {
              out.addNamed(
                  "node_sockstat_sockets_used",
                  MetricDef.Type.GAUGE,
                  "Number of IPv4 sockets in use.",
                  value);
            }
            return;
          }
          add(out, key, value);
          if (key.endsWith("_mem")) {
            add(out, key + "_bytes", value * pageSize(context));
          }
        });
  }

  private static void add(SampleSink out, String key, double value) {
    int split = key.indexOf('_');
    out.addNamed(
        "node_sockstat_" + key,
        MetricDef.Type.GAUGE,
        "Number of "
            + key.substring(0, split)
            + " sockets in state "
            + key.substring(split + 1)
            + ".",
        value);
  }

  private double pageSize(CollectContext context) {
    if (pageSize == null) {
      Optional<Optional<Double>> parsed =
          context.parse(context.paths().proc("self/smaps"), PageSizeParser.PARSER);
      pageSize = parsed.flatMap(p -> p).orElse(DEFAULT_PAGE_SIZE);
    }
    return pageSize;
  }
}
