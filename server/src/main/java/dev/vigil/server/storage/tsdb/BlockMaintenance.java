package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFiles;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import dev.vigil.server.storage.tsdb.block.Compactor;
import dev.vigil.server.storage.tsdb.block.Retention;
import dev.vigil.server.storage.tsdb.headchunks.HeadChunkStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Keeps the on-disk blocks in shape after each head flush: compacts them into the growing ranges
 * the {@link Compactor} plans, then deletes whole blocks beyond the time or size retention. Runs on
 * the maintenance thread; queries see each change as one atomic swap of the {@link BlockSet}.
 */
final class BlockMaintenance {

  private static final System.Logger logger = System.getLogger(BlockMaintenance.class.getName());

  /** Bounds one pass, so a plan that keeps failing cannot hold the maintenance thread. */
  private static final int MAX_COMPACTIONS_PER_PASS = 16;

  /** Failures of one set of blocks, none of them damaged, before we stop retrying them. */
  static final int MAX_ATTEMPTS = 3;

  private final Path dataDir;
  private final Path walDir;
  private final BlockSet blocks;
  private final Compactor compactor;
  private final long retentionMillis;
  private final long retentionBytes;
  private final LongSupplier newestDataTime;
  final LongAdder compactions = new LongAdder();
  final LongAdder compactionFailures = new LongAdder();
  final LongAdder timeRetentions = new LongAdder();
  final LongAdder sizeRetentions = new LongAdder();
  /** Consecutive unexplained failures by set of parent ids; touched by the maintenance thread. */
  private final Map<Set<String>, Integer> failedAttempts = new HashMap<>();
  /** Blocks left out of compaction until restart after {@link #MAX_ATTEMPTS} failures. */
  private final Set<String> suspended = ConcurrentHashMap.newKeySet();

  /**
   * @param newestDataTime the head's newest sample time, the reference of time retention
   */
  BlockMaintenance(Path dataDir, Path walDir, BlockSet blocks, Compactor compactor,
      TsdbOptions options, LongSupplier newestDataTime) {
    this.dataDir = dataDir;
    this.walDir = walDir;
    this.blocks = blocks;
    this.compactor = compactor;
    this.retentionMillis = options.retention().toMillis();
    this.retentionBytes = options.retentionBytes();
    this.newestDataTime = newestDataTime;
  }

  /** The data directory whose blocks this maintains. */
  Path dataDir() {
    return dataDir;
  }

  /** One pass: compactions until none is due, then retention. */
  void run() {
    compact();
    applyRetention();
  }

  private void compact() {
    for (int i = 0; i < MAX_COMPACTIONS_PER_PASS; i++) {
      Map<String, Block> byId = new HashMap<>();
      List<BlockMeta> metas = new ArrayList<>();
      for (BlockSet.Handle h : blocks.list()) {
        if (!suspended.contains(h.meta().id())) {
          byId.put(h.meta().id(), h.block);
          metas.add(h.meta());
        }
      }
      List<BlockMeta> plan = compactor.plan(metas);
      if (plan.isEmpty()) {
        return;
      }
      List<Block> parents = new ArrayList<>();
      Set<String> parentIds = new TreeSet<>();
      for (BlockMeta m : plan) {
        parents.add(byId.get(m.id()));
        parentIds.add(m.id());
      }
      BlockMeta result;
      Block opened;
      try {
        result = compactor.compact(dataDir, parents);
        opened = openOrDelete(dataDir.resolve(result.id()));
      } catch (RuntimeException e) {
        compactionFailures.increment();
        if (markDamaged(parents, e)) {
          continue; // plan again without the damaged blocks
        }
        giveUpOrRetry(parentIds, e);
        return;
      }
      failedAttempts.remove(parentIds);
      // Crash windows: before this swap the new block is on disk beside its parents, and the
      // next start deletes the parents as subsumed (BlockLoader); after it, parents are renamed
      // away once their last querier closes.
      blocks.swap(List.of(opened), parentIds);
      compactions.increment();
      logger.log(Level.INFO, "compacted " + plan.size() + " blocks into " + result.id() + " ["
          + result.minTime() + ", " + result.maxTime() + "), level " + result.level());
    }
  }

