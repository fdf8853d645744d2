package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.storage.Querier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Plans and runs compactions: overlapping blocks are merged first (deduplicating samples), then
 * adjacent blocks are merged into the next of a series of exponentially growing, epoch-aligned
 * ranges (2 h, 6 h, 18 h, ... by default). Compacting writes a new block and leaves its parents in
 * place; the caller swaps them out and deletes the parents with {@link BlockFiles#delete}.
 */
public final class Compactor {

  /** The smallest range, the head's block size. */
  public static final long BASE_RANGE_MILLIS = 2 * 3600_000L;

  private static final long MAX_RANGE_MILLIS = 31 * 24 * 3600_000L;

  private final long[] ranges;
  private final BlockWriter writer;

  /** A compactor over {@code ranges} (ascending, each a multiple of the previous). */
  public Compactor(long[] ranges, BlockWriter writer) {
    for (int i = 1; i < ranges.length; i++) {
      if (ranges[i] <= ranges[i - 1] || ranges[i] % ranges[i - 1] != 0) {
        throw new IllegalArgumentException("ranges must grow by whole multiples at index " + i);
      }
    }
    this.ranges = ranges.clone();
    this.writer = writer;
  }

  /**
   * Ranges 2 h × 3^k, stopping before 10 % of the retention or 31 days, whichever is smaller, so
   * no block outlives its data by much (retention deletes whole blocks only). Prometheus does
   * the same with its default of factor 3 and the 10 % cap.
   */
  public static long[] rangesFor(long retentionMillis) {
    long cap = Math.min(MAX_RANGE_MILLIS, retentionMillis / 10);
    List<Long> out = new ArrayList<>();
    out.add(BASE_RANGE_MILLIS);
    for (long r = BASE_RANGE_MILLIS * 3; r <= cap; r *= 3) {
      out.add(r);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The blocks to compact next, oldest first; empty when nothing is due. The most recently
   * started block is held back from range compaction (as Prometheus does), so a freshly flushed
   * block stays as it is for one block period, which is when backups usually copy it. Blocks
   * marked {@link BlockMeta#compactionFailed()} are never planned, nor is a window holding one.
   */
  public List<BlockMeta> plan(List<BlockMeta> blocks) {
    List<BlockMeta> sorted = new ArrayList<>(blocks);
    sorted.sort(Comparator.comparingLong(BlockMeta::minTime).thenComparing(BlockMeta::id));
    // A block whose compaction failed takes part in no overlap merge: it would fail again. Its
    // overlap stays for queries to merge, as with any overlap before it is compacted.
    List<BlockMeta> overlapping =
        firstOverlap(sorted.stream().filter(b -> !b.compactionFailed()).toList());
    if (!overlapping.isEmpty()) {
      return overlapping;
    }
    if (sorted.size() < 2) {
      return List.of();
    }
    long newestStart = sorted.get(sorted.size() - 1).minTime();
    List<BlockMeta> candidates = sorted.subList(0, sorted.size() - 1);
    for (int r = 1; r < ranges.length; r++) {
      for (List<BlockMeta> group : splitByRange(candidates, ranges[r])) {
        long min = group.get(0).minTime();
        long max = group.get(group.size() - 1).maxTime();
        long windowEnd = Math.floorDiv(min, ranges[r]) * ranges[r] + ranges[r];
        // Merge once the window is filled, or once the newest block starts past its end (then no
        // more blocks will arrive for it, and gaps stay gaps). Prometheus compares the group's end
        // with the newest candidate's start instead, which can wait one block longer.
        // A window holding a block whose compaction failed is left as it is (as Prometheus
        // does): merging the others around it would only add an overlap with the failed block.
        boolean anyFailed = group.stream().anyMatch(BlockMeta::compactionFailed);
        if (group.size() > 1 && !anyFailed
            && (max - min == ranges[r] || windowEnd <= newestStart)) {
          return group;
        }
      }
    }
    return List.of();
  }

  /** The first run of blocks whose ranges overlap each other, or empty. */
  private static List<BlockMeta> firstOverlap(List<BlockMeta> sorted) {
    List<BlockMeta> group = new ArrayList<>();
    long groupMax = Long.MIN_VALUE;
    for (BlockMeta b : sorted) {
      if (!group.isEmpty() && b.minTime() < groupMax) {
        group.add(b);
        groupMax = Math.max(groupMax, b.maxTime());
        continue;
      }
      if (group.size() > 1) {
        return group;
      }
      group = new ArrayList<>(List.of(b));
      groupMax = b.maxTime();
    }
    return group.size() > 1 ? group : List.of();
  }

  /** Blocks grouped by the aligned window of size {@code range} that wholly contains them. */
  private static List<List<BlockMeta>> splitByRange(List<BlockMeta> sorted, long range) {
    List<List<BlockMeta>> out = new ArrayList<>();
    List<BlockMeta> group = new ArrayList<>();
    long windowStart = Long.MIN_VALUE;
    for (BlockMeta b : sorted) {
      long start = Math.floorDiv(b.minTime(), range) * range;
      if (b.maxTime() > start + range) {
        continue; // already as large as the window, or straddling it
      }
      if (start != windowStart && !group.isEmpty()) {
        out.add(group);
        group = new ArrayList<>();
      }
      windowStart = start;
      group.add(b);
    }
    if (!group.isEmpty()) {
      out.add(group);
    }
    return out;
  }

  /**
   * Merges {@code blocks} into one new block in {@code dataDir}: level one above the highest
   * parent, sources the union of theirs, range the union of theirs. Where blocks overlap and hold
   * the same timestamp, the sample of the most recently created block (highest id) is kept.
   */
  public BlockMeta compact(Path dataDir, List<Block> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("nothing to compact");
    }
    List<Block> newestFirst = new ArrayList<>(blocks);
    newestFirst.sort(Comparator.comparing((Block b) -> b.meta().id()).reversed());
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    int level = 0;
    TreeSet<String> sources = new TreeSet<>();
    List<Querier> queriers = new ArrayList<>();
    for (Block b : newestFirst) {
      BlockMeta m = b.meta();
      min = Math.min(min, m.minTime());
      max = Math.max(max, m.maxTime());
      level = Math.max(level, m.level());
      sources.addAll(m.sources());
      queriers.add(b.querier(m.minTime(), m.maxTime() - 1));
    }
    try (MergeQuerier merged = new MergeQuerier(queriers)) {
      return writer.write(dataDir, merged, min, max, level + 1, new ArrayList<>(sources));
    }
  }
}
