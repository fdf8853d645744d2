package dev.vigil.server.storage;

import dev.vigil.server.model.Labels;

/**
 * Adds samples in one batch (typically one scrape). Not thread-safe: one appender per writer.
 *
 * <p>Samples become visible and durable-as-promised only when {@link #commit()} returns; {@link
 * #rollback()} discards the batch. An appender is done after either call.
 */
public interface Appender {

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

  /** Makes the batch visible and acknowledged. */
  void commit();

  /** Drops the batch. */
  void rollback();
}
