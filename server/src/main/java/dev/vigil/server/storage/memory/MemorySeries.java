package dev.vigil.server.storage.memory;

import dev.vigil.server.model.Labels;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SampleRejectedException;
import dev.vigil.server.storage.SampleRejectedException.Reason;
import java.util.Arrays;

/** One series' samples in time order, in growable arrays. Guarded by the storage's lock. */
final class MemorySeries {

  private final Labels labels;
  private long[] timestamps = new long[8];
  private double[] values = new double[8];
  /** Start timestamps, allocated on the first known one: most series never have any. */
  private long[] startTimestamps;
  private int size;

  MemorySeries(Labels labels) {
    this.labels = labels;
  }

  Labels labels() {
    return labels;
  }

  int size() {
    return size;
  }

  long lastTimestamp() {
    return timestamps[size - 1];
  }

  double lastValue() {
    return values[size - 1];
  }

  /**
   * Whether a sample after the current last one should be stored: false for an exact duplicate
   * (same timestamp, same bits), which Prometheus treats as a no-op.
   *
   * @throws SampleRejectedException for an older timestamp or a same-timestamp different value
   */
  static boolean accepts(
      Labels labels, boolean hasLast, long lastT, double lastV, long t, double v) {
    if (!hasLast || t > lastT) {
      return true;
    }
    if (t < lastT) {
      throw new SampleRejectedException(
          Reason.OUT_OF_ORDER,
          "out of order sample for series "
              + labels
              + " at "
              + t
              + " (last sample at "
              + lastT
              + ")");
    }
    // Compare bits: a stale marker and an ordinary NaN are different values.
    if (Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(lastV)) {
      return false;
    }
    throw new SampleRejectedException(
        Reason.DUPLICATE_TIMESTAMP,
        "duplicate sample for timestamp " + t + " with a different value for series " + labels);
  }

  void add(long st, long t, double v) {
    if (size == timestamps.length) {
      int n = size * 2;
      timestamps = Arrays.copyOf(timestamps, n);
      values = Arrays.copyOf(values, n);
      if (startTimestamps != null) {
        startTimestamps = Arrays.copyOf(startTimestamps, n);
      }
    }
    if (st != SampleIterator.NO_START_TIMESTAMP && startTimestamps == null) {
      startTimestamps = new long[timestamps.length];
    }
    if (startTimestamps != null) {
      startTimestamps[size] = st;
    }
    timestamps[size] = t;
    values[size] = v;
    size++;
  }

  /** Whether any sample lies in [minTime, maxTime]. */
  boolean hasSamplesIn(long minTime, long maxTime) {
    int from = firstIndexAtOrAfter(minTime);
    return from < size && timestamps[from] <= maxTime;
  }

  /** A copy of the samples in [minTime, maxTime]. */
  ArraySeries snapshot(long minTime, long maxTime) {
    int from = firstIndexAtOrAfter(minTime);
    int to = maxTime == Long.MAX_VALUE ? size : firstIndexAtOrAfter(maxTime + 1);
    return new ArraySeries(
        labels,
        Arrays.copyOfRange(timestamps, from, Math.max(from, to)),
        Arrays.copyOfRange(values, from, Math.max(from, to)),
        startTimestamps == null
            ? null
            : Arrays.copyOfRange(startTimestamps, from, Math.max(from, to)));
  }

  private int firstIndexAtOrAfter(long t) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timestamps[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
