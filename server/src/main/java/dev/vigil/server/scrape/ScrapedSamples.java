package dev.vigil.server.scrape;

import java.util.Arrays;

/**
 * One scrape's samples as parsed with a {@link SeriesCache}: parallel arrays of cache entry, value
 * and optional timestamp, reused scrape after scrape so that parsing allocates nothing per sample.
 * Not thread-safe; one per scrape loop.
 */
final class ScrapedSamples {

  private SeriesCache.Entry[] series = new SeriesCache.Entry[64];
  private double[] values = new double[64];
  private boolean[] hasTimestamps = new boolean[64];
  private long[] timestamps = new long[64];
  private int size;

  void clear() {
    // Drop the references so entries evicted from the cache can be collected.
    Arrays.fill(series, 0, size, null);
    size = 0;
  }

  void add(SeriesCache.Entry e, double value, boolean hasTimestamp, long timestamp) {
    if (size == series.length) {
      int n = size * 2;
      series = Arrays.copyOf(series, n);
      values = Arrays.copyOf(values, n);
      hasTimestamps = Arrays.copyOf(hasTimestamps, n);
      timestamps = Arrays.copyOf(timestamps, n);
    }
    series[size] = e;
    values[size] = value;
    hasTimestamps[size] = hasTimestamp;
    timestamps[size] = timestamp;
    size++;
  }

  int size() {
    return size;
  }

  SeriesCache.Entry series(int i) {
    return series[i];
  }

  double value(int i) {
    return values[i];
  }

  boolean hasTimestamp(int i) {
    return hasTimestamps[i];
  }

  long timestamp(int i) {
    return timestamps[i];
  }
}
