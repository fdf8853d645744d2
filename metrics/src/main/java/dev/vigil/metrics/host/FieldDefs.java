package dev.vigil.metrics.host;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metric family of each kernel field a collector exposes under a name built from the field
 * ({@code node_memory_<Field>}, {@code node_vmstat_<field>}), built once per field rather than on
 * every refresh.
 *
 * <p>Why: a procfs file's field names are a fixed set per kernel, and building the name, the help
 * text and a validated {@link MetricDef} per field per scrape was a good part of a refresh's
 * garbage (meminfo ~55 fields, vmstat ~180 of which ~20 are selected).
 */
final class FieldDefs {

  /** Fields remembered at most; a file with more distinct names gets the rest built per refresh. */
  static final int MAX_FIELDS = 1024;

  /** Builds the family of a field, or null when the field is not exposed (not selected). */
  @FunctionalInterface
  interface Definer {
    /**
     * @throws IllegalArgumentException when the name is not exposable (see {@link MetricDef})
     */
    MetricDef define(String field);
  }

  private final Definer definer;
  private final Map<String, Optional<MetricDef>> defs = new ConcurrentHashMap<>();

  FieldDefs(Definer definer) {
    this.definer = definer;
  }

  /** Adds {@code value} under the family of {@code field}, if that field is exposed. */
  void add(SampleSink out, String field, double value) {
    Optional<MetricDef> def = defs.get(field);
    if (def == null) {
      try {
        def = Optional.ofNullable(definer.define(field));
      } catch (IllegalArgumentException e) {
        // Not remembered: the sink reports the rejected name on every refresh, as it always did.
        out.reject(e.getMessage());
        return;
      }
      if (defs.size() < MAX_FIELDS) {
        defs.put(field, def);
      }
    }
    if (def.isPresent()) {
      out.add(def.get(), value);
    }
  }
}
