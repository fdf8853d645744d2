package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code node_nf_conntrack_entries}, {@code _entries_limit} and the {@code
 * node_nf_conntrack_stat_*} totals; absent unless the nf_conntrack module is loaded.
 */
final class ConntrackCollector implements HostCollector {

  private static final MetricDef ENTRIES =
      gauge(
          "node_nf_conntrack_entries",
          "Number of currently allocated flow entries for connection tracking.");
  private static final MetricDef LIMIT =
      gauge("node_nf_conntrack_entries_limit", "Maximum size of connection tracking table.");

  /** Columns of /proc/net/stat/nf_conntrack that node_exporter exposes, as gauges. */
  private static final List<String> STAT_COLUMNS =
      List.of(
          "found",
          "invalid",
          "ignore",
          "insert",
          "insert_failed",
          "drop",
          "early_drop",
          "search_restart");

  @Override
  public void collect(CollectContext context, SampleSink out) {
    HostPaths paths = context.paths();
    number(context, "sys/net/netfilter/nf_conntrack_count").ifPresent(v -> out.add(ENTRIES, v));
    number(context, "sys/net/netfilter/nf_conntrack_max").ifPresent(v -> out.add(LIMIT, v));
    context
        .parse(paths.proc("net/stat/nf_conntrack"), HexTableParser.PARSER)
        .ifPresent(sums -> emitStats(sums, out));
  }

  private static void emitStats(Map<String, Double> sums, SampleSink out) {
    for (String column : STAT_COLUMNS) {
      Double value = sums.get(column);
      if (value != null) {
        out.addNamed(
            "node_nf_conntrack_stat_" + column,
            MetricDef.Type.GAUGE,
            "Number of conntrack " + column + " events, summed over CPUs.",
            value);
      }
    }
  }

  private static Optional<Double> number(CollectContext context, String file) {
    try {
      return context.readLine(context.paths().proc(file)).map(ProcNumbers::integer);
    } catch (NumberFormatException e) {
      context.skip("conntrack:" + file, file + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
