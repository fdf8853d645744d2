package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.model.LabelMatcher;
import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.Series;
import dev.vigil.server.storage.SeriesSet;
import dev.vigil.server.storage.tsdb.chunk.CompactChunkBuilder;
import dev.vigil.server.storage.tsdb.chunk.XorChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an immutable block from any {@link Querier}'s series: samples are re-encoded into long
 * chunks (up to {@link #maxSamplesPerChunk}), written under {@code <id>.tmp}, fsynced and
 * published by an atomic rename. The head flushes through it; the compactor reuses it on a merged
 * view of several blocks.
 */
public final class BlockWriter {

  /**
   * Default chunk length in blocks. Head chunks stop at 120 samples to bound the cost of appends
   * and of re-reading an open chunk; in a block nothing appends, and longer chunks spread the
   * per-chunk header (first timestamp, 64-bit first value, count, CRC, index entry) over more
   * samples. Seeking decodes from the chunk start, so we stop well short of the 65,535 maximum.
   */
  public static final int DEFAULT_MAX_SAMPLES_PER_CHUNK = 2048;

  private static final LabelMatcher ALL = LabelMatcher.of(LabelMatcher.Type.REGEX, "__name__", ".*");

  private static final long[] NO_CHUNKS = new long[0];

  private final int maxSamplesPerChunk;

  /** A writer cutting chunks at {@code maxSamplesPerChunk} samples. */
  public BlockWriter(int maxSamplesPerChunk) {
    if (maxSamplesPerChunk < 1 || maxSamplesPerChunk > XorChunk.MAX_SAMPLES) {
      throw new IllegalArgumentException("maxSamplesPerChunk out of range: " + maxSamplesPerChunk);
    }
    this.maxSamplesPerChunk = maxSamplesPerChunk;
  }

  /** A writer with {@link #DEFAULT_MAX_SAMPLES_PER_CHUNK}. */
  public BlockWriter() {
    this(DEFAULT_MAX_SAMPLES_PER_CHUNK);
  }

  /**
   * Writes a level-1 block of every sample of {@code source} in {@code [minTime, maxTime)}.
   *
   * @param dataDir the directory holding blocks; the new one becomes {@code dataDir/<id>}
   * @throws IllegalArgumentException when there is no sample in range: we never write empty blocks
   */
  public BlockMeta write(Path dataDir, Querier source, long minTime, long maxTime) {
    return write(dataDir, source, minTime, maxTime, 1, null);
  }

  /**
   * Writes a block at compaction {@code level} recording {@code sources} (null: the block itself).
   */
  BlockMeta write(
      Path dataDir, Querier source, long minTime, long maxTime, int level, List<String> sources) {
    if (minTime >= maxTime) {
      throw new IllegalArgumentException("empty range [" + minTime + ", " + maxTime + ")");
    }
    String id = BlockId.next(System.currentTimeMillis());
    Path tmp = dataDir.resolve(id + BlockFiles.TMP_SUFFIX);
    try {
      Files.createDirectories(tmp);
      List<SeriesEntry> entries = new ArrayList<>();
      long samples = 0;
      long chunks = 0;
      try (ChunkWriter cw = new ChunkWriter(tmp)) {
        // One builder for the whole block: it empties itself on every seal.
        CompactChunkBuilder builder = new CompactChunkBuilder();
        SeriesSet set = source.select(true, List.of(ALL));
        while (set.next()) {
          Series s = set.at();
          long[] meta = writeChunks(cw, builder, s.iterator(), minTime, maxTime);
          if (meta.length > 0) {
            entries.add(new SeriesEntry(s.labels(), meta));
            chunks += meta.length / 4;
            samples += sampleCount(meta);
          }
        }
      }
      if (entries.isEmpty()) {
        BlockFiles.deleteRecursively(tmp);
        throw new IllegalArgumentException(
            "no samples in [" + minTime + ", " + maxTime + "): refusing to write an empty block");
      }
      List<SeriesEntry> index = new ArrayList<>(entries.size());
      for (SeriesEntry e : entries) {
        index.add(new SeriesEntry(e.labels(), stripCounts(e.chunks())));
      }
      IndexWriter.write(tmp, index);
      BlockMeta meta =
          new BlockMeta(
              id,
              minTime,
              maxTime,
              entries.size(),
              samples,
              chunks,
              level,
              sources == null ? List.of(id) : sources);
      meta.write(tmp);
      BlockFiles.publish(tmp, dataDir.resolve(id));
      return meta;
    } catch (IOException e) {
      try {
        BlockFiles.deleteRecursively(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot write block " + tmp, e);
    } catch (RuntimeException e) {
      // A source that fails mid-read (a damaged parent in a compaction) must not leave a
      // half-written .tmp directory behind until the next start.
      try {
        BlockFiles.deleteRecursively(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Re-encodes a series' samples in range into chunks; returns (minT, maxT, ref, count) per chunk.
   */
  private long[] writeChunks(ChunkWriter cw, CompactChunkBuilder app, SampleIterator it,
      long minTime, long maxTime) throws IOException {
    long[] out = NO_CHUNKS;
    int n = 0;
    long lastT = Long.MIN_VALUE;
    boolean more = it.seek(minTime);
    while (more && it.timestamp() < maxTime) {
      long t = it.timestamp();
      if (n > 0 && t <= lastT) {
        throw new IllegalStateException("source series not in strict time order at " + t);
      }
      if (app.numSamples() == maxSamplesPerChunk) {
        out = flush(cw, app, out);
      }
      app.append(t, it.value());
      lastT = t;
      n++;
      more = it.next();
    }
    if (app.numSamples() > 0) {
      out = flush(cw, app, out);
    }
    return out;
  }

  private static long[] flush(ChunkWriter cw, CompactChunkBuilder app, long[] out)
      throws IOException {
    long[] grown = Arrays.copyOf(out, out.length + 4);
    grown[out.length] = app.firstTimestamp();
    grown[out.length + 1] = app.lastTimestamp();
    grown[out.length + 3] = app.numSamples();
    // Sealing picks the smallest encoding for the run (XOR, or INT for integral values).
    grown[out.length + 2] = cw.write(app.seal());
    return grown;
  }

  private static long sampleCount(long[] meta) {
    long total = 0;
    for (int i = 3; i < meta.length; i += 4) {
      total += meta[i];
    }
    return total;
  }

  private static long[] stripCounts(long[] meta) {
    long[] out = new long[meta.length / 4 * 3];
    for (int i = 0, j = 0; i < meta.length; i += 4, j += 3) {
      out[j] = meta[i];
      out[j + 1] = meta[i + 1];
      out[j + 2] = meta[i + 2];
    }
    return out;
  }
}
