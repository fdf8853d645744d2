package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.storage.Querier;
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
  private final BlockMeta meta;
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
