package dev.vigil.metrics.host;

/**
 * {@code node_softnet_<column>_total{cpu}} and {@code node_softnet_backlog_len{cpu}} from {@code
 * /proc/net/softnet_stat}.
 */
final class SoftnetCollector implements HostCollector {

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("net/softnet_stat"), SoftnetParser.PARSER)
        .ifPresent(
            cpus ->
                cpus.forEach(
                    cpu ->
                        cpu.values()
                            .forEach(
                                (column, value) -> {
                                  boolean gauge = column.equals("backlog_len");
                                  out.addNamed(
                                      "node_softnet_" + column + (gauge ? "" : "_total"),
                                      gauge ? MetricDef.Type.GAUGE : MetricDef.Type.COUNTER,
                                      "Softnet statistic " + column + ".",
                                      value,
                                      "cpu",
                                      cpu.cpu());
                                })));
  }
}
