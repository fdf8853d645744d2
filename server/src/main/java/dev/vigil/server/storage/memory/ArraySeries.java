package dev.vigil.server.storage.memory;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.Series;

/** An immutable copy of one series' samples in a querier's range. */
final class ArraySeries implements Series {

  private final Labels labels;
  private final long[] timestamps;
  private final double[] values;
  /** Parallel to {@code timestamps}; null when the series has no start timestamps at all. */
  private final long[] startTimestamps;

  ArraySeries(Labels labels, long[] timestamps, double[] values, long[] startTimestamps) {
    this.labels = labels;
    this.timestamps = timestamps;
    this.values = values;
    this.startTimestamps = startTimestamps;
  }

  @Override
  public Labels labels() {
    return labels;
  }

  boolean isEmpty() {
    return timestamps.length == 0;
  }

  @Override
  public SampleIterator iterator() {
    return new SampleIterator() {
      private int i = -1;

      @Override
      public boolean next() {
        if (i < timestamps.length) {
          i++;
        }
        return i < timestamps.length;
      }

      @Override
      public boolean seek(long t) {
        if (i < 0) {
          i = 0;
        }
        while (i < timestamps.length && timestamps[i] < t) {
          i++;
        }
        return i < timestamps.length;
      }

      @Override
      public long timestamp() {
        return timestamps[i];
      }

      @Override
      public double value() {
        return values[i];
      }

      @Override
      public long startTimestamp() {
        return startTimestamps == null ? NO_START_TIMESTAMP : startTimestamps[i];
      }
    };
  }
}
