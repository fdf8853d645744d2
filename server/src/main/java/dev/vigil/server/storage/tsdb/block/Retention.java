package dev.vigil.server.storage.tsdb.block;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which blocks fall out of retention and deletes them: by time, blocks whose whole range
 * ends at least {@code retentionMillis} before a reference time; by size, the oldest blocks
 * beyond {@code maxBytes} of blocks on disk. Deletion is atomic per block.
 */
public final class Retention {

  private final long retentionMillis;
  private final long maxBytes;

  /**
   * A policy; {@code 0} disables either limit.
   *
   * @param maxBytes bytes the blocks may take; the caller subtracts what the WAL and head use
   */
  public Retention(long retentionMillis, long maxBytes) {
    if (retentionMillis < 0 || maxBytes < 0) {
      throw new IllegalArgumentException("retention limits must not be negative");
    }
    this.retentionMillis = retentionMillis;
    this.maxBytes = maxBytes;
  }

  /**
   * The blocks to delete, oldest first.
   *
   * @param referenceTime the newest data time (the head's max time), not the wall clock, so a
   *     server restarted after a long pause does not drop data it has not yet replaced
   */
  public List<Block> expired(List<Block> blocks, long referenceTime) {
    List<Block> newestFirst = new ArrayList<>(blocks);
    newestFirst.sort(Comparator.comparingLong((Block b) -> b.meta().maxTime()).reversed());
    List<Block> out = new ArrayList<>();
    long total = 0;
    for (Block b : newestFirst) {
      boolean tooOld =
          retentionMillis > 0 && b.meta().maxTime() <= referenceTime - retentionMillis;
      boolean tooBig = false;
      if (maxBytes > 0) {
        total += BlockFiles.sizeOf(b.dir());
        tooBig = total > maxBytes;
      }
      if (tooOld || tooBig) {
        out.add(0, b);
      }
    }
    return out;
  }

  /** Deletes {@link #expired} blocks and returns them; the caller stops querying them first. */
  public List<Block> apply(List<Block> blocks, long referenceTime) {
    List<Block> gone = expired(blocks, referenceTime);
    for (Block b : gone) {
      BlockFiles.delete(b.dir());
    }
    return gone;
  }
}
