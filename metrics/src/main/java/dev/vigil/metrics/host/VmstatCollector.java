package dev.vigil.metrics.host;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

  private final Pattern fields;

  /**
   * Whether each kernel field name matches {@link #fields}: the names are a fixed set per kernel,
   * so each is matched once rather than on every scrape.
   */
  private final Map<String, Boolean> selected = new ConcurrentHashMap<>();

  VmstatCollector(Pattern fields) {
    this.fields = fields;
  }

  @Override
  public void collect(CollectContext context, SampleSink out) {
    context
        .parse(context.paths().proc("vmstat"), VmstatParser.PARSER)
        .ifPresent(
            values ->
                values.forEach(
                    (field, value) -> {
                      if (isSelected(field)) {
                        out.addNamed(
                            "node_vmstat_" + field,
                            MetricDef.Type.GAUGE,
                            "/proc/vmstat information field " + field + ".",
                            value);
                      }
                    }));
  }

  private boolean isSelected(String field) {
    Boolean known = selected.get(field);
    if (known == null) {
      known = fields.matcher(field).find();
      selected.put(field, known);
    }
    return known;
  }
}
