package dev.vigil.server.storage;

/** A forward-only cursor over one series' samples in timestamp order. */
public interface SampleIterator {

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
}
