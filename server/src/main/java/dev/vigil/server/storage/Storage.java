package dev.vigil.server.storage;

/**
 * The store that scraping writes to and queries read from.
 *
 * <p>Implementations are thread-safe: many appenders and queriers may be open at once. A sample
 * is acknowledged when {@link Appender#commit()} returns; from then on every querier opened
 * afterwards sees it.
 */
public interface Storage extends AutoCloseable {

  /** A new appender; it buffers until {@link Appender#commit()}. */
  Appender appender();

  /** A read view over samples with timestamps in [minTime, maxTime] (milliseconds, inclusive). */
  Querier querier(long minTime, long maxTime);

  @Override
  void close();
}
