package dev.vigil.metrics.host;

import io.micrometer.core.instrument.Tags;

/** Identifies one series: exposition name plus label set. */
record SeriesKey(String name, Tags tags) {}
