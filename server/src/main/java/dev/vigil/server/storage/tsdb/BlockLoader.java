package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFiles;
import dev.vigil.server.storage.tsdb.block.BlockId;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens the blocks of a data directory at startup: removes what interrupted writes and deletions
 * left, drops blocks a later compaction already holds, opens the rest oldest first and logs
 * overlaps (queries merge them; the next compaction joins them).
 */
final class BlockLoader {

  private static final System.Logger logger = System.getLogger(BlockLoader.class.getName());

  private BlockLoader() {}

  /**
   * The blocks of {@code dataDir}, sorted by start time.
   *
   * @throws IOException when the directory cannot be listed
   * @throws dev.vigil.server.storage.tsdb.block.BlockFormatException naming the damaged block; we
   *     refuse to start rather than silently serve a store with a hole in it, as Prometheus does
   */
  static List<Block> load(Path dataDir) throws IOException {
    BlockFiles.cleanLeftovers(dataDir);
    List<Block> blocks = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(dataDir)) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        if (Files.isDirectory(p) && BlockId.isValid(p.getFileName().toString())) {
          blocks.add(Block.open(p));
        }
      }
    }
    blocks = dropSubsumed(blocks);
    blocks.sort(Comparator.comparingLong((Block b) -> b.meta().minTime())
        .thenComparing(b -> b.meta().id()));
    logOverlaps(blocks);
    return blocks;
  }

  /**
   * Deletes blocks whose data a higher-level block also holds: what a crash between publishing a
   * compaction and deleting its parents leaves behind. Without this they would merely overlap and
   * be compacted again, at the cost of one pointless compaction.
   */
  static List<Block> dropSubsumed(List<Block> blocks) {
    List<Block> kept = new ArrayList<>();
    for (Block b : blocks) {
      Block holder = null;
      for (Block other : blocks) {
        BlockMeta o = other.meta();
        if (o.level() > b.meta().level() && o.sources().containsAll(b.meta().sources())) {
          holder = other;
          break;
        }
      }
      if (holder == null) {
        kept.add(b);
      } else {
        logger.log(Level.INFO, "deleting " + b + ": its data is in the compacted " + holder);
        BlockFiles.delete(b.dir());
      }
    }
    return kept;
  }

  private static void logOverlaps(List<Block> sorted) {
    long maxEnd = Long.MIN_VALUE;
    Block last = null;
    for (Block b : sorted) {
      if (last != null && b.meta().minTime() < maxEnd) {
        logger.log(Level.WARNING, "overlapping blocks " + last + " and " + b
            + ": queries merge them and the next compaction joins them");
      }
      if (b.meta().maxTime() > maxEnd) {
        maxEnd = b.meta().maxTime();
        last = b;
      }
    }
  }
}
