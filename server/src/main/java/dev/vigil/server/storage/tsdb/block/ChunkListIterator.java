package dev.vigil.server.storage.tsdb.block;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.ChunkSequenceIterator;

/**
 * Iterates a block series' chunks in order, reading each from disk only when reached, showing only
 * samples within {@code [minTime, maxTime]} and skipping whole chunks on seek by their time range.
 */
final class ChunkListIterator extends ChunkSequenceIterator {

  private final SeriesEntry entry;
  private final ChunkReader reader;

  ChunkListIterator(SeriesEntry entry, ChunkReader reader, long minTime, long maxTime) {
    super(minTime, maxTime);
    this.entry = entry;
    this.reader = reader;
  }

  @Override
  protected int chunkCount() {
    return entry.numChunks();
  }

  @Override
  protected long chunkMaxTime(int i) {
    return entry.maxTime(i);
  }

  @Override
  protected SampleIterator openChunk(int i) {
    return reader.read(entry.ref(i)).iterator();
  }
}
