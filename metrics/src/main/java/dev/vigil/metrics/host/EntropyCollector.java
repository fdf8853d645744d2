package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.util.List;

/** {@code node_entropy_available_bits} and {@code node_entropy_pool_size_bits}. */
final class EntropyCollector implements HostCollector {

  /** One file under /proc/sys/kernel/random and the gauge it feeds. */
  private record Row(String file, MetricDef def) {}

  private static final List<Row> ROWS =
      List.of(
          new Row(
              "entropy_avail", gauge("node_entropy_available_bits", "Bits of available entropy.")),
          new Row("poolsize", gauge("node_entropy_pool_size_bits", "Bits of entropy pool.")));

  @Override
  public void collect(CollectContext context, SampleSink out) {
    for (Row row : ROWS) {
      context
          .readLine(context.paths().proc("sys/kernel/random/" + row.file()))
          .ifPresent(
              text -> {
                try {
                  out.add(row.def(), ProcNumbers.integer(text));
                } catch (NumberFormatException e) {
                  context.skip(
                      "entropy:" + row.file(), row.file() + ": \"" + text + "\" is not an integer");
                }
              });
    }
  }
}
