package dev.vigil.metrics.host;

import io.micrometer.core.instrument.Tags;

/** One value a collector read for one series in one refresh. */
record Sample(MetricDef def, Tags tags, double value) {

  SeriesKey key() {
    return new SeriesKey(def.name(), tags);
  }
}
