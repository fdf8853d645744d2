package dev.vigil.server.storage.tsdb.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WalWriter} cuts segments and when it fsyncs.
 *
 * @param segmentSize the size at which a segment is closed and the next one started; a record
 *     never spans segments, so a segment may end a little earlier, and a single record larger than
 *     this gets a segment of its own
 * @param syncPolicy when {@link WalWriter#commit} fsyncs
 * @param syncInterval the fsync period of {@link WalSyncPolicy#INTERVAL}; ignored otherwise
 */
public record WalOptions(long segmentSize, WalSyncPolicy syncPolicy, Duration syncInterval) {

  /** 128 MiB, as in Prometheus. */
  public static final long DEFAULT_SEGMENT_SIZE = 128L << 20;

  /** Small enough for tests that want many segments, big enough to hold useful batches. */
  public static final long MIN_SEGMENT_SIZE = 1024;

  /** Keeps offsets comfortably inside what every file API handles. */
  public static final long MAX_SEGMENT_SIZE = 1L << 30;

  public WalOptions {
    Objects.requireNonNull(syncPolicy, "syncPolicy");
    Objects.requireNonNull(syncInterval, "syncInterval");
    if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
      throw new IllegalArgumentException("WAL segment size " + segmentSize + " outside ["
          + MIN_SEGMENT_SIZE + ", " + MAX_SEGMENT_SIZE + "]");
    }
    if (syncInterval.isNegative() || syncInterval.isZero()) {
      throw new IllegalArgumentException("WAL sync interval must be positive: " + syncInterval);
    }
  }

  /** 128 MiB segments, fsync on every commit (shared between concurrent commits). */
  public static WalOptions defaults() {
    return new WalOptions(DEFAULT_SEGMENT_SIZE, WalSyncPolicy.COMMIT, Duration.ofSeconds(1));
  }

  public WalOptions withSegmentSize(long bytes) {
    return new WalOptions(bytes, syncPolicy, syncInterval);
  }

  public WalOptions withSyncPolicy(WalSyncPolicy policy) {
    return new WalOptions(segmentSize, policy, syncInterval);
  }

  public WalOptions withSyncInterval(Duration interval) {
    return new WalOptions(segmentSize, syncPolicy, interval);
  }
}
