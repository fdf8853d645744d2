package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;
import java.util.Arrays;

/**
 * Collects a run of samples and seals them into the smallest chunk among the encodings that can
 * hold them: {@link ChunkEncoding#XOR} always, {@link ChunkEncoding#INT} (deltas or
 * deltas-of-deltas; timestamps per sample or as a list of exceptions) when every value is {@linkplain IntChunk#isIntegral integral}.
 *
 * <p>Used where the whole chunk is known before it is written (block writing and compaction).
 * Choosing by encoded size rather than by a rule on the values keeps the choice right for any
 * data; among the INT variants the cheapest is found by counting bits, so at most two encodings
 * are written per chunk.
 */
public final class CompactChunkBuilder {

  private long[] ts = new long[64];
  private double[] vs = new double[64];
  private int n;
  private boolean integral = true;

  /**
   * Adds a sample.
   *
   * @throws IllegalArgumentException when {@code t} is not after the previous timestamp
   * @throws IllegalStateException when the builder holds {@link XorChunk#MAX_SAMPLES} already
   */
  public void append(long t, double v) {
    if (n > 0 && t <= ts[n - 1]) {
      throw new IllegalArgumentException(
          "timestamp " + t + " is not after the chunk's last timestamp " + ts[n - 1]);
    }
    if (n == XorChunk.MAX_SAMPLES) {
      throw new IllegalStateException("chunk full at " + n + " samples");
    }
    if (n == ts.length) {
      ts = Arrays.copyOf(ts, n * 2);
      vs = Arrays.copyOf(vs, n * 2);
    }
    ts[n] = t;
    vs[n] = v;
    integral &= IntChunk.isIntegral(v);
    n++;
  }

  /** Number of samples collected since the last {@link #seal()}. */
  public int numSamples() {
    return n;
  }

  /** Timestamp of the first sample; undefined while empty. */
  public long firstTimestamp() {
    return ts[0];
  }

  /** Timestamp of the last sample; undefined while empty. */
  public long lastTimestamp() {
    return ts[n - 1];
  }

  /**
   * {@code chunk} re-encoded as {@link ChunkEncoding#INT} when every value is integral and that is
   * smaller, else {@code chunk} itself. For the head's sealed chunks, which it keeps in memory for
   * up to a block range: counters and histogram buckets take a fraction of their XOR size.
   */
  public static Chunk smallest(XorChunk chunk) {
    int n = chunk.numSamples();
    long[] ts = new long[n];
    double[] vs = new double[n];
    if (!readIntegral(chunk, ts, vs)) {
      return chunk;
    }
    IntChunk c = IntChunk.encodeSmallest(ts, vs, n);
    return c.byteLength() < chunk.byteLength() ? c : chunk;
  }

  /**
   * Decodes {@code chunk} into {@code ts} and {@code vs}; false at the first value that is not
   * integral. A method of its own so that the JIT's compile of this hot loop (on-stack
   * replacement, see {@link IntChunk#encodeSmallest}) does not carry the encoder with it.
   */
  private static boolean readIntegral(XorChunk chunk, long[] ts, double[] vs) {
    SampleIterator it = chunk.iterator();
    for (int i = 0; i < ts.length && it.next(); i++) {
      double v = it.value();
      if (!IntChunk.isIntegral(v)) {
        return false; // one float settles it: most gauges stop at their first sample
      }
      ts[i] = it.timestamp();
      vs[i] = v;
    }
    return true;
  }

  /**
   * The smallest encoding of the samples collected, after which the builder is empty again.
   *
   * @throws IllegalStateException when no sample was collected
   */
  public Chunk seal() {
    if (n == 0) {
      throw new IllegalStateException("no samples to seal");
    }
    XorAppender xor = new XorAppender(n * 2 + 16);
    for (int i = 0; i < n; i++) {
      xor.append(ts[i], vs[i]);
    }
    Chunk best = xor.seal();
    int bestSize = xor.byteLength();
    if (integral) {
      IntChunk c = IntChunk.encodeSmallest(ts, vs, n);
      if (c.byteLength() < bestSize) {
        best = c;
      }
    }
    n = 0;
    integral = true;
    return best;
  }
}
