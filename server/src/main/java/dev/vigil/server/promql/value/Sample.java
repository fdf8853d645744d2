package dev.vigil.server.promql.value;

import dev.vigil.server.model.Labels;

/**
 * One element of an instant vector. {@code timestamp} is the time of the stored sample for plain
 * selectors (what {@code timestamp()} reports) and the evaluation time otherwise; {@code dropName}
 * marks a series whose metric name is removed at the end of the query (delayed name removal).
 */
public record Sample(Labels labels, long timestamp, double value, boolean dropName) {

  /** The same sample with another value and the name marked for removal. */
  public Sample withValueDroppingName(double v) {
    return new Sample(labels, timestamp, v, true);
  }
}
