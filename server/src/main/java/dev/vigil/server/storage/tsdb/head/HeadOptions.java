package dev.vigil.server.storage.tsdb.head;

import dev.vigil.server.storage.tsdb.chunk.XorChunk;

/**
 * Tuning of a {@link Head}: how chunks are cut, how the series map is striped and the initial lower
 * bound for accepted timestamps. Immutable; build with {@link #builder()}.
 *
 * <p>These live beside the head rather than in a {@code storage.tsdb} root class so the head does
 * not depend on the package that will own it (the future Tsdb composes these).
 */
public final class HeadOptions {

  /** Prometheus's target, which keeps a chunk around 120 to 200 bytes for scrape data. */
  public static final int DEFAULT_SAMPLES_PER_CHUNK = 120;

  /** Two hours: Prometheus's smallest block, so a chunk never straddles a block boundary. */
  public static final long DEFAULT_CHUNK_RANGE_MILLIS = 2 * 60 * 60 * 1000L;

  /** Stripes of the series map; a power of two. */
  public static final int DEFAULT_STRIPES = 1024;

  private final int samplesPerChunk;
  private final long chunkRangeMillis;
  private final int stripes;
  private final long minValidTime;

  private HeadOptions(Builder b) {
    this.samplesPerChunk = b.samplesPerChunk;
    this.chunkRangeMillis = b.chunkRangeMillis;
    this.stripes = b.stripes;
    this.minValidTime = b.minValidTime;
  }

  /** The defaults. */
  public static HeadOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A chunk is cut once it holds this many samples. */
  public int samplesPerChunk() {
    return samplesPerChunk;
  }

  /** Chunks never span a multiple of this (block boundaries, aligned to the epoch). */
  public long chunkRangeMillis() {
    return chunkRangeMillis;
  }

  /** Number of lock stripes in the series map. */
  public int stripes() {
    return stripes;
  }

  /** Samples older than this are refused as too old until the head is truncated further. */
  public long minValidTime() {
    return minValidTime;
  }

  /** The chunk cut rule these options describe. */
  public ChunkCutRule cutRule() {
    return new ChunkCutRule(samplesPerChunk, chunkRangeMillis);
  }

  /** Collects options; {@link #build()} validates them. */
  public static final class Builder {
    private int samplesPerChunk = DEFAULT_SAMPLES_PER_CHUNK;
    private long chunkRangeMillis = DEFAULT_CHUNK_RANGE_MILLIS;
    private int stripes = DEFAULT_STRIPES;
    private long minValidTime = Long.MIN_VALUE;

    private Builder() {}

    public Builder samplesPerChunk(int n) {
      this.samplesPerChunk = n;
      return this;
    }

    public Builder chunkRangeMillis(long millis) {
      this.chunkRangeMillis = millis;
      return this;
    }

    public Builder stripes(int n) {
      this.stripes = n;
      return this;
    }

    public Builder minValidTime(long t) {
      this.minValidTime = t;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the first option out of range
     */
    public HeadOptions build() {
      if (samplesPerChunk < 1 || samplesPerChunk > XorChunk.MAX_SAMPLES) {
        throw new IllegalArgumentException(
            "samplesPerChunk must be in 1.." + XorChunk.MAX_SAMPLES + ", got " + samplesPerChunk);
      }
      if (chunkRangeMillis < 1) {
        throw new IllegalArgumentException(
            "chunkRangeMillis must be positive, got " + chunkRangeMillis);
      }
      if (stripes < 1 || Integer.bitCount(stripes) != 1) {
        throw new IllegalArgumentException("stripes must be a power of two, got " + stripes);
      }
      return new HeadOptions(this);
    }
  }
}
