package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import dev.vigil.server.storage.tsdb.block.Compactor;
import dev.vigil.server.storage.tsdb.block.Retention;
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
        byId.put(h.meta().id(), h.block);
        metas.add(h.meta());
      }
      List<BlockMeta> plan = compactor.plan(metas);
      if (plan.isEmpty()) {
        return;
      }
      List<Block> parents = new ArrayList<>();
      Set<String> parentIds = new HashSet<>();
      for (BlockMeta m : plan) {
        parents.add(byId.get(m.id()));
        parentIds.add(m.id());
      }
      BlockMeta result;
      Block opened;
      try {
        result = compactor.compact(dataDir, parents);
        opened = Block.open(dataDir.resolve(result.id()));
      } catch (RuntimeException e) {
        compactionFailures.increment();
        logger.log(Level.ERROR, "compacting " + parentIds + " failed; the blocks stay as they"
            + " are and the next maintenance run retries", e);
        return;
      }
      // Crash windows: before this swap the new block is on disk beside its parents, and the
      // next start deletes the parents as subsumed (BlockLoader); after it, parents are renamed
      // away once their last querier closes.
      blocks.swap(List.of(opened), parentIds);
      compactions.increment();
      logger.log(Level.INFO, "compacted " + plan.size() + " blocks into " + result.id() + " ["
          + result.minTime() + ", " + result.maxTime() + "), level " + result.level());
    }
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
      // The WAL counts against the budget too (the head has no on-disk chunks of its own), but
      // is never deleted for it: it holds the newest data. At least one byte stays for blocks,
      // since Retention reads 0 as "no limit".
      long budget = Math.max(1, retentionBytes - walBytes());
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

  /** Bytes of the WAL directory (segments and checkpoints). */
  long walBytes() {
    try (Stream<Path> files = Files.walk(walDir)) {
      long total = 0;
      for (Path p : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(p)) {
            total += Files.size(p);
          }
        } catch (IOException e) {
          // deleted by a concurrent checkpoint: no longer counts
        }
      }
      return total;
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
