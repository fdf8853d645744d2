package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.counter;

/** {@code node_schedstat_*_total{cpu}} from {@code /proc/schedstat} (CONFIG_SCHEDSTATS kernels). */
final class SchedstatCollector implements HostCollector {

  private static final MetricDef RUNNING =
      counter(
          "node_schedstat_running_seconds_total", "Number of seconds CPU spent running a process.");
  private static final MetricDef WAITING =
      counter(
          "node_schedstat_waiting_seconds_total",
          "Number of seconds spent by processing waiting for this CPU.");
  private static final MetricDef TIMESLICES =
      counter("node_schedstat_timeslices_total", "Number of timeslices executed by CPU.");

  private static final double NANOS_PER_SECOND = 1e9;

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("schedstat"), SchedstatParser.PARSER)
        .ifPresent(
            cpus ->
                cpus.forEach(
                    cpu -> {
                      out.add(RUNNING, cpu.runningNanos() / NANOS_PER_SECOND, "cpu", cpu.cpu());
                      out.add(WAITING, cpu.waitingNanos() / NANOS_PER_SECOND, "cpu", cpu.cpu());
                      out.add(TIMESLICES, cpu.timeslices(), "cpu", cpu.cpu());
                    }));
  }
}
