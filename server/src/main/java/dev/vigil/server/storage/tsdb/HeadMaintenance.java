package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.head.Head;
import dev.vigil.server.storage.tsdb.wal.CheckpointResult;
import dev.vigil.server.storage.tsdb.wal.WalWriter;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides when the head drops old data and keeps the WAL in step: hands compactable ranges to the
 * {@link HeadCompactionHook}, applies retention, and after each head truncation checkpoints the
 * WAL so it never holds much more than the head. Runs on one thread at a time.
 */
final class HeadMaintenance {

  private static final System.Logger logger = System.getLogger(HeadMaintenance.class.getName());

  private final Head head;
  private final WalWriter wal;
  private final HeadCompactionHook hook;
  private final long blockRange;
  private final long retention;
  final LongAdder truncations = new LongAdder();
  final LongAdder checkpointFailures = new LongAdder();
  final LongAdder compactionFailures = new LongAdder();

  HeadMaintenance(Head head, WalWriter wal, HeadCompactionHook hook, TsdbOptions options) {
    this.head = head;
    this.wal = wal;
    this.hook = hook;
    this.blockRange = options.blockRange().toMillis();
    this.retention = options.retention().toMillis();
  }

  /** One maintenance pass. */
  synchronized void run() {
    long mint = head.minTime();
    long maxt = head.maxTime();
    if (mint > maxt) {
      return; // empty head
    }
    long cutoff = Long.MIN_VALUE;
    // Prometheus's rule: compact once the head spans 1.5 block ranges, so the newest half range
    // stays in memory for late samples and queries.
    while (maxt - mint > blockRange / 2 * 3) {
      long start = Math.floorDiv(mint, blockRange) * blockRange;
      long end = start + blockRange;
      try {
        if (!hook.onHeadCompactable(head, start, end)) {
          break;
        }
      } catch (IOException | RuntimeException e) {
        compactionFailures.increment();
        logger.log(Level.ERROR, "persisting head range [" + start + ", " + end + ") failed;"
            + " the head keeps it and retries later", e);
        break;
      }
      cutoff = end;
      mint = end;
    }
    // Retention is measured from the newest sample, as Prometheus measures it from the newest
    // block. Only act once a whole block range has expired: every truncation rewrites the WAL
    // checkpoint, which costs about as much as the head holds.
    long retentionCutoff = maxt - retention;
    if (retentionCutoff - head.minTime() >= blockRange) {
      cutoff = Math.max(cutoff, retentionCutoff);
    }
    if (cutoff > head.minTime()) {
      truncate(cutoff);
    }
  }

  private void truncate(long cutoff) {
    int current;
    try {
      // Closes the segment being written, so everything logged before the truncation can be
      // checkpointed; commits carry on in the new segment meanwhile.
      current = wal.nextSegment();
    } catch (IOException e) {
      checkpointFailures.increment();
      logger.log(Level.ERROR, "cannot start a new WAL segment; head not truncated", e);
      return;
    }
    head.truncateBefore(cutoff);
    truncations.increment();
    try {
      CheckpointResult r = wal.checkpoint(current - 1, head::hasSeries, cutoff);
      logger.log(Level.INFO, "head truncated before " + cutoff + "; WAL checkpoint "
          + r.dir().getFileName() + " replaces " + r.segmentsDeleted() + " segment(s)");
    } catch (IOException | RuntimeException e) {
      // The WAL still holds everything; replay drops what is too old, so this only costs disk.
      checkpointFailures.increment();
      logger.log(Level.ERROR, "WAL checkpoint after head truncation failed", e);
    }
  }
}
