package dev.vigil.server.storage.tsdb;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.block.Block;
import dev.vigil.server.storage.tsdb.block.BlockFiles;
import dev.vigil.server.storage.tsdb.block.BlockMeta;
import dev.vigil.server.storage.tsdb.block.BlockWriter;
import dev.vigil.server.storage.tsdb.head.Head;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link HeadCompactionHook} that writes a head range as a level-1 block and adds it to the
 * live {@link BlockSet}.
 *
 * <p>Steps and what a crash after each leaves (the full lifecycle is in docs/format/block.md):
 *
 * <ol>
 *   <li>raise the head's lower bound to the range's end and wait for in-flight commits, so the
 *       head can no longer gain a sample in the range; crash: nothing on disk changed.
 *   <li>write the block under {@code <id>.tmp}, fsync, rename, fsync the directory; crash before
 *       the rename: the start removes the {@code .tmp} and replays the WAL, which still holds
 *       everything.
 *   <li>publish the block to queries. Then {@link HeadMaintenance} truncates the head and
 *       checkpoints the WAL. Crash before the checkpoint: the WAL still holds the range, but the
 *       start raises the head's bound to the newest block's end before replay, so replay skips
 *       exactly the samples the block holds: nothing is lost or counted twice.
 * </ol>
 */
final class HeadFlusher implements HeadCompactionHook {

  private static final System.Logger logger = System.getLogger(HeadFlusher.class.getName());

  /** Every series, as the block writer selects them. */
  private static final LabelMatcher ALL =
      LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".*");

  private final Path dataDir;
  private final BlockSet blocks;
  private final BlockWriter writer;
  final LongAdder flushes = new LongAdder();

  HeadFlusher(Path dataDir, BlockSet blocks, BlockWriter writer) {
    this.dataDir = dataDir;
    this.blocks = blocks;
    this.writer = writer;
  }

  @Override
  public boolean onHeadCompactable(Head head, long mint, long maxt) {
    head.raiseMinValidTime(maxt);
    BlockMeta meta;
    try (Querier q = head.querier(mint, maxt - 1)) {
      if (!hasSamples(q, mint, maxt)) {
        // Nothing to persist (e.g. a gap in scraping): the head may drop the range as it is.
        return true;
      }
      meta = writer.write(dataDir, q, mint, maxt);
    }
    Block block;
    try {
      block = Block.open(dataDir.resolve(meta.id()));
    } catch (RuntimeException e) {
      // Not left behind: the retry writes the range again, and two copies would overlap.
      BlockFiles.delete(dataDir.resolve(meta.id()));
      throw e;
    }
    blocks.swap(List.of(block), Set.of());
    flushes.increment();
    logger.log(Level.INFO, "head range [" + mint + ", " + maxt + ") written as block "
        + meta.id() + ": " + meta.numSeries() + " series, " + meta.numSamples() + " samples");
    return true;
  }

  /** Whether any series has a sample in {@code [mint, maxt)}: blocks are never empty. */
  private static boolean hasSamples(Querier q, long mint, long maxt) {
    SeriesSet set = q.select(false, List.of(ALL));
    while (set.next()) {
      SampleIterator it = set.at().iterator();
      if (it.seek(mint) && it.timestamp() < maxt) {
        return true;
      }
    }
    return false;
  }
}
