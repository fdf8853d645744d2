package dev.vigil.server.storage.tsdb.head;

/**
 * Decides when the head starts a new chunk: when the open one is full, or when the next sample
 * falls past the end of the chunk range the open chunk started in.
 *
 * <p>Ranges are aligned to the epoch ({@code [k*range, (k+1)*range)}), the same grid blocks are cut
 * on, so compaction never has to split a chunk. Unlike Prometheus we do not stretch or shrink
 * chunks to spread samples evenly before a boundary: with scrape intervals that divide the range
 * (15 s into 2 h is 480 = 4 x 120) the counts come out even anyway.
 */
public final class ChunkCutRule {

  private final int samplesPerChunk;
  private final long rangeMillis;

  /** A rule cutting at {@code samplesPerChunk} samples and at multiples of {@code rangeMillis}. */
  public ChunkCutRule(int samplesPerChunk, long rangeMillis) {
    if (samplesPerChunk < 1 || rangeMillis < 1) {
      throw new IllegalArgumentException(
          "samplesPerChunk and rangeMillis must be positive, got "
              + samplesPerChunk
              + " and "
              + rangeMillis);
    }
    this.samplesPerChunk = samplesPerChunk;
    this.rangeMillis = rangeMillis;
  }

  /** The sample count at which a chunk is cut; most chunks reach it. */
  int samplesPerChunk() {
    return samplesPerChunk;
  }

  /** Whether a sample at {@code t} (after the chunk's samples) must go to a new chunk. */
  public boolean shouldCut(int samplesInChunk, long chunkMinTime, long t) {
    long rangeStart = Math.floorDiv(chunkMinTime, rangeMillis) * rangeMillis;
    // Unsigned, because t - rangeStart lies in [0, 2^64) and must not overflow near Long's ends.
    return samplesInChunk >= samplesPerChunk
        || Long.compareUnsigned(t - rangeStart, rangeMillis) >= 0;
  }
}
