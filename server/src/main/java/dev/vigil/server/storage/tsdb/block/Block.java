package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.ChunkFormatException;
import dev.vigil.server.storage.tsdb.index.Postings;
import dev.vigil.server.storage.tsdb.index.PostingsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An opened, immutable on-disk block: its meta, a {@link PostingsSource} over its index, and
 * queriers over any part of its range. Thread-safe; many queriers may be open at once.
 *
 * <p>Files are memory-mapped, and Java unmaps only when the buffers are collected, so on Linux a
 * block directory may be deleted while queriers still read it; the space returns after GC.
 */
public final class Block {

  private final Path dir;
  /** Replaced only by {@link #markCompactionFailed}; everything else about a block is fixed. */
  private volatile BlockMeta meta;
  private final IndexReader index;
  private final ChunkReader chunks;

  private Block(Path dir, BlockMeta meta, IndexReader index, ChunkReader chunks) {
    this.dir = dir;
    this.meta = meta;
    this.index = index;
    this.chunks = chunks;
  }

  /**
   * Opens the block in {@code dir}, verifying the index's CRCs.
   *
   * @throws BlockFormatException naming the file and section when the block is damaged
   */
  public static Block open(Path dir) {
    try {
      BlockMeta meta = BlockMeta.read(dir);
      if (!meta.id().equals(dir.getFileName().toString())) {
        throw new BlockFormatException(
            dir.resolve(BlockMeta.FILE) + ": id " + meta.id() + " does not match the directory");
      }
      return new Block(dir, meta, new IndexReader(dir), new ChunkReader(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open block " + dir, e);
    }
  }

  public Path dir() {
    return dir;
  }

  public BlockMeta meta() {
    return meta;
  }

  /**
   * Reads every chunk of every series in the index, checking CRCs and decoding every sample: what
   * a compaction would read, so a failed compaction can tell a damaged parent from a failure of
   * its own (a full disk, say) without trusting the text of the error.
   *
   * @throws BlockFormatException naming the file and offset of the first damage found
   */
  public void verify() {
    Postings all = index.allPostings();
    while (all.next()) {
      SeriesEntry e = index.series(all.at());
      for (int i = 0; i < e.numChunks(); i++) {
        try {
          SampleIterator it = chunks.read(e.ref(i)).iterator();
          while (it.next()) {
            // decoding each sample is the check
          }
        } catch (ChunkFormatException ex) {
          throw new BlockFormatException(
              dir + ": series " + e.labels() + ", chunk " + i + ": " + ex.getMessage(), ex);
        }
      }
    }
  }

  /**
   * Records in {@code meta.json} (atomically) and in memory that compacting this block failed, so
   * the planner skips it from now on, across restarts too. Queries keep reading it.
   *
   * @throws UncheckedIOException when meta.json cannot be rewritten; the mark then holds only
   *     until the process ends
   */
  public synchronized void markCompactionFailed() {
    if (meta.compactionFailed()) {
      return;
    }
    BlockMeta marked = meta.withCompactionFailed();
    meta = marked;
    try {
      marked.rewrite(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot mark " + dir.resolve(BlockMeta.FILE) + " failed", e);
    }
  }

  /** The block's inverted index, for {@code PostingsForMatchers}. */
  public PostingsSource postings() {
    return index;
  }

  /** A read view over samples in {@code [minTime, maxTime]} (inclusive, as Storage's). */
  public Querier querier(long minTime, long maxTime) {
    return new BlockQuerier(this, index, chunks, minTime, maxTime);
  }

  @Override
  public String toString() {
    return "Block[" + meta.id() + " " + meta.minTime() + ".." + meta.maxTime() + "]";
  }
}
