package dev.vigil.metrics.host;

import static dev.vigil.metrics.host.MetricDef.gauge;

import java.util.List;

/** {@code node_load1}, {@code node_load5} and {@code node_load15} from {@code /proc/loadavg}. */
final class LoadavgCollector implements HostCollector {

  static final List<MetricDef> LOADS =
      List.of(
          gauge("node_load1", "1m load average."),
          gauge("node_load5", "5m load average."),
          gauge("node_load15", "15m load average."));

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("loadavg"), LoadavgParser.PARSER)
        .ifPresent(
            loads -> {
              for (MetricDef def : LOADS) {
                Double value = loads.get(def.name().substring("node_".length()));
                if (value != null) {
                  out.add(def, value);
                }
              }
            });
  }
}
