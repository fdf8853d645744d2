package dev.vigil.metrics.host;

import io.micrometer.core.instrument.Tags;

/**
 * One value a collector read for one series in one refresh.
 *
 * <p>The series key is built once, with the sample: the sink, the binding's value map and the
 * meter sync all look it up, and building it per lookup was three keys per series per scrape.
 */
record Sample(MetricDef def, SeriesKey key, double value) {

  Sample(MetricDef def, Tags tags, double value) {
    this(def, new SeriesKey(def.name(), tags), value);
  }

  Tags tags() {
    return key.tags();
  }
}
