package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.counter;
import static dev.vigil.metrics.host.MetricDef.gauge;

import java.util.List;
import java.util.Map;

/**
 * The kernel-wide counters of {@code /proc/stat}: interrupts, context switches, forks, boot time.
 */
final class StatCollector implements HostCollector {

  /** One /proc/stat line and the metric it feeds. */
  private record Row(String key, MetricDef def) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("intr", counter("node_intr_total", "Total number of interrupts serviced.")),
          new Row(
              "ctxt", counter("node_context_switches_total", "Total number of context switches.")),
          new Row("processes", counter("node_forks_total", "Total number of forks.")),
          new Row("btime", gauge("node_boot_time_seconds", "Node boot time, in unixtime.")),
          new Row(
              "procs_running",
              gauge("node_procs_running", "Number of processes in runnable state.")),
          new Row(
              "procs_blocked",
              gauge(
                  "node_procs_blocked",
                  "Number of processes blocked waiting for I/O to complete.")));

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("stat"), ProcStatParser.PARSER)
        .ifPresent(stat -> emit(stat.counters(), out));
  }

  private static void emit(Map<String, Double> counters, SampleSink out) {
    for (Row row : ROWS) {
      Double value = counters.get(row.key());
      if (value != null) {
        out.add(row.def(), value);
      }
    }
  }
}
