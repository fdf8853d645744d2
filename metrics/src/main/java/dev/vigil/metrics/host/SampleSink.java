package dev.vigil.metrics.host;

import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Receives the samples one collector produced in one refresh; the first value for a series wins.
 */
final class SampleSink {

  private final Map<SeriesKey, Sample> samples = new LinkedHashMap<>();
  private final Consumer<String> rejected;

  /**
   * @param rejected told about series that cannot be exposed under their node_exporter name
   */
  SampleSink(Consumer<String> rejected) {
    this.rejected = rejected;
  }

  /** Adds a value; NaN means "not known" and adds nothing. Labels are name/value pairs. */
  void add(MetricDef def, double value, String... labels) {
    if (Double.isNaN(value)) {
      return;
    }
    Sample sample = new Sample(def, Tags.of(labels), value);
    samples.putIfAbsent(sample.key(), sample);
  }

  /**
   * Adds a value for a family whose name comes from the file being read (meminfo, vmstat, netstat,
   * ...). A name that Micrometer would rewrite is skipped and reported rather than exposed under a
   * wrong name.
   */
  void addNamed(String name, MetricDef.Type type, String help, double value, String... labels) {
    MetricDef def;
    try {
      def = new MetricDef(name, type, help);
    } catch (IllegalArgumentException e) {
      reject(e.getMessage());
      return;
    }
    add(def, value, labels);
  }

  /** Reports a series that cannot be exposed under its node_exporter name. */
  void reject(String reason) {
    rejected.accept(reason);
  }

  Collection<Sample> samples() {
    return samples.values();
  }
}
