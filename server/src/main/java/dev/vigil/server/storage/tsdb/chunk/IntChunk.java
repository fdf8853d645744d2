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

  /**
   * Bytes before the bit stream: the sample count (2), then one byte of timestamp mode (bits 7-4),
   * value table (bits 3-2) and value order (bits 1-0).
   */
  static final int HEADER_BYTES = 3;

  private static final long NEG_ZERO = Double.doubleToRawLongBits(-0.0);

  /** The most samples the 2-byte count can describe. */
  public static final int MAX_SAMPLES = 0xffff;

  private final byte[] data;
  private final int numSamples;
  private final int order;
  private final int tsMode;
  private final ValueBucket table;

  private IntChunk(byte[] data, int numSamples, int order, int tsMode, ValueBucket table) {
    this.data = data;
    this.numSamples = numSamples;
    this.order = order;
    this.tsMode = tsMode;
    this.table = table;
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
    int order = bytes[2] & 0x03;
    int table = (bytes[2] >>> 2) & 0x03;
    int tsMode = (bytes[2] & 0xff) >>> 4;
    if (order != 1 && order != 2) {
      throw new ChunkFormatException("INT chunk value order must be 1 or 2, got " + order, 22);
    }
    if (table >= ValueBucket.values().length) {
      throw new ChunkFormatException("INT chunk value table must be 0 or 1, got " + table, 20);
    }
    if (tsMode != TS_BUCKETS && tsMode != TS_EXCEPTIONS) {
      throw new ChunkFormatException("INT chunk timestamp mode must be 1 or 2, got " + tsMode, 16);
    }
    return new IntChunk(bytes, count, order, tsMode, ValueBucket.forTable(table));
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

  /** Timestamp mode: a dod bucket per sample, interleaved with the values, as in XOR chunks. */
  static final int TS_BUCKETS = 1;

  /**
   * Timestamp mode: only the non-zero dods, as (gap, dod) pairs ahead of the values. Aligned scrapes
   * make nearly every dod zero, and then even the one bit per sample of {@link #TS_BUCKETS} is
   * most of what a constant series costs.
   */
  static final int TS_EXCEPTIONS = 2;

  /**
   * Encodes {@code n} samples whose values are all {@link #isIntegral}, with value order 1 (delta)
   * or 2 (delta-of-delta), the given timestamp mode and value table. Timestamps must strictly
   * increase.
   */
  static IntChunk encode(long[] ts, double[] vs, int n, int order, int tsMode, ValueBucket table) {
    if (n > MAX_SAMPLES) {
      throw new IllegalArgumentException("INT chunk holds at most " + MAX_SAMPLES + ", got " + n);
    }
    BitWriter w = new BitWriter(HEADER_BYTES + n);
    w.writeBits(n, 16);
    w.writeByte(tsMode << 4 | table.ordinal() << 2 | order);
    if (n == 0) {
      return new IntChunk(w.toByteArray(), 0, order, tsMode, table);
    }
    w.writeVarint(ts[0]);
    w.writeVarint((long) vs[0]);
    if (n > 1) {
      requireAfter(ts[1], ts[0]);
      w.writeUvarint(ts[1] - ts[0]);
    }
    if (tsMode == TS_EXCEPTIONS) {
      writeExceptions(w, ts, n);
    }
    writeSamples(w, ts, vs, n, order, tsMode == TS_BUCKETS, table);
    return new IntChunk(w.toByteArray(), n, order, tsMode, table);
  }

  /** The per-sample part: a dod bucket (when {@code buckets}) and a value row per sample. */
  private static void writeSamples(
      BitWriter w, long[] ts, double[] vs, int n, int order, boolean buckets, ValueBucket table) {
    long prevV = (long) vs[0];
    long prevVDelta = 0;
    for (int i = 1; i < n; i++) {
      if (buckets && i >= 2) {
        long dod = dod(ts, i);
        DodBucket.forDod(dod).write(w, dod);
      }
      long v = (long) vs[i];
      // Wrapping arithmetic as for timestamps: the decoder adds back with the same wrap.
      long vDelta = v - prevV;
      table.write(w, order == 1 ? vDelta : vDelta - prevVDelta);
      prevVDelta = vDelta;
      prevV = v;
    }
  }

  /**
   * Encodes {@code n} integral samples with the value order, timestamp mode and value table that
   * give the fewest bits. Costs are counted rather than encoded, so only the winner is written.
   *
   * <p>Each loop lives in a method of its own. Why: the head seals every series' chunk at about
   * the same time, so these loops get hot in bursts, and the JIT compiles a hot loop on its own
   * (on-stack replacement) as a copy of the whole method that holds it, with all it inlined: one
   * method with three loops was compiled at the top tier four times per run, the largest compile
   * of the seal path (docs/performance.md, "Warm-up and fixed costs (session 9)").
   */
  static IntChunk encodeSmallest(long[] ts, double[] vs, int n) {
    int tsMode = cheaperTimestampMode(ts, n);
    int code = cheapestValueCode(vs, n);
    return encode(ts, vs, n, code % 2 + 1, tsMode, ValueBucket.forTable(code / 2));
  }

  /** {@link #TS_EXCEPTIONS} when listing the non-zero dods takes fewer bits than a bucket each. */
  private static int cheaperTimestampMode(long[] ts, int n) {
    long bucketBits = 0;
    long exceptionBytes = 0;
    int exceptions = 0;
    int lastException = 1;
    for (int i = 2; i < n; i++) {
      long dod = dod(ts, i);
      DodBucket b = DodBucket.forDod(dod);
      bucketBits += b.prefixBits + b.payloadBits;
      if (dod != 0) {
        exceptions++;
        exceptionBytes += uvarintBytes(i - lastException) + uvarintBytes((dod << 1) ^ (dod >> 63));
        lastException = i;
      }
    }
    exceptionBytes += uvarintBytes(exceptions);
    return exceptionBytes * 8 < bucketBits ? TS_EXCEPTIONS : TS_BUCKETS;
  }

  /**
   * The value encoding with the fewest bits as {@code 2 * table + order - 1}: the four pairs of
   * {@link ValueBucket} table and value order (1: deltas, 2: deltas-of-deltas), first wins a tie.
   */
  private static int cheapestValueCode(double[] vs, int n) {
    ValueBucket[] tables = ValueBucket.values();
    long[] cost = new long[2 * tables.length];
    long prevV = n > 0 ? (long) vs[0] : 0;
    long prevVDelta = 0;
    for (int i = 1; i < n; i++) {
      long v = (long) vs[i];
      long vDelta = v - prevV;
      for (int t = 0; t < tables.length; t++) {
        cost[2 * t] += tables[t].cost(vDelta);
        cost[2 * t + 1] += tables[t].cost(vDelta - prevVDelta);
      }
      prevVDelta = vDelta;
      prevV = v;
    }
    int best = 0;
    for (int k = 1; k < cost.length; k++) {
      if (cost[k] < cost[best]) {
        best = k;
      }
    }
    return best;
  }

  private static int uvarintBytes(long x) {
    return x == 0 ? 1 : (64 - Long.numberOfLeadingZeros(x) + 6) / 7;
  }

  private static void writeExceptions(BitWriter w, long[] ts, int n) {
    w.writeUvarint(countExceptions(ts, n));
    int last = 1;
    for (int i = 2; i < n; i++) {
      long dod = dod(ts, i);
      if (dod != 0) {
        w.writeUvarint(i - last);
        w.writeVarint(dod);
        last = i;
      }
    }
  }

  private static int countExceptions(long[] ts, int n) {
    int count = 0;
    for (int i = 2; i < n; i++) {
      if (dod(ts, i) != 0) {
        count++;
      }
    }
    return count;
  }

  private static long dod(long[] ts, int i) {
    requireAfter(ts[i], ts[i - 1]);
    return (ts[i] - ts[i - 1]) - (ts[i - 1] - ts[i - 2]);
  }

  private static void requireAfter(long t, long prev) {
    if (t <= prev) {
      throw new IllegalArgumentException(
          "timestamp " + t + " is not after the previous timestamp " + prev);
    }
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

  /** The value table: 0 ({@code NARROW}) or 1 ({@code WIDE}). */
  public int valueTable() {
    return table.ordinal();
  }

  /** {@link #TS_BUCKETS} or {@link #TS_EXCEPTIONS}. */
  public int timestampMode() {
    return tsMode;
  }

  /** Size of the encoded form in bytes, header included. */
  @Override
  public int byteLength() {
    return data.length;
  }

  @Override
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(data, 0, dst, offset, data.length);
  }

  @Override
  public byte[] bytes() {
    return data.clone();
  }

  /** {@inheritDoc} Decoding errors surface as {@link ChunkFormatException}. */
  @Override
  public SampleIterator iterator() {
    return new IntIterator(data, numSamples, order, tsMode == TS_EXCEPTIONS, table);
  }
}
