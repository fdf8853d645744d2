package dev.vigil.server.storage.tsdb.chunk;

import dev.vigil.server.storage.SampleIterator;

/**
 * A chunk in the {@link ChunkEncoding#INT} encoding: samples whose values are all integers in the
 * range of a long, stored as varbit deltas (order 1) or deltas-of-deltas (order 2) of those
 * integers; timestamps as in the XOR chunk. Layout in docs/format/chunks.md.
 *
 * <p>Built by {@link CompactChunkBuilder} when it has the whole run of samples, never by the head:
 * whether a series is integral is only known once its samples are in.
 */
public final class IntChunk implements Chunk {

  /** Bytes before the bit stream: the sample count (2) and the value order (1). */
  static final int HEADER_BYTES = 3;

  private static final long NEG_ZERO = Double.doubleToRawLongBits(-0.0);

  /** The most samples the 2-byte count can describe. */
  public static final int MAX_SAMPLES = 0xffff;

  private final byte[] data;
  private final int numSamples;
  private final int order;

  private IntChunk(byte[] data, int numSamples, int order) {
    this.data = data;
    this.numSamples = numSamples;
    this.order = order;
  }

  /**
   * A chunk over stored bytes, which are not copied and must not change afterwards.
   *
   * @throws ChunkFormatException when the header is short or names an unknown value order
   */
  public static IntChunk wrap(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      throw new ChunkFormatException(
          "INT chunk needs a " + HEADER_BYTES + "-byte header, got " + bytes.length + " bytes", 0);
    }
    int count = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
    int order = bytes[2] & 0xff;
    if (order != 1 && order != 2) {
      throw new ChunkFormatException("INT chunk value order must be 1 or 2, got " + order, 16);
    }
    return new IntChunk(bytes, count, order);
  }

  /**
   * Whether {@code v} can be stored in an INT chunk: an integer in {@code [-2^63, 2^63)} other
   * than -0.0, so converting it to a long and back restores the identical bits. NaN (including
   * the stale marker), the infinities and -0.0 are not.
   */
  public static boolean isIntegral(double v) {
    return v >= -0x1p63
        && v < 0x1p63
        && v == Math.rint(v)
        && Double.doubleToRawLongBits(v) != NEG_ZERO;
  }

  /**
   * Encodes {@code n} samples whose values are all {@link #isIntegral}, with value order 1 (delta)
   * or 2 (delta-of-delta). Timestamps must strictly increase.
   */
  static IntChunk encode(long[] ts, double[] vs, int n, int order) {
    if (n > MAX_SAMPLES) {
      throw new IllegalArgumentException("INT chunk holds at most " + MAX_SAMPLES + ", got " + n);
    }
    BitWriter w = new BitWriter(HEADER_BYTES + n);
    w.writeBits(n, 16);
    w.writeByte(order);
    long prevT = 0;
    long prevDelta = 0;
    long prevV = 0;
    long prevVDelta = 0;
    for (int i = 0; i < n; i++) {
      long t = ts[i];
      long v = (long) vs[i];
      if (i == 0) {
        w.writeVarint(t);
        w.writeVarint(v);
      } else {
        if (t <= prevT) {
          throw new IllegalArgumentException(
              "timestamp " + t + " is not after the previous timestamp " + prevT);
        }
        long delta = t - prevT;
        if (i == 1) {
          w.writeUvarint(delta);
        } else {
          long dod = delta - prevDelta;
          DodBucket.forDod(dod).write(w, dod);
        }
        prevDelta = delta;
        // Wrapping arithmetic as for timestamps: the decoder adds back with the same wrap.
        long vDelta = v - prevV;
        ValueBucket.write(w, order == 1 ? vDelta : vDelta - prevVDelta);
        prevVDelta = vDelta;
      }
      prevT = t;
      prevV = v;
    }
    return new IntChunk(w.toByteArray(), n, order);
  }

  @Override
  public ChunkEncoding encoding() {
    return ChunkEncoding.INT;
  }

  @Override
  public int numSamples() {
    return numSamples;
  }

  /** 1 when values are stored as deltas, 2 as deltas-of-deltas. */
  public int order() {
    return order;
  }

  /** Size of the encoded form in bytes, header included. */
  public int byteLength() {
    return data.length;
  }

  @Override
  public byte[] bytes() {
    return data.clone();
  }

  /** {@inheritDoc} Decoding errors surface as {@link ChunkFormatException}. */
  @Override
  public SampleIterator iterator() {
    return new IntIterator(data, numSamples, order);
  }
}
