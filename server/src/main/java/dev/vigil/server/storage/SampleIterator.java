package dev.vigil.server.storage;

/** A forward-only cursor over one series' samples in timestamp order. */
public interface SampleIterator {

  /**
   * The start timestamp meaning "unknown", as in Prometheus and OTel: a real start timestamp at
   * the epoch cannot be told apart, which is the convention we share with them.
   */
  long NO_START_TIMESTAMP = 0;

  /** Advances to the next sample; false when there is none. */
  boolean next();

  /**
   * Advances to the first sample with timestamp >= t (staying put when already there); false when
   * there is none.
   */
  boolean seek(long t);

  /** The current sample's timestamp in milliseconds. */
  long timestamp();

  /** The current sample's value; compare stale markers with {@link StaleNaN#is}. */
  double value();

  /**
   * The current sample's start timestamp (OTel start time, OpenMetrics created timestamp): when
   * the counter or delta it belongs to started counting, in milliseconds; {@link
   * #NO_START_TIMESTAMP} when unknown. Stores that do not keep start timestamps (the TSDB, for
   * now: its chunk format has no place for them) answer "unknown".
   */
  default long startTimestamp() {
    return NO_START_TIMESTAMP;
  }
}
