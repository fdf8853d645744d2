package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.storage.SampleIterator;
import dev.vigil.server.storage.tsdb.chunk.ChunkSequenceIterator;
import dev.vigil.server.storage.tsdb.chunk.Chunk;

/**
 * Iterates a head series' chunks (a snapshot of the chunk list and its {@code [min, max]} time
 * pairs), showing only samples within {@code [minTime, maxTime]}.
 */
final class HeadSeriesIterator extends ChunkSequenceIterator {

  private final Chunk[] chunks;
  private final long[] times;

  HeadSeriesIterator(Chunk[] chunks, long[] times, long minTime, long maxTime) {
    super(minTime, maxTime);
    this.chunks = chunks;
    this.times = times;
  }

  @Override
  protected int chunkCount() {
    return chunks.length;
  }

  @Override
  protected long chunkMaxTime(int i) {
    return times[2 * i + 1];
  }

  @Override
  protected SampleIterator openChunk(int i) {
    return chunks[i].iterator();
  }
}
