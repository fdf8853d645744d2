package dev.vigil.server;

/**
 * How much heap to keep free above the live data, as the {@code MaxHeapFreeRatio} a full
 * collection shrinks the heap to: half the heap (twice the data, what Go's default {@code
 * GOGC=100} gives Prometheus) while the data is small, falling to a fifth as it grows.
 *
 * <p>Why not half throughout: the free part is young generation, and what the server allocates
 * (~20-40 bytes per ingested sample) does not grow with the data the way the data does. At 100k
 * series (~100 MiB live) half the heap was ~100 MiB of young generation filled every few minutes,
 * all of it resident: as much RSS again as the series themselves. A quarter of the data, but at
 * least {@link #FLOOR_BYTES}, still leaves young collections minutes apart at that load, while a
 * small server (2,000 series, ~12 MiB live) keeps exactly the headroom it had.
 */
final class HeapHeadroom {

  /** The ratio while the data is small: twice the data. Also what {@link HeapFootprint} sets. */
  static final int MOST_FREE_PERCENT = 50;

  /**
   * The lowest ratio: {@code MinHeapFreeRatio} as {@link HeapFootprint} sets it, since the JVM
   * keeps the minimum at or below the maximum.
   */
  static final int LEAST_FREE_PERCENT = 20;

  /** Headroom never goes below this: eight 4 MiB regions of young generation. */
  static final long FLOOR_BYTES = 32L << 20;

  private HeapHeadroom() {}

  /**
   * The {@code MaxHeapFreeRatio} for {@code liveBytes} of live data: a headroom of a quarter of the
   * data, at least {@link #FLOOR_BYTES}, as a share of data plus headroom, between {@link
   * #LEAST_FREE_PERCENT} and {@link #MOST_FREE_PERCENT}.
   */
  static int maxFreeRatio(long liveBytes) {
    if (liveBytes <= 0) {
      return MOST_FREE_PERCENT;
    }
    long headroom = Math.max(FLOOR_BYTES, liveBytes / 4);
    long total = liveBytes + headroom;
    long percent = (100 * headroom + total - 1) / total; // rounded up: never less room than asked
    return (int) Math.max(LEAST_FREE_PERCENT, Math.min(MOST_FREE_PERCENT, percent));
  }

  /** The committed heap a full collection leaves for {@code liveBytes} of live data. */
  static long heapFor(long liveBytes) {
    return liveBytes * 100 / (100 - maxFreeRatio(liveBytes));
  }
}
