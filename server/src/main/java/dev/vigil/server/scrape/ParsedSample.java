package dev.vigil.server.scrape;

import dev.vigil.server.model.Labels;

/**
 * One sample as exposed by a target: its labels (with {@code __name__}), value, and the timestamp
 * in milliseconds when the target gave one.
 */
public record ParsedSample(Labels labels, double value, boolean hasTimestamp, long timestamp) {

  /** A sample without its own timestamp. */
  public static ParsedSample of(Labels labels, double value) {
    return new ParsedSample(labels, value, false, 0);
  }
}