  /** Opens a block just written; one that cannot be read back must not stay beside its parents. */
  private static Block openOrDelete(Path dir) {
    try {
      return Block.open(dir);
    } catch (RuntimeException e) {
      try {
        BlockFiles.delete(dir);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * After a failed compaction, reads each parent in full and marks those that are damaged as
   * {@code compaction.failed}: retrying them could only fail again. Whether a parent is damaged
   * is decided by reading it, not by the failure's message, which may as well come from the
   * writing side.
   *
   * @return whether any parent was found damaged
   */
  private boolean markDamaged(List<Block> parents, RuntimeException failure) {
    boolean any = false;
    for (Block b : parents) {
      try {
        b.verify();
      } catch (RuntimeException damage) {
        any = true;
        try {
          b.markCompactionFailed();
        } catch (RuntimeException e) {
          damage.addSuppressed(e); // marked in memory still: skipped until the process ends
        }
        logger.log(Level.ERROR, "compacting " + b.dir() + " failed and it is damaged; marked"
            + " compaction.failed in its meta.json: later compactions skip it, queries still read"
            + " what is readable. Move the directory aside and restart to drop it. Compaction"
            + " failure: " + failure, damage);
      }
    }
    return any;
  }

  /**
   * A failure no parent explains (disk full, permissions) is retried at the next pass, up to
   * {@link #MAX_ATTEMPTS} times for the same set of blocks; then those blocks are left out of
   * compaction until the process restarts, so a persistent problem costs a bounded amount of
   * work and log. Unlike damage, this is not written to disk: the cause may go away.
   */
  private void giveUpOrRetry(Set<String> parentIds, RuntimeException e) {
    int attempts = failedAttempts.merge(parentIds, 1, Integer::sum);
    if (attempts < MAX_ATTEMPTS) {
      logger.log(Level.ERROR, "compacting " + parentIds + " failed (attempt " + attempts + " of "
          + MAX_ATTEMPTS + "); the blocks stay as they are and the next maintenance run retries",
          e);
      return;
    }
    failedAttempts.remove(parentIds);
    suspended.addAll(parentIds);
    logger.log(Level.ERROR, "compacting " + parentIds + " failed " + attempts + " times; these"
        + " blocks are left out of compaction until the server restarts", e);
  }

  private void applyRetention() {
    List<Block> current = new ArrayList<>();
    for (BlockSet.Handle h : blocks.list()) {
      current.add(h.block);
    }
    if (current.isEmpty()) {
      return;
    }
    long reference = Math.max(newestDataTime.getAsLong(), blocks.maxTime());
    Set<String> expired = new HashSet<>();
    for (Block b : new Retention(retentionMillis, 0).expired(current, reference)) {
      expired.add(b.meta().id());
    }
    if (!expired.isEmpty()) {
      timeRetentions.increment();
    }
    if (retentionBytes > 0) {
      // The head's files (the WAL and the chunks_head/ cache) count against the budget too, as
      // in Prometheus, but are never deleted for it: they hold the newest data. At least one
      // byte stays for blocks, since Retention reads 0 as "no limit".
      long budget = Math.max(1, retentionBytes - headBytes());
      List<Block> remaining = new ArrayList<>();
      for (Block b : current) {
        if (!expired.contains(b.meta().id())) {
          remaining.add(b);
        }
      }
      List<Block> tooBig = new Retention(0, budget).expired(remaining, reference);
      if (!tooBig.isEmpty()) {
        sizeRetentions.increment();
        tooBig.forEach(b -> expired.add(b.meta().id()));
      }
    }
    if (!expired.isEmpty()) {
      logger.log(Level.INFO, "retention deletes blocks " + expired);
      blocks.swap(List.of(), expired);
    }
  }

  /** Bytes of the head's files: the WAL (segments and checkpoints) and {@code chunks_head/}. */
  long headBytes() {
    return bytesUnder(walDir) + bytesUnder(dataDir.resolve(HeadChunkStore.DIR_NAME));
  }

  private static long bytesUnder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(p)) {
            total += Files.size(p);
          }
        } catch (IOException e) {
          // deleted by a concurrent checkpoint or truncation: no longer counts
        }
      }
      return total;
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
