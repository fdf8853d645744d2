package dev.vigil.server.storage;

import dev.vigil.server.model.Labels;

/**
 * Adds samples in one batch (typically one scrape). Not thread-safe: one appender per writer.
 *
 * <p>Samples become visible and durable-as-promised only when {@link #commit()} returns; {@link
 * #rollback()} discards the batch. An appender is done after either call.
 */
public interface Appender {

  /** The ref meaning "no ref known": stores without refs return it, callers start with it. */
  long NO_REF = 0;

  /**
   * Adds one float sample.
   *
   * @param labels the series' label set, including {@code __name__}
   * @param timestamp milliseconds since the Unix epoch
   * @param value the value; {@link StaleNaN#VALUE} marks the series stale
   * @throws SampleRejectedException when the store refuses this sample (out of order, too old,
   *     duplicate timestamp with a different value); the rest of the batch is unaffected
   */
  void append(Labels labels, long timestamp, double value);

  /**
   * Adds one float sample with its start timestamp (see {@link SampleIterator#startTimestamp()}).
   * The default drops the start timestamp: stores that cannot keep it (the TSDB, until its chunk
   * format has room) still accept the sample.
   *
   * @param startTimestamp milliseconds since the epoch, or {@link
   *     SampleIterator#NO_START_TIMESTAMP}
   */
  default void append(Labels labels, long startTimestamp, long timestamp, double value) {
    append(labels, timestamp, value);
  }

  /**
   * Adds one float sample to the series a store named by {@code ref} before, and returns the ref
   * to pass next time. This is how a scraper appends a known series without the store looking up
   * its label set: refs stand for one series of one store for that store's lifetime and are never
   * reused for other labels.
   *
   * <p>{@code labels} must be the series' labels whatever the ref: a store falls back to them when
   * the ref is {@link #NO_REF} or no longer resolves (the series was dropped meanwhile), so a stale
   * ref costs a lookup, never a wrong series. The default ignores refs (stores without them, such
   * as the in-memory reference store) and returns {@link #NO_REF}.
   *
   * @return the series' ref, or {@link #NO_REF} when the store has none (yet) for it; a series
   *     first seen in this batch typically gets one only once the batch is committed
   * @throws SampleRejectedException as {@link #append(Labels, long, double)}
   */
  default long append(long ref, Labels labels, long timestamp, double value) {
    append(labels, timestamp, value);
    return NO_REF;
  }

  /** Makes the batch visible and acknowledged. */
  void commit();

  /** Drops the batch. */
  void rollback();
}
