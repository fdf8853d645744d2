package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.counter;

import java.util.List;

/**
 * {@code node_pressure_*_seconds_total} from {@code /proc/pressure/{cpu,io,memory,irq}} (Linux
 * 4.20+; irq 6.1+), the same subset of lines node_exporter exposes.
 */
final class PressureCollector implements HostCollector {

  /** One resource file, its {@code some}/{@code full} line and the counter it feeds. */
  private record Row(String resource, String line, MetricDef def) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(
              "cpu",
              "some",
              counter(
                  "node_pressure_cpu_waiting_seconds_total",
                  "Total time in seconds that processes have waited for CPU time")),
          new Row(
              "io",
              "some",
              counter(
                  "node_pressure_io_waiting_seconds_total",
                  "Total time in seconds that processes have waited due to IO congestion")),
          new Row(
              "io",
              "full",
              counter(
                  "node_pressure_io_stalled_seconds_total",
                  "Total time in seconds no process could make progress due to IO congestion")),
          new Row(
              "memory",
              "some",
              counter(
                  "node_pressure_memory_waiting_seconds_total",
                  "Total time in seconds that processes have waited for memory")),
          new Row(
              "memory",
              "full",
              counter(
                  "node_pressure_memory_stalled_seconds_total",
                  "Total time in seconds no process could make progress due to memory congestion")),
          new Row(
              "irq",
              "full",
              counter(
                  "node_pressure_irq_stalled_seconds_total",
                  "Total time in seconds no process could make progress due to IRQ congestion")));

  /** One correctly rounded division (node_exporter divides twice by 1000, adding an ulp or so). */
  private static final double MICROS_PER_SECOND = 1e6;

  @Override
  public void collect(CollectContext context, SampleSink out) {
    for (Row row : ROWS) {
      context
          .parse(context.paths().proc("pressure/" + row.resource()), PressureParser.PARSER)
          .map(totals -> totals.get(row.line()))
          .ifPresent(total -> out.add(row.def(), total / MICROS_PER_SECOND));
    }
  }
}
