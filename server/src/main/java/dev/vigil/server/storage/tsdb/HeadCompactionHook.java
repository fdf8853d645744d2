package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.head.Head;
import java.io.IOException;

/**
 * Where head data goes when it is old enough to leave memory: the block writer plugs in here.
 *
 * <p>Until blocks exist, {@link #NONE} persists nothing, so the head keeps everything within
 * retention and only retention truncates it. A hook that returns {@code true} promises that
 * {@code [mint, maxt)} is durable elsewhere; the head is then truncated before {@code maxt} and
 * the WAL checkpointed without those samples.
 */
@FunctionalInterface
public interface HeadCompactionHook {

  /** Persists nothing; the head keeps its data until retention drops it. */
  HeadCompactionHook NONE = (head, mint, maxt) -> false;

  /**
   * Called from the maintenance thread when the head spans more than 1.5 block ranges, once per
   * block-aligned range, oldest first.
   *
   * @param head the head to read the range from (through its querier or chunks)
   * @param mint the range's start, inclusive, aligned to the block range
   * @param maxt the range's end, exclusive
   * @return whether the range is now persisted so the head may drop it
   * @throws IOException when persisting failed; the head keeps the data and the next maintenance
   *     run retries
   */
  boolean onHeadCompactable(Head head, long mint, long maxt) throws IOException;
}
