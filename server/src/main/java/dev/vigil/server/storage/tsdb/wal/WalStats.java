package dev.vigil.server.storage.tsdb.wal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters describing one WAL's activity since the process started, for self-metrics.
 *
 * <p>Thread-safe. Share one instance between the reader (replay) and the writer of a directory
 * so repairs found at startup and writes afterwards land in the same place.
 */
public final class WalStats {

  private final LongAdder fsyncs = new LongAdder();
  private final LongAdder fsyncNanosTotal = new LongAdder();
  private final AtomicLong fsyncNanosMax = new AtomicLong();
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder recordsWritten = new LongAdder();
  private final LongAdder segmentsCreated = new LongAdder();
  private final LongAdder repairs = new LongAdder();
  private final LongAdder corruptions = new LongAdder();
  private final LongAdder checkpoints = new LongAdder();

  void recordFsync(long nanos) {
    fsyncs.increment();
    fsyncNanosTotal.add(nanos);
    fsyncNanosMax.accumulateAndGet(nanos, Math::max);
  }

  void recordWrite(long records, long bytes) {
    recordsWritten.add(records);
    bytesWritten.add(bytes);
  }

  void recordSegmentCreated() {
    segmentsCreated.increment();
  }

  void recordRepair(boolean corruption) {
    repairs.increment();
    if (corruption) {
      corruptions.increment();
    }
  }

  void recordCheckpoint() {
    checkpoints.increment();
  }

  /** File fsyncs of segments (commit syncs, interval syncs, rollovers, close). */
  public long fsyncs() {
    return fsyncs.sum();
  }

  /** Total time spent in segment fsyncs, in nanoseconds. */
  public long fsyncNanosTotal() {
    return fsyncNanosTotal.sum();
  }

  /** The longest single segment fsync, in nanoseconds. */
  public long fsyncNanosMax() {
    return fsyncNanosMax.get();
  }

  /** Bytes appended to segments, framing included. */
  public long bytesWritten() {
    return bytesWritten.sum();
  }

  /** Records appended to segments. */
  public long recordsWritten() {
    return recordsWritten.sum();
  }

  /** Segment files created, including the first one of each writer. */
  public long segmentsCreated() {
    return segmentsCreated.sum();
  }

  /** Times a segment was truncated to its last good record (torn tails and corruptions). */
  public long repairs() {
    return repairs.sum();
  }

  /** Repairs caused by damage a crash cannot explain: bad checksum, impossible length, gap. */
  public long corruptions() {
    return corruptions.sum();
  }

  /** Checkpoints completed. */
  public long checkpoints() {
    return checkpoints.sum();
  }
}
