package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.model.Labels;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The arrays a {@link HeadAppender} collects its batch in. The head keeps one per appending thread
 * and lends it to one appender at a time, so a steady scrape neither allocates nor regrows them
 * (starting from 16 entries, a 500-sample batch used to copy every array five times per commit).
 */
final class BatchBuffer {

  private static final int INITIAL = 16;
  /** A buffer grown past this by one huge batch is shrunk back when returned. */
  private static final int KEEP_AT_MOST = 1 << 16;

  MemSeries[] series = new MemSeries[INITIAL];
  Labels[] labels = new Labels[INITIAL];
  long[] timestamps = new long[INITIAL];
  long[] valueBits = new long[INITIAL];
  final PendingIndex pendingByRef = new PendingIndex();
  private final AtomicBoolean lent = new AtomicBoolean();

  /** Takes the buffer for one appender; false when another appender still has it. */
  boolean lend() {
    return lent.compareAndSet(false, true);
  }

  /** Room for at least {@code n} entries, keeping the first {@code size}. */
  void grow(int n) {
    series = Arrays.copyOf(series, n);
    labels = Arrays.copyOf(labels, n);
    timestamps = Arrays.copyOf(timestamps, n);
    valueBits = Arrays.copyOf(valueBits, n);
  }

  /** Empties the first {@code used} entries and gives the buffer back. */
  void giveBack(int used) {
    if (series.length > KEEP_AT_MOST) {
      series = new MemSeries[INITIAL];
      labels = new Labels[INITIAL];
      timestamps = new long[INITIAL];
      valueBits = new long[INITIAL];
    } else {
      // Drop references so the buffer keeps no series or label set alive.
      Arrays.fill(series, 0, used, null);
      Arrays.fill(labels, 0, used, null);
    }
    pendingByRef.clear();
    lent.set(false);
  }
}
