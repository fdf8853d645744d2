package dev.vigil.server.storage.tsdb;

import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFiles;
import dev.vigil.server.storage.tsdb.block.BlockId;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens the blocks of a data directory at startup: removes what interrupted writes and deletions
 * left, moves damaged blocks aside, drops blocks a later compaction already holds, opens the rest
 * oldest first and logs overlaps (queries merge them; the next compaction joins them).
 */
final class BlockLoader {

  private static final System.Logger logger = System.getLogger(BlockLoader.class.getName());

  /**
   * Suffix of a block directory that could not be opened. Not a block id, so later starts ignore
   * it; not {@code .tmp}/{@code .deleted}, so nothing deletes it: the operator decides.
   */
  static final String QUARANTINE_SUFFIX = ".corrupted";

  private BlockLoader() {}

  /**
   * The blocks of {@code dataDir}, sorted by start time. A block that cannot be opened (missing
   * or malformed meta.json, damaged index, unreadable chunk segments) is logged with its path and
   * the cause and renamed to {@code <id>.corrupted}; the others load as usual.
   *
   * <p>Prometheus refuses to start instead. We keep serving: a monitoring server that stays down
   * over one damaged 2 h block loses the data it would have scraped meanwhile, and the rename
   * keeps the files for inspection. Data the WAL still holds for that range is replayed into the
   * head, since the head's lower bound comes from the blocks that did load.
   *
   * @throws IOException when the directory cannot be listed
   */
  static List<Block> load(Path dataDir) throws IOException {
    BlockFiles.cleanLeftovers(dataDir);
    List<Block> blocks = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(dataDir)) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        if (Files.isDirectory(p) && BlockId.isValid(p.getFileName().toString())) {
          try {
            blocks.add(Block.open(p));
          } catch (RuntimeException e) {
            // Broader than BlockFormatException on purpose: a file that passes its CRC yet makes
            // the reader fail is damage too, and the rename loses nothing.
            quarantine(p, e);
          }
        }
      }
    }
    blocks = dropSubsumed(blocks);
    blocks.sort(Comparator.comparingLong((Block b) -> b.meta().minTime())
        .thenComparing(b -> b.meta().id()));
    logOverlaps(blocks);
    return blocks;
  }

  /** Directories of {@code dataDir} that a start moved aside as damaged. */
  static long quarantined(Path dataDir) {
    try (Stream<Path> dirs = Files.list(dataDir)) {
      return dirs.filter(p -> p.getFileName().toString().endsWith(QUARANTINE_SUFFIX)).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }

  private static void quarantine(Path block, RuntimeException cause) {
    // An I/O failure's own message is only "cannot open block"; its cause names the file.
    String why = cause instanceof java.io.UncheckedIOException && cause.getCause() != null
        ? cause.getCause().toString() : cause.getMessage();
    Path aside = block.resolveSibling(block.getFileName() + QUARANTINE_SUFFIX);
    try {
      Files.move(block, aside, StandardCopyOption.ATOMIC_MOVE);
      logger.log(Level.ERROR, "cannot open block " + block + ": " + why
          + "; moved it to " + aside + " and started without it", cause);
    } catch (IOException e) {
      cause.addSuppressed(e);
      logger.log(Level.ERROR, "cannot open block " + block + ": " + why
          + "; starting without it (moving it aside failed too: " + e + ")", cause);
    }
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
