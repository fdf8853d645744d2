package dev.vigil.metrics.host;

/**
 * Every {@code /proc/meminfo} field as {@code node_memory_<Field>[_bytes]}, a gauge, named by
 * {@link MeminfoParser}; like node_exporter (before it switched to a fixed list) new kernel fields
 * appear without a code change.
 */
final class MeminfoCollector implements HostCollector {

  private final FieldDefs defs =
      new FieldDefs(
          field ->
              new MetricDef(
                  "node_memory_" + field,
                  field.endsWith("_total") ? MetricDef.Type.COUNTER : MetricDef.Type.GAUGE,
                  "Memory information field " + field + "."));

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("meminfo"), MeminfoParser.PARSER)
        .ifPresent(fields -> fields.forEach((field, value) -> defs.add(out, field, value)));
  }
}
