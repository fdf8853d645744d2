package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.counter;

import dev.vigil.metrics.host.ProcStatParser.CpuTimes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code node_cpu_seconds_total{cpu,mode}} and {@code node_cpu_guest_seconds_total{cpu,mode}} from
 * the per-CPU lines of {@code /proc/stat}.
 *
 * <p>Like node_exporter, a counter the kernel reports lower than before (iowait is known to do
 * this) keeps its previous value instead of producing a fake counter reset, unless idle dropped by
 * 3 s or more, which means the CPU was hot-plugged and its counters really restarted.
 */
final class CpuCollector implements HostCollector {

  private static final MetricDef SECONDS =
      counter("node_cpu_seconds_total", "Seconds the CPUs spent in each mode.");
  private static final MetricDef GUEST =
      counter(
          "node_cpu_guest_seconds_total", "Seconds the CPUs spent in guests (VMs) for each mode.");

  /** One /proc/stat column and the series it feeds. */
  private record Row(String column, MetricDef def, String mode) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("user", SECONDS, "user"),
          new Row("nice", SECONDS, "nice"),
          new Row("system", SECONDS, "system"),
          new Row("idle", SECONDS, "idle"),
          new Row("iowait", SECONDS, "iowait"),
          new Row("irq", SECONDS, "irq"),
          new Row("softirq", SECONDS, "softirq"),
          new Row("steal", SECONDS, "steal"),
          // Guest time is also included in user and nice, as in the kernel and node_exporter.
          new Row("guest", GUEST, "user"),
          new Row("guest_nice", GUEST, "nice"));

  private static final double HOTPLUG_IDLE_JUMP_SECONDS = 3.0;

  /** Last exposed value per cpu and column. */
  private final Map<String, Map<String, Double>> last = new HashMap<>();

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("stat"), ProcStatParser.PARSER)
        .ifPresent(stat -> collect(stat.cpus(), out));
  }

  private void collect(List<CpuTimes> cpus, SampleSink out) {
    Set<String> online = new HashSet<>();
    for (CpuTimes cpu : cpus) {
      online.add(cpu.cpu());
      Map<String, Double> seconds = monotonic(cpu);
      for (Row row : ROWS) {
        Double value = seconds.get(row.column());
        if (value != null) {
          out.add(row.def(), value, "cpu", cpu.cpu(), "mode", row.mode());
        }
      }
    }
    last.keySet().retainAll(online);
  }

  private Map<String, Double> monotonic(CpuTimes cpu) {
    Map<String, Double> previous = last.computeIfAbsent(cpu.cpu(), k -> new HashMap<>());
    Double oldIdle = previous.get("idle");
    Double newIdle = cpu.seconds().get("idle");
    if (oldIdle != null && newIdle != null && oldIdle - newIdle >= HOTPLUG_IDLE_JUMP_SECONDS) {
      previous.clear();
    }
    cpu.seconds().forEach((column, value) -> previous.merge(column, value, Math::max));
    return previous;
  }
}
