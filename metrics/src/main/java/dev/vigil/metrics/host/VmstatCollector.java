package dev.vigil.metrics.host;

import java.util.regex.Pattern;

/**
 * {@code node_vmstat_<field>} for the {@code /proc/vmstat} fields matching the field pattern.
 *
 * <p>node_exporter exposes these untyped; Micrometer has no untyped meter, and a counter would gain
 * a {@code _total} suffix, so they are gauges (the name is what the dashboards match).
 */
final class VmstatCollector implements HostCollector {

  /** node_exporter's default {@code --collector.vmstat.fields}. */
  static final String DEFAULT_FIELDS = "^(oom_kill|pgpg|pswp|pg.*fault).*";

  /** Per kernel field: its gauge if the name matches the field pattern (matched once). */
  private final FieldDefs defs;

  VmstatCollector(Pattern fields) {
    this.defs =
        new FieldDefs(
            field ->
                fields.matcher(field).find()
                    ? MetricDef.gauge(
                        "node_vmstat_" + field, "/proc/vmstat information field " + field + ".")
                    : null);
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("vmstat"), VmstatParser.PARSER)
        .ifPresent(values -> values.forEach((field, value) -> defs.add(out, field, value)));
  }
}
